// The safety net under every compose fix: a fix whose output has YAML errors the file does not have now is
// not offered. Checking means parsing the output; on a large file, parsing it whole for each fix cost seconds
// (2,657 fixes at 500 services), so only the blocks a fix edits are parsed, where that gives the same answer.
import { applySpans, EditSpan } from '../edits';
import { TextEdit } from '../types';
import { ComposeFile, parseErrorCount, keyName, isMap, Node, Pair } from './document';

/** Counts the YAML errors of a file's text with a fix's edits applied (built once per lint, per file). */
export class FixParseCheck {
  private blocks: FileBlocks | undefined;

  constructor(private readonly file: ComposeFile) {}

  errorsAfter(edits: TextEdit[]): number {
    const index = this.file.index;
    this.blocks ??= fileBlocks(this.file);
    return errorsAfter(this.file.text, edits.map(e => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), text: e.newText })), this.blocks);
  }
}

/**
 * A file's blocks (whole lines, from a key to its value's last line): each service under `services:`, and
 * each top-level key. A fix's output is checked by parsing only the blocks it edits, each with the lines
 * that place it (`services:` above a service; the other top-level keys, as empty values, below, so a key
 * added twice is still seen) and the line after it (which the edit must not swallow),
 * instead of the whole file: a fix costs the parse of its service. A block is used only when it parses
 * alone as it is (no alias to an anchor elsewhere, no directive, no error); else the whole output is parsed.
 */
interface Block { start: number; end: number; head: string; tail: string; ok?: boolean }
interface FileBlocks { services: Block[]; roots: Block[] }

function fileBlocks(file: ComposeFile): FileBlocks {
  const none: FileBlocks = { services: [], roots: [] };
  // (a lone \r ends a line for the text index, not for YAML: blocks cut at one would not be YAML's lines)
  if (file.errors.length || file.text.startsWith('%') || file.text.includes('\n%') || /\r(?!\n)/.test(file.text)) return none;
  const root = file.doc.contents;
  if (!isMap(root) || root.flow) return none;
  const index = file.index;
  const lineStartAt = (offset: number) => index.offsetAt({ line: index.positionAt(offset).line, character: 0 });
  const blockOf = (pair: Pair, head: string): Block | null => {
    const k = pair.key as Node | null;
    const v = pair.value as Node | null;
    const end = v?.range?.[1] ?? k?.range?.[1];
    if (!k?.range || end === undefined) return null;
    // through the end of the value's last line (its line break included)
    let last = end - 1;
    while (last > k.range[0] && /\s/.test(file.text[last])) last--;
    const lastLine = index.positionAt(last).line;
    const blockEnd = lastLine + 1 >= index.lineCount ? file.text.length : index.offsetAt({ line: lastLine + 1, character: 0 });
    return { start: lineStartAt(k.range[0]), end: blockEnd, head, tail: '' };
  };
  // top-level blocks, when every top-level key is a plain name at the start of its line
  const names = root.items.map(p => {
    const k = p.key as Node | null;
    const name = keyName(p);
    return k?.range && name && /^[A-Za-z0-9_.-]+$/.test(name) && index.positionAt(k.range[0]).character === 0 && file.text.startsWith(name, k.range[0]) ? name : null;
  });
  // the other top-level keys as empty values, after the block (before it they could continue an indented first
  // line an edit puts there), but for the one on the line right after the block, which is there already
  const plain = names.every(n => n !== null);
  const starts = root.items.map(p => { const r = (p.key as Node | null)?.range; return r ? lineStartAt(r[0]) : -1; });
  const skeleton = (own: number, end: number) => (plain ? names.filter((_, j) => j !== own && starts[j] !== end).map(n => `${n}: ~\n`).join('') : '');
  const roots: Block[] = [];
  if (plain) {
    root.items.forEach((pair, i) => {
      const b = blockOf(pair, '');
      if (b) roots.push({ ...b, tail: skeleton(i, b.end) });
    });
    if (roots.length !== names.length) roots.length = 0;
  }
  const at = root.items.findIndex(p => keyName(p) === 'services');
  const services = root.items[at]?.value;
  const key = root.items[at]?.key as Node | null | undefined;
  if (!key?.range || !isMap(services) || services.flow || index.positionAt(key.range[0]).character !== 0) return { services: [], roots };
  const line = index.lineText(index.positionAt(key.range[0]).line) + '\n';
  const list = services.items.map(p => blockOf(p, line)).filter((b): b is Block => b !== null);
  for (const b of list) b.tail = skeleton(at, b.end);
  return { services: list, roots };
}

/** YAML errors in a block's lines as `lines` (the block as it is or edited), placed by its head and tail. */
function blockErrors(b: Block, lines: string, text: string): number {
  // the line after the block, as the output has it (every edit lies within a block): new lines must leave it where it was
  const nl = text.indexOf('\n', b.end);
  const after = text.slice(b.end, nl < 0 ? text.length : nl + 1);
  const body = b.head + lines + after;
  return parseErrorCount(b.tail && !body.endsWith('\n') ? body + '\n' + b.tail : body + b.tail);
}

/** The first block holding every offset in [from, to] (blocks are in document order), or undefined. */
function blockAround(list: Block[], from: number, to: number): Block | undefined {
  let lo = 0, hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (list[mid].start <= from) lo = mid; else hi = mid - 1;
  }
  // an insertion where one block ends and the next begins belongs to the first (it appends to that block)
  for (const b of [list[lo - 1], list[lo]]) if (b && from >= b.start && to <= b.end) return b;
  return undefined;
}

/**
 * The number of YAML errors in `text` with `spans` applied: counted over the blocks the edits fall in, when
 * each falls in a block that parses alone and no two of those blocks overlap; else over the whole output.
 */
function errorsAfter(text: string, spans: EditSpan[], blocks: FileBlocks): number {
  const chosen = new Map<Block, EditSpan[]>();
  for (const s of spans) {
    const b = blockAround(blocks.services, s.start, s.end) ?? blockAround(blocks.roots, s.start, s.end);
    if (!b || !(b.ok ??= blockErrors(b, text.slice(b.start, b.end), text) === 0)) return parseErrorCount(applySpans(text, spans));
    const list = chosen.get(b);
    if (list) list.push(s); else chosen.set(b, [s]);
  }
  const edited = [...chosen.keys()].sort((x, y) => x.start - y.start);
  for (let i = 1; i < edited.length; i++) if (edited[i].start < edited[i - 1].end) return parseErrorCount(applySpans(text, spans));
  // (the line after each block is the input's: every edit lies within a block)
  let n = 0;
  for (const b of edited) n += blockErrors(b, applySpans(text.slice(b.start, b.end), chosen.get(b)!, b.start), text);
  return n;
}
