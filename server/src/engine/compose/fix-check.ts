// The safety net under every compose fix: a fix whose output has YAML errors the file does not have now is
// not offered. Checking means parsing the output; on a large file, parsing it whole for each fix cost seconds
// (2,657 fixes at 500 services; 720 fixes in four 12 KB services took 11 s), so only the smallest blocks
// that hold a fix's edits are parsed, where that gives the same answer.
//
// A block is a mapping pair's whole lines, from its key's line to its value's last line (or a block
// sequence item's, from its `-`). A fix's edit is
// checked in the deepest block that holds it and that still holds every key the edit could add: a line the
// edit starts at column c can only be a key of a mapping whose own key sits left of c, so the block must
// start left of c, and then all that key's would-be siblings are in it too. The block is parsed with the
// key lines of the blocks around it above it (`services:`, `  web:`) and the line after it, which the edit
// must not swallow. Top-level blocks are parsed with the other top-level keys below them as empty values,
// so a top-level key added twice is still an error. A block is used only when it parses alone as it is
// (no alias to an anchor elsewhere, no directive, no error); otherwise its parent is tried, then the whole file.
import { applySpans, EditSpan } from '../edits';
import { TextEdit } from '../types';
import { ComposeFile, parseErrorCount, keyName, isMap, Node, Pair, YAMLMap } from './document';
import { isScalar, isSeq, YAMLSeq } from 'yaml';

interface Block {
  start: number;
  end: number;
  /** the key's column */
  column: number;
  /** the lines placed above the block and below it (with the line after it) when it is parsed alone */
  head: string;
  tail: string;
  /** the pair's value when it is a block mapping or sequence, whose pairs or items are the blocks one level down */
  value: YAMLMap | YAMLSeq | null;
  /** where the key ends (its `:` included; for a sequence item, its `- `): an edit before or at it rewrites the key */
  keyEnd: number;
  /** where the key's line ends (line break included): the head of the blocks one level down adds it */
  keyLineEnd: number;
  ok?: boolean;
}

/** Counts the YAML errors of a file's text with a fix's edits applied (built once per lint, per file). */
export class FixParseCheck {
  private readonly text: string;
  private readonly roots: Block[] | null;
  private readonly levels = new Map<Block, Block[] | null>();

  constructor(private readonly file: ComposeFile) {
    this.text = file.text;
    // (a lone \r ends a line for the text index, not for YAML: blocks cut at one would not be YAML's lines)
    const usable = !file.errors.length && !this.text.startsWith('%') && !this.text.includes('\n%') && !/\r(?!\n)/.test(this.text);
    const root = file.doc.contents;
    this.roots = usable && isMap(root) && !root.flow ? this.blocksOf(root, '', true) : null;
  }

  errorsAfter(edits: TextEdit[]): number {
    const index = this.file.index;
    const spans = edits.map(e => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), text: e.newText }));
    // (edits at one offset apply in the order given: a block keeps them in that order)
    const order = new Map(spans.map((s, i) => [s, i]));
    const chosen = new Map<Block, EditSpan[]>();
    for (const s of spans) {
      const b = this.blockFor(s);
      if (!b) return parseErrorCount(applySpans(this.text, spans));
      const list = chosen.get(b);
      if (list) list.push(s); else chosen.set(b, [s]);
    }
    // blocks come from one tree: a block inside another chosen one gives its edits to the outer one; two
    // that touch (one's line after is the other's first line) are not parsed apart
    const edited = [...chosen.keys()].sort((x, y) => x.start - y.start || y.end - x.end);
    const kept: Block[] = [];
    for (const b of edited) {
      const outer = kept[kept.length - 1];
      if (outer && b.start >= outer.start && b.end <= outer.end) chosen.get(outer)!.push(...chosen.get(b)!);
      else if (outer && b.start <= outer.end) return parseErrorCount(applySpans(this.text, spans));
      else kept.push(b);
    }
    let n = 0;
    for (const b of kept) {
      const own = chosen.get(b)!.sort((x, y) => order.get(x)! - order.get(y)!);
      n += this.blockErrors(b, applySpans(this.text.slice(b.start, b.end), own, b.start));
    }
    return n;
  }

  /** The deepest block that holds the edit and every key it could add, and parses alone; or null. */
  private blockFor(s: EditSpan): Block | null {
    const column = newLineColumn(this.text, s);
    const path: Block[] = [];
    let blocks = this.roots;
    while (blocks) {
      const b = around(blocks, s.start, s.end);
      // an edit of the block's key, its indentation or right after its `:` (`key:200` is no key) changes what
      // the block is part of, and one that runs on into the line after the block changes that line: the
      // parent decides
      if (!b || s.start <= b.keyEnd || !this.keepsLineAfter(b, s)) break;
      // (top-level blocks carry the other top-level keys: a key added at column 0 is checked against them)
      if (b.column >= column && path.length) break;
      path.push(b);
      if (b.column >= column) break;
      blocks = this.inner(b);
    }
    // the deepest that parses alone as it is (a large outer block is parsed only when no inner one will do)
    for (let i = path.length - 1; i >= 0; i--) if (this.alone(path[i])) return path[i];
    return null;
  }

  private inner(b: Block): Block[] | null {
    let blocks = this.levels.get(b);
    if (blocks === undefined) {
      const head = b.head + this.text.slice(b.start, b.keyLineEnd);
      blocks = !b.value ? null : isMap(b.value) ? this.blocksOf(b.value, head, false) : this.itemsOf(b.value, head);
      this.levels.set(b, blocks);
    }
    return blocks;
  }

  /** True when the edit leaves the line after the block as it was (that line starts where the block ends). */
  private keepsLineAfter(b: Block, s: EditSpan): boolean {
    if (s.end < b.end || b.end === this.text.length) return true;
    return s.text ? s.text.endsWith('\n') : s.start === b.start || this.text.charCodeAt(s.start - 1) === 10;
  }

  private alone(b: Block): boolean {
    return (b.ok ??= this.blockErrors(b, this.text.slice(b.start, b.end)) === 0);
  }

  /** YAML errors in a block's lines as `lines` (the block as it is or edited), placed by its head and tail. */
  private blockErrors(b: Block, lines: string): number {
    // the line after the block, as the output has it (every edit lies within a block): new lines must leave it where it was
    const text = this.text;
    const nl = text.indexOf('\n', b.end);
    const body = b.head + lines + text.slice(b.end, nl < 0 ? text.length : nl + 1);
    return parseErrorCount(b.tail && !body.endsWith('\n') ? body + '\n' + b.tail : body + b.tail);
  }

  /** A block mapping's pairs as blocks, or null unless every key is a plain name starting its line at one column. */
  private blocksOf(map: YAMLMap, head: string, top: boolean): Block[] | null {
    const text = this.text, index = this.file.index;
    const blocks: Block[] = [];
    let column = -1;
    for (const pair of map.items as Pair[]) {
      const k = pair.key as Node | null;
      const v = pair.value as Node | null;
      if (!isScalar(k) || !k.range || k.anchor || k.tag) return null;
      const at = index.positionAt(k.range[0]);
      if (column < 0) column = at.character;
      const start = k.range[0] - at.character;
      if (at.character !== column || text.slice(start, k.range[0]).trim() !== '' || text.slice(start, k.range[0]).includes('\t')) return null;
      const blockEnd = this.blockEnd(k.range[0], v?.range?.[1] ?? k.range[1]);
      const keyLine = at.line + 1 >= index.lineCount ? text.length : index.offsetAt({ line: at.line + 1, character: 0 });
      const value = (isMap(v) || isSeq(v)) && !v.flow && v.items.length ? v : null;
      const colon = text.indexOf(':', k.range[1]);
      const keyEnd = colon < 0 || colon >= keyLine ? k.range[1] : colon + 1;
      blocks.push({ start, end: blockEnd, column, head, tail: '', value, keyEnd, keyLineEnd: Math.min(keyLine, blockEnd) });
    }
    if (top) {
      // the other top-level keys as empty values, after the block (before it they could continue an indented
      // first line an edit puts there), but for the one on the line right after the block, which is there already
      const names = (map.items as Pair[]).map(p => keyName(p));
      if (!names.every(n => n !== null && /^[A-Za-z0-9_.-]+$/.test(n))) return null;
      blocks.forEach((b, i) => {
        b.tail = names.filter((_, j) => j !== i && blocks[j].start !== b.end).map(n => `${n}: ~\n`).join('');
      });
    }
    return blocks;
  }

  /** A block sequence's items as blocks (each from its `-` line), or null unless every `-` starts its line at one column. */
  private itemsOf(seq: YAMLSeq, head: string): Block[] | null {
    const text = this.text, index = this.file.index;
    const blocks: Block[] = [];
    let column = -1;
    for (const item of seq.items as Array<Node | null>) {
      if (!item?.range) return null;
      const at = index.positionAt(item.range[0]);
      const start = item.range[0] - at.character;
      const dash = /^( *)- +$/.exec(text.slice(start, item.range[0]));
      if (!dash) return null;
      if (column < 0) column = dash[1].length;
      if (dash[1].length !== column) return null;
      blocks.push({ start, end: this.blockEnd(item.range[0], item.range[1]), column, head, tail: '', value: null, keyEnd: item.range[0], keyLineEnd: start });
    }
    return blocks;
  }

  /** The end of the line holding the last non-space character before `end` (its line break included). */
  private blockEnd(from: number, end: number): number {
    const text = this.text, index = this.file.index;
    let last = end - 1;
    while (last > from && /\s/.test(text[last])) last--;
    const lastLine = index.positionAt(last).line;
    return lastLine + 1 >= index.lineCount ? text.length : index.offsetAt({ line: lastLine + 1, character: 0 });
  }
}

/** The first block holding every offset in [from, to] (blocks are in document order), or undefined. */
function around(list: Block[], from: number, to: number): Block | undefined {
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
 * The leftmost column at which the edit leaves a new or re-indented line holding something other than a
 * comment (where a key could be): the lines it adds, a line it joins or splits, and a line whose indentation
 * it changes. Infinity when it changes text after a line's indentation only.
 */
function newLineColumn(text: string, s: EditSpan): number {
  let min = Infinity;
  const consider = (line: string) => {
    const col = line.length - line.replace(/^ +/, '').length;
    const rest = line.slice(col).replace(/\r$/, '').trim();
    if (rest && !rest.startsWith('#')) min = Math.min(min, col);
  };
  const lineStart = text.lastIndexOf('\n', s.start - 1) + 1;
  const prefix = text.slice(lineStart, s.start);
  const nl = text.indexOf('\n', s.end);
  const after = text.slice(s.end, nl < 0 ? text.length : nl);
  // (the text after an edit that ends at a line start starts its line as it did before)
  const endsAtLineStart = s.end === 0 || text.charCodeAt(s.end - 1) === 10;
  const parts = s.text.split('\n');
  if (parts.length === 1) {
    if (text.slice(s.start, s.end).includes('\n')) {
      // lines removed: whole lines leave the next line as it was; else what is left of two lines is one new line
      if (!(s.start === lineStart && !parts[0] && endsAtLineStart)) consider(prefix + parts[0] + after);
    } else if (!prefix.trim()) consider(prefix + parts[0] + after);
    return min;
  }
  consider(prefix + parts[0]);
  for (let i = 1; i < parts.length - 1; i++) consider(parts[i]);
  const last = parts[parts.length - 1];
  if (last || !endsAtLineStart) consider(last + after);
  return min;
}
