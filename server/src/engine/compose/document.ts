// A compose file parsed with `yaml` (eemeli): the document with every node's offsets, the parse errors at
// their positions, and small helpers to read nodes. Merge keys (`<<`) are kept as plain pairs and
// resolved by the model, so each value keeps the position that introduced it. Aliases are followed
// node to node, never expanded into copies, so alias bombs cost nothing.
// In the editor, ComposeParseCache re-parses only the block a keystroke touched (see below).
import { parseDocument, Alias, Document, Node, Pair, Scalar, YAMLMap, YAMLSeq, isAlias, isMap, isScalar, isSeq, isPair, isNode, isCollection } from 'yaml';
import { TextIndex } from '../text';
import { tooDeepAt, TOO_DEEP_MESSAGE } from '../yaml-depth';
import { Range } from '../types';

export interface ComposeFile {
  /** path or URI of the file, as the caller names it */
  path: string;
  text: string;
  index: TextIndex;
  doc: Document.Parsed;
  errors: Array<{ range: Range; message: string }>;
}

const PARSE_OPTIONS = { merge: false, prettyErrors: false, uniqueKeys: true, strict: true } as const;

export function parseComposeFile(path: string, text: string): ComposeFile {
  const index = new TextIndex(text);
  // flow collections nested thousands deep: not parsed (the parser would take minutes), one error instead
  const deep = tooDeepAt(text);
  if (deep >= 0) return { path, text, index, doc: parseDocument('', PARSE_OPTIONS), errors: [{ range: index.rangeOf(deep, deep + 1), message: TOO_DEEP_MESSAGE }] };
  const doc = parseDocument(text, PARSE_OPTIONS);
  const errors = doc.errors.map(e => {
    let [start, end] = e.pos;
    // an unclosed quote is detected at the end of the file: point at the quote that opened it
    const quote = e.code === 'MISSING_CHAR' ? /closing (["'])/.exec(e.message)?.[1] : undefined;
    if (quote) { const open = text.lastIndexOf(quote, start - 1); if (open >= 0) { start = open; end = open + 1; } }
    return { range: index.rangeOf(start, Math.max(end, start)), message: e.message.split('\n')[0] };
  });
  return { path, text, index, doc, errors };
}

/**
 * How many YAML errors `text` has with the options the engine parses with (what parseComposeFile reports),
 * counted without building anything else: the check the compose fixes go through.
 */
export function parseErrorCount(text: string): number {
  if (tooDeepAt(text) >= 0) return 1;
  return parseDocument(text, PARSE_OPTIONS).errors.length;
}

/** The node an alias points at (or the node itself). Bounded, so alias cycles cannot hang. */
export function deref(file: ComposeFile, node: unknown): Node | null {
  let n = node;
  for (let i = 0; i < 20 && isAlias(n); i++) n = resolveAlias(file, n as Alias);
  return (n ?? null) as Node | null;
}

// `yaml`'s Alias.resolve() walks the whole document on every call; with an alias per service that is
// quadratic. The anchors are collected once per file instead (an anchor may be redefined: an alias refers
// to the last definition before it).
type AnchorIndex = Map<string, Array<{ at: number; node: Node }>>;
const anchorIndex = new WeakMap<ComposeFile, AnchorIndex>();

function anchorsOf(file: ComposeFile): AnchorIndex {
  let anchors = anchorIndex.get(file);
  if (!anchors) {
    anchors = new Map();
    collectAnchors(file.doc.contents, anchors);
    anchorIndex.set(file, anchors);
  }
  return anchors;
}

/** Adds the anchored nodes under `node` (keys included, aliases not), in document order. */
function collectAnchors(node: unknown, into: AnchorIndex): void {
  walk(node, n => {
    const name = (n as Node & { anchor?: string }).anchor;
    if (name && !isAlias(n)) {
      const list = into.get(name) ?? [];
      list.push({ at: n.range?.[0] ?? 0, node: n });
      into.set(name, list);
    }
  });
}

/** Calls fn on every node under `node` (a node or a pair) in document order: collections, then their items; a pair's key, then its value. */
export function walkNodes(node: unknown, fn: (n: Node) => void): void {
  walk(node, fn);
}

function walk(node: unknown, fn: (n: Node) => void): void {
  if (isPair(node)) { walk(node.key, fn); walk(node.value, fn); return; }
  if (!isNode(node)) return;
  fn(node);
  if (isCollection(node)) for (const item of node.items) walk(item, fn);
}

function resolveAlias(file: ComposeFile, alias: Alias): Node | undefined {
  const list = anchorsOf(file).get(alias.source);
  if (!list) return undefined;
  const at = alias.range?.[0] ?? Infinity;
  let best: Node | undefined;
  for (const a of list) if (a.at < at) best = a.node;
  return best;
}

export function nodeRange(file: ComposeFile, node: Node | null | undefined): Range {
  const r = node?.range;
  if (!r) return file.index.rangeOf(0, 0);
  return file.index.rangeOf(r[0], r[1]);
}

export function keyName(pair: Pair): string | null {
  const k = pair.key;
  if (isScalar(k)) return k.value === null || k.value === undefined ? null : String(k.value);
  return null;
}

export function isMergePair(pair: Pair): boolean {
  return isScalar(pair.key) && pair.key.value === '<<';
}

/** A map's pair by key (no merges). */
export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find(p => keyName(p) === key);
}

export function asMap(file: ComposeFile, node: unknown): YAMLMap | null {
  const n = deref(file, node);
  return isMap(n) ? n : null;
}

export function asSeq(file: ComposeFile, node: unknown): YAMLSeq | null {
  const n = deref(file, node);
  return isSeq(n) ? n : null;
}

/** A scalar's value as a string (numbers and booleans as written); null for collections and nulls. */
export function scalarText(file: ComposeFile, node: unknown): string | null {
  const n = deref(file, node);
  if (!isScalar(n) || n.value === null || n.value === undefined) return null;
  return typeof n.value === 'string' ? n.value : n.source ?? String(n.value);
}

export function scalarValue(file: ComposeFile, node: unknown): unknown {
  const n = deref(file, node);
  return isScalar(n) ? n.value : undefined;
}

// ---------------------------------------------------------------- incremental parsing, for the editor

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
  walk(newPair, n => shiftRange(n, shift));
  for (const level of levels) {
    for (let i = level.index + 1; i < level.map.items.length; i++) walk(level.map.items[i], n => shiftRange(n, delta));
  }
  for (const u of updates) { u.range[0] = u.next[0]; u.range[1] = u.next[1]; u.range[2] = u.next[2]; }
  inner.map.items[inner.index] = newPair;

  const file: ComposeFile = { path: old.path, text, index: new TextIndex(text), doc: old.doc, errors: [] };
  // the anchors: the old pair's go, the new pair's come in their place, those after the block move
  const gone = new Set<Node>();
  walk(oldPair, n => gone.add(n));
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
  anchorIndex.set(file, anchors);
  return file;
}

function hasAnchor(node: unknown): boolean {
  let found = false;
  walk(node, n => { if ((n as Node & { anchor?: string }).anchor) found = true; });
  return found;
}

/**
 * A ComposeFile that reads like `file` (same text, positions and anchors) but whose document holds only
 * `contents`, nodes of `file` in maps made for the purpose: a part of the file, checked alone.
 */
export function viewOf(file: ComposeFile, contents: Node): ComposeFile {
  const doc = { contents, errors: [], warnings: [] } as unknown as Document.Parsed;
  const view: ComposeFile = { path: file.path, text: file.text, index: file.index, doc, errors: file.errors };
  anchorIndex.set(view, anchorsOf(file));
  return view;
}

/** Every anchored node of the file with its offset. */
export function anchoredNodes(file: ComposeFile): Array<{ at: number; node: Node }> {
  return [...anchorsOf(file).values()].flat();
}

function shiftRange(n: Node, by: number): void {
  const r = n.range;
  if (r) { r[0] += by; r[1] += by; r[2] += by; }
}

export { isMap, isSeq, isScalar, isPair, isAlias };
export type { Node, Pair, Scalar, YAMLMap, YAMLSeq };
