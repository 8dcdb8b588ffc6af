// Incremental parsing of compose files, for the editor: a keystroke re-parses the block it touched.
import { parseDocument, Node, Pair, Scalar, YAMLMap, isMap, isScalar, isNode } from 'yaml';
import { TextIndex } from '../text';
import { tooDeepAt } from '../yaml-depth';
import { ComposeFile, parseComposeFile, PARSE_OPTIONS, AnchorIndex, anchorsOf, setAnchors, collectAnchors, walkNodes } from './document';

/**
 * Remembers the last parse of one document, so that a keystroke re-parses only the block it touched.
 *
 * A block is one key of a block mapping with everything under it, from the line of its key to the line
 * of the next key (a service under `services:`, a key in a service, a top-level key). When an edit lies
 * inside one block, the block is parsed again in a small document that reproduces what surrounds it —
 * the key lines of the mappings it is in, then the block, then the line that follows it — and its pair
 * replaces the old one in the last document; the nodes after it move by the edit's length. What precedes
 * the block inside those mappings (earlier keys, which end at a line break before it) plays no part in how
 * it parses, except for duplicate keys, so the key must stay the same. The result is the document a whole
 * parse gives (a unit test checks it on thousands of random edits), except for the comments `yaml`
 * attaches to nodes, which nothing here reads. Anything else is parsed whole: a document or block with
 * errors, `\r`, tabs, directives, a key with properties (`&a key:`), a block whose new text is not one
 * pair with the same key.
 *
 * The document is updated in place: the ComposeFile of the previous parse must not be used after the
 * next one (the language server keeps one analysis per document, always the latest).
 */
export class ComposeParseCache {
  private state: { path: string; file: ComposeFile } | null = null;
  /** how the last parse went (`depth`: the nesting of the re-parsed block), for tests and benchmarks */
  last: { kind: 'same' | 'block' | 'whole'; depth: number } = { kind: 'whole', depth: 0 };
  /** what the last parse changed, when it re-parsed a block (null after a whole parse) */
  edit: BlockEdit | null = null;

  parse(path: string, text: string): ComposeFile {
    const prev = this.state;
    this.edit = null;
    if (prev && prev.path === path) {
      if (prev.file.text === text) { this.last = { kind: 'same', depth: 0 }; return prev.file; }
      const next = reparseBlock(prev.file, text);
      if (next) {
        this.state = { path, file: next.file };
        this.last = { kind: 'block', depth: next.edit.path.length };
        this.edit = next.edit;
        return next.file;
      }
    }
    const file = parseComposeFile(path, text);
    this.state = { path, file };
    this.last = { kind: 'whole', depth: 0 };
    return file;
  }
}

/** A block re-parse: the old text's [start, end) is now [start, end + delta), the rest is the same text. */
export interface BlockEdit {
  start: number;
  end: number;
  delta: number;
  /** the pairs from the root mapping's down to the replaced one, as they were before the edit */
  path: Pair[];
  /** an anchor was in the replaced pair (before or after), or on a mapping around it: values elsewhere may have changed */
  anchors: boolean;
}

/** One mapping around the edit: the pair whose block contains it, that block's extent and the mapping's column. */
interface Level { map: YAMLMap; index: number; start: number; end: number; column: number }

/** The new ComposeFile for `text` built from `old` by re-parsing one block, or null when that cannot be done exactly. */
function reparseBlock(old: ComposeFile, text: string): { file: ComposeFile; edit: BlockEdit } | null {
  const doc = old.doc;
  const a = old.text, b = text;
  if (old.errors.length || doc.errors.length || doc.warnings.length) return null;
  // directives change how everything parses; tabs and lone \r change where lines and indentation are
  if (b.includes('\r') || b.includes('\t') || a.startsWith('%') || a.includes('\n%')) return null;
  const root = doc.contents;
  if (!isMap(root) || root.flow || !doc.range) return null;
  // the edit: old [from, oldEnd) became new [from, oldEnd + delta)
  const max = Math.min(a.length, b.length);
  let from = 0;
  while (from < max && a.charCodeAt(from) === b.charCodeAt(from)) from++;
  let same = 0;
  while (same < max - from && a.charCodeAt(a.length - 1 - same) === b.charCodeAt(b.length - 1 - same)) same++;
  const oldEnd = a.length - same;
  const delta = b.length - a.length;

  // the blocks that contain the edit, outermost first
  const levels: Level[] = [];
  let map: YAMLMap | null = root;
  let regionEnd = a.length;
  while (map && levels.length < 16) {
    const level = blockAround(a, map, from, oldEnd, regionEnd);
    if (!level) break;
    levels.push(level);
    const value: unknown = map.items[level.index].value;
    map = isMap(value) && !value.flow && value.items.length ? value : null;
    regionEnd = level.end;
  }
  // the innermost block that parses in its small document as one pair with the same key
  for (let d = levels.length - 1; d >= 0; d--) {
    const around = levels.slice(0, d + 1);
    const path = around.map(l => l.map.items[l.index]);
    const anchorsAround = around.slice(1).some(l => l.map.anchor !== undefined) || hasAnchor(path[d]);
    const file = replaceBlock(old, b, around, delta);
    if (file) {
      const inner = around[d];
      return { file, edit: { start: inner.start, end: inner.end, delta, path, anchors: anchorsAround || hasAnchor(inner.map.items[inner.index]) } };
    }
  }
  return null;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The text from `offset` to the end of its line, line break included. */
function lineFrom(text: string, offset: number): string {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.slice(offset) : text.slice(offset, nl + 1);
}

/**
 * The pair of `map` whose block (its key's line up to the next key's line, or `regionEnd`) contains the
 * old text [from, to); null unless every key of the mapping is a plain key that starts its line, at one column.
 */
function blockAround(text: string, map: YAMLMap, from: number, to: number, regionEnd: number): Level | null {
  let column = -1;
  let start = -1, index = -1;
  for (let i = 0; i < map.items.length; i++) {
    const key = map.items[i].key;
    if (!isScalar(key) || !key.range || key.anchor || key.tag) return null;
    const k = key.range[0];
    const ls = lineStart(text, k);
    if (column < 0) column = k - ls;
    if (k - ls !== column) return null;
    for (let j = ls; j < k; j++) if (text.charCodeAt(j) !== 32) return null;
    if (ls <= from) { start = ls; index = i; } else break;
  }
  if (index < 0) return null;
  const next = map.items[index + 1];
  const end = next ? lineStart(text, (next.key as Scalar).range![0]) : regionEnd;
  if (to > end || end > regionEnd) return null;
  return { map, index, start, end, column };
}

/**
 * Parses the innermost level's block in its small document and puts its pair in place of the old one,
 * moving what follows by `delta`; null (and nothing changed) when the small document has errors or is not
 * shaped as expected.
 */
function replaceBlock(old: ComposeFile, text: string, levels: Level[], delta: number): ComposeFile | null {
  const a = old.text;
  const inner = levels[levels.length - 1];
  const { start, end } = inner;
  const block = text.slice(start, end + delta);
  // the block still ends with a line break before the line that follows it (or at the end of the file)
  const atEnd = end === a.length;
  if (!atEnd && !block.endsWith('\n')) return null;
  // its first line is still its key's, at the mapping's column
  for (let j = 0; j < inner.column; j++) if (block.charCodeAt(j) !== 32) return null;
  const c = block.charCodeAt(inner.column);
  if (c === 32 || c === 10 || c === 35 /* # */ || Number.isNaN(c)) return null;

  // the key lines of the mappings around it, the block, the line after it
  let prefix = '';
  for (const level of levels.slice(0, -1)) prefix += lineFrom(a, level.start);
  const after = atEnd ? '' : lineFrom(text, end + delta);
  let afterColumn = -1;
  if (after) {
    afterColumn = 0;
    while (after.charCodeAt(afterColumn) === 32) afterColumn++;
    if (!levels.some(l => l.column === afterColumn)) return null;
  }
  const smallText = prefix + block + after;
  // nesting thousands deep: the whole parse reports it (see parseComposeFile)
  if (tooDeepAt(smallText) >= 0) return null;
  const small = parseDocument(smallText, PARSE_OPTIONS);
  if (small.errors.length || small.warnings.length || !small.range) return null;
  // shaped as expected: at each level the pair on the path (same key), and the line after the block where its column says
  const smallMaps: YAMLMap[] = [];
  let node: unknown = small.contents;
  let pair: Pair | null = null;
  for (let k = 0; k < levels.length; k++) {
    const level = levels[k];
    if (!isMap(node) || node.flow || !node.range) return null;
    smallMaps.push(node);
    const expected = 1 + (afterColumn === level.column ? 1 : 0);
    if (node.items.length !== expected) return null;
    const p = node.items[0];
    const oldKey = level.map.items[level.index].key as Scalar;
    if (!isScalar(p.key) || p.key.anchor || p.key.tag || p.key.value !== oldKey.value || !isNode(p.value) || !p.value.range) return null;
    pair = p;
    node = p.value;
  }
  const keyAt = (pair!.key as Scalar).range?.[0];
  if (keyAt !== prefix.length + inner.column) return null;
  const shift = start - prefix.length;

  // the ranges of the mappings around the block: a mapping the line after the block belongs to (or one
  // inside it) goes on past the block and its end moves; one that ends with the block ends where the small
  // document says
  const updates: Array<{ range: [number, number, number]; next: [number, number, number] }> = [];
  for (let k = 0; k < levels.length; k++) {
    const r = levels[k].map.range;
    const m = smallMaps[k].range!;
    // a mapping starts before the block, or at its key (the block is its first): that does not move
    if (!r || r[0] > start + inner.column) return null;
    const goesOn = afterColumn >= levels[k].column;
    const next: [number, number, number] = goesOn ? [r[0], r[1] + delta, r[2] + delta] : [r[0], m[1] + shift, m[2] + shift];
    if (!goesOn && (m[1] < prefix.length || m[2] < prefix.length)) return null;
    updates.push({ range: r, next });
  }
  const dr = old.doc.range!;
  const rootEnd = updates[0].next;
  // the document's content ends with the root mapping; after it come the blank and comment lines at the end
  updates.push({ range: dr, next: [dr[0], rootEnd[2], atEnd ? rootEnd[2] + small.range[2] - small.range[1] : dr[2] + delta] });

  // commit: nothing can fail any more
  const newPair = pair!;
  const oldPair = inner.map.items[inner.index];
  const previous = anchorsOf(old);
  walkNodes(newPair, n => shiftRange(n, shift));
  for (const level of levels) {
    for (let i = level.index + 1; i < level.map.items.length; i++) walkNodes(level.map.items[i], n => shiftRange(n, delta));
  }
  for (const u of updates) { u.range[0] = u.next[0]; u.range[1] = u.next[1]; u.range[2] = u.next[2]; }
  inner.map.items[inner.index] = newPair;

  const file: ComposeFile = { path: old.path, text, index: new TextIndex(text), doc: old.doc, errors: [] };
  // the anchors: the old pair's go, the new pair's come in their place, those after the block move
  const gone = new Set<Node>();
  walkNodes(oldPair, n => gone.add(n));
  const added: AnchorIndex = new Map();
  collectAnchors(newPair, added);
  const anchors: AnchorIndex = new Map();
  for (const name of new Set([...previous.keys(), ...added.keys()])) {
    const list = (previous.get(name) ?? []).filter(x => !gone.has(x.node));
    const all = [
      ...list.filter(x => x.at < end),
      ...(added.get(name) ?? []),
      ...list.filter(x => x.at >= end).map(x => ({ at: x.at + delta, node: x.node })),
    ];
    if (all.length) anchors.set(name, all);
  }
  setAnchors(file, anchors);
  return file;
}

function hasAnchor(node: unknown): boolean {
  let found = false;
  walkNodes(node, n => { if ((n as Node & { anchor?: string }).anchor) found = true; });
  return found;
}

function shiftRange(n: Node, by: number): void {
  const r = n.range;
  if (r) { r[0] += by; r[1] += by; r[2] += by; }
}
