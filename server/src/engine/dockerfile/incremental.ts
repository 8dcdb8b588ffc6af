// Incremental parsing for the editor: a keystroke re-parses only the instruction it touched.
// The text is cut into blocks (an instruction with its continuation lines, or a comment line); a block
// whose text and start line are unchanged keeps the Instruction/Comment objects parsed before — their
// ranges and the text they read are still right — and a changed block is parsed alone, placed at its
// line. Files this cutter cannot mirror exactly (heredocs, another escape character, a parser-directive
// change) are parsed whole, as before.
import { DockerfileParser, Dockerfile, Instruction, Comment, ParserDirective } from 'dockerfile-ast';

export interface ParsedDockerfile {
  instructions: Instruction[];
  comments: Comment[];
  directives: ParserDirective[];
  escape: string;
  /** the whole-file AST when the text was parsed whole (null when assembled from blocks) */
  ast: Dockerfile | null;
}

interface Block { start: number; text: string; instructions: Instruction[]; comments: Comment[] }

const DIRECTIVE = /^\s*#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.*?)\s*$/;

/** Remembers the blocks of the last parse of one document. */
export class DockerfileParseCache {
  private blocks = new Map<string, Block>();
  private directiveText: string | null = null;
  /** how the last parse went, for tests and benchmarks */
  last: { reused: number; parsed: number; whole: boolean } = { reused: 0, parsed: 0, whole: true };

  parse(text: string): ParsedDockerfile {
    const lines = text.split('\n');
    let d = 0;
    while (d < lines.length && DIRECTIVE.test(lines[d])) d++;
    const directiveText = lines.slice(0, d).join('\n');
    const escapeDirective = lines.slice(0, d).some(l => /^\s*#\s*escape\s*=/i.test(l));
    // a lone \r ends a line for the parser but not for this cutter: such files are parsed whole
    if (escapeDirective || /\r(?!\n)/.test(text) || directiveText !== this.directiveText || this.blocks.size === 0) {
      return this.parseWhole(text, lines, directiveText);
    }
    const cut = cutBlocks(lines, d);
    if (!cut) return this.parseWhole(text, lines, directiveText);
    // a comment on the very first line may read as a parser directive: only a whole parse decides that
    if (cut[0]?.start === 0 && cut[0].text.trim().startsWith('#') && !this.blocks.has(`0\u0000${cut[0].text}`)) {
      return this.parseWhole(text, lines, directiveText);
    }
    const next = new Map<string, Block>();
    const instructions: Instruction[] = [];
    const comments: Comment[] = [];
    let reused = 0, parsed = 0;
    for (const { start, text: blockText } of cut) {
      const key = `${start}\u0000${blockText}`;
      let block = this.blocks.get(key);
      if (block) reused++;
      else {
        parsed++;
        // padding with newlines puts the block at its line, so every range the parser reports is right
        const ast = DockerfileParser.parse('\n'.repeat(start) + blockText);
        block = { start, text: blockText, instructions: ast.getInstructions(), comments: ast.getComments() };
      }
      next.set(key, block);
      instructions.push(...block.instructions);
      comments.push(...block.comments);
    }
    this.blocks = next;
    this.last = { reused, parsed, whole: false };
    const head = d ? DockerfileParser.parse(directiveText + '\n') : null;
    return { instructions, comments, directives: head ? head.getDirectives() : [], escape: '\\', ast: null };
  }

  private parseWhole(text: string, lines: string[], directiveText: string): ParsedDockerfile {
    const ast = DockerfileParser.parse(text);
    const instructions = ast.getInstructions();
    const comments = ast.getComments();
    this.directiveText = directiveText;
    this.blocks.clear();
    this.last = { reused: 0, parsed: instructions.length, whole: true };
    // seed the blocks from the whole parse, when the cutter agrees with the parser on every instruction
    const cut = ast.getEscapeCharacter() === '\\' && !/\r(?!\n)/.test(text) ? cutBlocks(lines, ast.getDirectives().length) : null;
    if (cut) {
      const byLine = new Map(instructions.map(i => [i.getRange().start.line, i]));
      const commentByLine = new Map(comments.map(c => [c.getRange().start.line, c]));
      let agrees = true, covered = 0, coveredComments = 0;
      for (const b of cut) {
        const last = b.start + b.text.split('\n').length - 1;
        const ins = byLine.get(b.start);
        const blockComments: Comment[] = [];
        for (let l = b.start; l <= last; l++) { const c = commentByLine.get(l); if (c) blockComments.push(c); }
        if (!ins && !(b.text.trim().startsWith('#') && blockComments.length === 1)) { agrees = false; break; }
        if (ins && ins.getRange().end.line > last) { agrees = false; break; }
        covered += ins ? 1 : 0;
        coveredComments += blockComments.length;
        this.blocks.set(`${b.start}\u0000${b.text}`, { start: b.start, text: b.text, instructions: ins ? [ins] : [], comments: blockComments });
      }
      if (covered !== instructions.length || coveredComments !== comments.length) agrees = false;
      if (!agrees) this.blocks.clear();
    }
    return { instructions, comments, directives: ast.getDirectives(), escape: ast.getEscapeCharacter(), ast };
  }
}

const HEREDOC = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
const HEREDOC_INSTRUCTIONS = /^\s*(?:onbuild\s+)?(run|copy|add)\b/i;

/**
 * Cuts lines into blocks: an instruction line with the lines its trailing `\` continues (comment and blank
 * lines inside a continuation belong to it) and the bodies of its heredocs, or one comment line. Blank
 * lines outside instructions are skipped. Null when a heredoc never ends (the parser decides that case).
 */
function cutBlocks(lines: string[], from: number): Array<{ start: number; text: string }> | null {
  const out: Array<{ start: number; text: string }> = [];
  let i = from;
  while (i < lines.length) {
    const line = lines[i];
    const trimmed = line.trim();
    if (trimmed === '') { i++; continue; }
    if (trimmed.startsWith('#')) { out.push({ start: i, text: line }); i++; continue; }
    const start = i;
    let continuing = /\\[ \t\r]*$/.test(line);
    i++;
    while (continuing && i < lines.length) {
      const l = lines[i];
      const t = l.trim();
      i++;
      if (t === '' || t.startsWith('#')) continue;
      continuing = /\\[ \t\r]*$/.test(l);
    }
    // heredoc bodies (RUN/COPY/ADD <<EOF … EOF) follow the instruction's lines, one after another
    if (HEREDOC_INSTRUCTIONS.test(line)) {
      const head = lines.slice(start, i).join('\n');
      for (const m of head.matchAll(HEREDOC)) {
        const dash = m[1] === '-';
        const word = m[3];
        let found = false;
        while (i < lines.length) {
          const l = lines[i++].replace(/\r$/, '');
          if ((dash ? l.replace(/^\t+/, '') : l) === word) { found = true; break; }
        }
        if (!found) return null;
      }
    }
    // trailing blank/comment lines after an unfinished continuation at the end of the file stay with it
    out.push({ start, text: lines.slice(start, i).join('\n') });
  }
  return out;
}
