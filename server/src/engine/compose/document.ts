// A compose file parsed with `yaml` (eemeli): the document with every node's offsets, the parse errors at
// their positions, and small helpers to read nodes. Merge keys (`<<`) are kept as plain pairs and
// resolved by the model, so each value keeps the position that introduced it. Aliases are followed
// node to node, never expanded into copies, so alias bombs cost nothing.
// In the editor, ComposeParseCache (parse-cache.ts) re-parses only the block a keystroke touched.
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

export const PARSE_OPTIONS = { merge: false, prettyErrors: false, uniqueKeys: true, strict: true } as const;

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
export type AnchorIndex = Map<string, Array<{ at: number; node: Node }>>;
const anchorIndex = new WeakMap<ComposeFile, AnchorIndex>();

/** The file's anchors by name (parse-cache.ts sets them for a file it builds from another). */
export function anchorsOf(file: ComposeFile): AnchorIndex {
  let anchors = anchorIndex.get(file);
  if (!anchors) {
    anchors = new Map();
    collectAnchors(file.doc.contents, anchors);
    anchorIndex.set(file, anchors);
  }
  return anchors;
}

export function setAnchors(file: ComposeFile, anchors: AnchorIndex): void {
  anchorIndex.set(file, anchors);
}

/** Adds the anchored nodes under `node` (keys included, aliases not), in document order. */
export function collectAnchors(node: unknown, into: AnchorIndex): void {
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

export { isMap, isSeq, isScalar, isPair, isAlias };
export type { Node, Pair, Scalar, YAMLMap, YAMLSeq };
