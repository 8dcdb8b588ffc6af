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
  private blocks = new Map<number, Block>();
  private directiveText: string | null = null;
  /** the stages of the last model built from this cache (dockerfile/model.ts reuses the unchanged ones) */
  stageMemo: import('./model').StageMemo | null = null;
  /** the last lint's per-stage results (engine/lint.ts) */
  lintMemo: unknown = null;
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
    const cut = cutBlocks(text, lines, d);
    if (!cut) return this.parseWhole(text, lines, directiveText);
    // a comment on the very first line may read as a parser directive: only a whole parse decides that
    if (cut[0]?.start === 0 && cut[0].text.trim().startsWith('#') && this.blocks.get(0)?.text !== cut[0].text) {
      return this.parseWhole(text, lines, directiveText);
    }
    const next = new Map<number, Block>();
    const instructions: Instruction[] = [];
    const comments: Comment[] = [];
    let reused = 0, parsed = 0;
    for (const { start, text: blockText } of cut) {
      // a block is kept when it starts on the same line with the same text (a string compare, no hashing)
      let block = this.blocks.get(start);
      if (block && block.text !== blockText) block = undefined;
      if (block) reused++;
      else {
        parsed++;
        // padding with newlines puts the block at its line, so every range the parser reports is right
        const ast = DockerfileParser.parse('\n'.repeat(start) + blockText);
        block = { start, text: blockText, instructions: ast.getInstructions(), comments: ast.getComments() };
      }
      next.set(start, block);
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
    const cut = ast.getEscapeCharacter() === '\\' && !/\r(?!\n)/.test(text) ? cutBlocks(text, lines, ast.getDirectives().length) : null;
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
        this.blocks.set(b.start, { start: b.start, text: b.text, instructions: ins ? [ins] : [], comments: blockComments });
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
function cutBlocks(text: string, lines: string[], from: number): Array<{ start: number; text: string }> | null {
  // line start offsets, so a block's text is one slice of the file (no join)
  const starts = new Array<number>(lines.length + 1);
  starts[0] = 0;
  for (let k = 0; k < lines.length; k++) starts[k + 1] = starts[k] + lines[k].length + 1;
  const blockText = (a: number, b: number) => text.slice(starts[a], starts[b] - 1);
  const out: Array<{ start: number; text: string }> = [];
  let i = from;
  while (i < lines.length) {
    const line = lines[i];
    const kind = lineKind(line);
    if (kind === BLANK) { i++; continue; }
    if (kind === COMMENT) { out.push({ start: i, text: line }); i++; continue; }
    const start = i;
    let continuing = continues(line);
    i++;
    while (continuing && i < lines.length) {
      const l = lines[i];
      const k = lineKind(l);
      i++;
      if (k !== OTHER) continue;
      continuing = continues(l);
    }
    // heredoc bodies (RUN/COPY/ADD <<EOF … EOF) follow the instruction's lines, one after another
    if (line.includes('<<') || (i - start > 1 && blockText(start, i).includes('<<'))) {
      if (HEREDOC_INSTRUCTIONS.test(line)) {
        const head = blockText(start, i);
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
    }
    // trailing blank/comment lines after an unfinished continuation at the end of the file stay with it
    out.push({ start, text: blockText(start, i) });
  }
  return out;
}

const BLANK = 0, COMMENT = 1, OTHER = 2;

/** Blank (only whitespace, as String.prototype.trim sees it), a comment (`#` first), or anything else. */
function lineKind(line: string): number {
  const c = line.charCodeAt(0);
  // the usual first characters of an instruction or continuation word: no trim needed
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 47 || c === 36 || c === 38 || c === 124 || c === 59) return OTHER;
  if (c === 35) return COMMENT;
  const t = line.trim();
  return t === '' ? BLANK : t.charCodeAt(0) === 35 ? COMMENT : OTHER;
}

/** The line ends with the escape character `\` (then only spaces, tabs or a CR). */
function continues(line: string): boolean {
  let k = line.length - 1;
  while (k >= 0) { const c = line.charCodeAt(k); if (c === 32 || c === 9 || c === 13) k--; else break; }
  return k >= 0 && line.charCodeAt(k) === 92;
}
