// YAML edits that keep the file's own style: new keys go at the end of the service block with its
// indentation, list items join an existing list (block or flow) in its quoting style, and nothing else
// in the file moves. Builders return null where the shape is one they do not edit safely (flow maps).
import { Scalar, isScalar, isSeq, isMap, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { ComposeFile } from './document';
import { pairOf, isMergePair, asMap, asSeq, deref } from './document';
import { isAlias } from 'yaml';
import { TextEdit } from '../types';

/** Column of a block map's keys; null for flow maps (`{a: 1}`). */
export function mapIndent(file: ComposeFile, map: YAMLMap): number | null {
  if (map.flow || !map.items.length) return null;
  const first = map.items[0].key as Node | null;
  if (!first?.range) return null;
  return keyColumn(file, first);
}

/**
 * Column where a key starts, its properties included: `!tag key:` and `&a key:` start at the `!` / `&`
 * (the node's range starts after them), which is the column YAML reads the map's indentation from.
 */
function keyColumn(file: ComposeFile, key: Node): number {
  const pos = file.index.positionAt(key.range![0]);
  const before = file.index.lineText(pos.line).slice(0, pos.character);
  const props = /(?:[!&][^\s]*[ \t]+)+$/.exec(before);
  return props ? props.index : pos.character;
}

/** The unit of indentation the file uses (2 by default). */
export function indentUnit(file: ComposeFile): number {
  const m = /\n( +)\S/.exec(file.text);
  return m ? Math.min(m[1].length, 8) : 2;
}

/** Line after the last line of a block collection's content. */
function lineAfter(file: ComposeFile, node: Node): number {
  const end = node.range![1];
  let last = end - 1;
  while (last > 0 && /\s/.test(file.text[last])) last--;
  return file.index.positionAt(last).line + 1;
}

function insertAtLine(file: ComposeFile, line: number, lines: string[]): TextEdit {
  const eol = file.index.eol;
  // a lone \r ends a line for the editor (and the text index) but not for YAML, which reads it as part of
  // the line: text inserted right after one needs a \n to start a line of its own
  if (line >= file.index.lineCount || (line === file.index.lineCount - 1 && file.index.lineText(line) === '' && !file.text.endsWith('\n'))) {
    const end = file.index.positionAt(file.text.length);
    const lead = file.text.endsWith('\n') ? '' : file.text.endsWith('\r') ? '\n' : eol;
    return { range: { start: end, end }, newText: lead + lines.join(eol) + eol };
  }
  const pos = { line, character: 0 };
  const lead = line > 0 && file.text[file.index.offsetAt(pos) - 1] === '\r' ? '\n' : '';
  return { range: { start: pos, end: pos }, newText: lead + lines.join(eol) + eol };
}

/**
 * Adds `key: value` lines at the end of a block map. The lines are written with two spaces per level;
 * they are re-indented to the file's own unit.
 */
export function addToMap(file: ComposeFile, map: YAMLMap, yamlLines: string[]): TextEdit | null {
  const indent = mapIndent(file, map);
  if (indent === null) return null;
  // never a second copy of a key the map already has (a duplicate key makes the file invalid YAML)
  const newKeys = yamlLines.filter(l => !/^\s/.test(l)).map(l => /^([^:#\s][^:]*):/.exec(l)?.[1]).filter((k): k is string => !!k);
  if (newKeys.some(k => map.items.some(p => (p.key as { value?: unknown } | null)?.value === k))) return null;
  const pad = ' '.repeat(indent);
  const unit = indentUnit(file);
  const reindent = (l: string) => { const lead = /^ */.exec(l)![0].length; return ' '.repeat((lead / 2) * unit) + l.slice(lead); };
  return insertAtLine(file, lineAfter(file, map), yamlLines.map(l => pad + reindent(l)));
}

export type QuoteStyle = 'plain' | 'double' | 'single';

export function quoteStyleOf(seq: YAMLSeq | null): QuoteStyle {
  const first = seq?.items.find(isScalar) as Scalar | undefined;
  if (first?.type === Scalar.QUOTE_DOUBLE) return 'double';
  if (first?.type === Scalar.QUOTE_SINGLE) return 'single';
  return 'plain';
}

/** A scalar written in the given style (plain only when YAML reads it back as the same string). */
export function quote(value: string, style: QuoteStyle): string {
  const plainOk = /^[A-Za-z0-9_./][A-Za-z0-9_./:=+-]*$/.test(value) && !/: /.test(value) && !/^(true|false|yes|no|on|off|null|~|[0-9.]+)$/i.test(value);
  if (style === 'single') return `'${value.replace(/'/g, "''")}'`;
  if (style === 'double' || !plainOk) return JSON.stringify(value);
  return value;
}

/** Appends an item to a list, in its style: a new `- item` line (block) or `, item` before `]` (flow). */
export function appendToSeq(file: ComposeFile, seq: YAMLSeq, value: string): TextEdit | null {
  const item = quote(value, quoteStyleOf(seq));
  if (!seq.range) return null;
  if (seq.flow) {
    const close = file.text.lastIndexOf(']', seq.range[1]);
    if (close < seq.range[0]) return null;
    const pos = file.index.positionAt(close);
    const empty = seq.items.length === 0;
    let before = close - 1;
    while (before > seq.range[0] && /\s/.test(file.text[before])) before--;
    const at = file.index.positionAt(before + 1);
    return empty ? { range: { start: pos, end: pos }, newText: item } : { range: { start: at, end: at }, newText: `, ${item}` };
  }
  const first = seq.items[0] as Node | undefined;
  if (!first?.range) return null;
  // the dash sits before the first item on its line
  const firstPos = file.index.positionAt(first.range[0]);
  const lineText = file.index.lineText(firstPos.line);
  const dash = lineText.lastIndexOf('-', firstPos.character);
  if (dash < 0) return null;
  return insertAtLine(file, lineAfter(file, seq), [`${' '.repeat(dash)}- ${item}`]);
}

/** Replaces a scalar's text. */
export function replaceNode(file: ComposeFile, node: Node, text: string): TextEdit | null {
  if (!node.range) return null;
  return { range: file.index.rangeOf(node.range[0], node.range[1]), newText: text };
}

/**
 * Removes a key and its value from a block map: whole lines, comments on them included. Refuses to
 * remove a map's only key (an emptied map reads as null, which Compose rejects).
 */
export function removePair(file: ComposeFile, map: YAMLMap, pair: Pair): TextEdit | null {
  const key = pair.key as Node | null;
  if (map.flow || !key?.range || map.items.length < 2) return null;
  const start = file.index.positionAt(key.range[0]).line;
  const valueNode = pair.value as Node | null;
  const endLine = valueNode?.range ? lineAfter(file, valueNode) : start + 1;
  const end = endLine >= file.index.lineCount ? file.index.positionAt(file.text.length) : { line: endLine, character: 0 };
  return { range: { start: { line: start, character: 0 }, end }, newText: '' };
}

/** Removes one item of a block list (its whole line) or of a flow list (with its comma). */
export function removeSeqItem(file: ComposeFile, seq: YAMLSeq, item: Node): TextEdit | null {
  if (!item.range) return null;
  if (seq.flow) {
    const idx = seq.items.indexOf(item);
    const next = seq.items[idx + 1] as Node | undefined;
    const prev = seq.items[idx - 1] as Node | undefined;
    if (next?.range) return { range: file.index.rangeOf(item.range[0], next.range[0]), newText: '' };
    if (prev?.range) return { range: file.index.rangeOf(prev.range[1], item.range[1]), newText: '' };
    return { range: file.index.rangeOf(item.range[0], item.range[1]), newText: '' };
  }
  const line = file.index.positionAt(item.range[0]).line;
  const endLine = lineAfter(file, item);
  return { range: { start: { line, character: 0 }, end: { line: endLine, character: 0 } }, newText: '' };
}

export { isSeq, isMap };

/** The quoting style of one scalar. */
export function scalarStyle(node: unknown): QuoteStyle {
  if (isScalar(node) && node.type === Scalar.QUOTE_DOUBLE) return 'double';
  if (isScalar(node) && node.type === Scalar.QUOTE_SINGLE) return 'single';
  return 'plain';
}

/** Replaces a scalar with a new value, written in the scalar's own quoting style (plain only where it reads back the same). */
export function replaceScalar(file: ComposeFile, node: Node, value: string): TextEdit | null {
  return replaceNode(file, node, quote(value, scalarStyle(node)));
}

/**
 * Removes one entry of the list held by `pair` in `map`; the whole key when it is the only entry
 * (an emptied key would read as null). Entries reached through an alias are left alone.
 */
export function removeListEntry(file: ComposeFile, map: YAMLMap | null, pair: Pair | null, entry: Node): TextEdit | null {
  if (!map || !pair) return null;
  const seq = isSeq(pair.value) ? pair.value : null;
  if (!seq) return pair.value === entry ? removeKey(file, map, pair) : null;
  if (!seq.items.includes(entry)) return null;
  return seq.items.length === 1 ? removeKey(file, map, pair) : removeSeqItem(file, seq, entry);
}

/** Sets `key: value` in a block map: replaces the value when the key is there, else adds the key at the end. */
export function setMapValue(file: ComposeFile, map: YAMLMap, key: string, value: string): TextEdit | null {
  const pair = map.items.find(p => isScalar(p.key) && p.key.value === key);
  if (pair && isScalar(pair.value)) return replaceNode(file, pair.value, value);
  if (pair) return null;
  return addToMap(file, map, [`${key}: ${value}`]);
}

/** `a:` / `  b:` / `    leaf` — keys nested two spaces per level, the leaf lines under the last one. */
function nestLines(keys: string[], leafLines: string[]): string[] {
  return [...keys.map((k, j) => `${'  '.repeat(j)}${k}:`), ...leafLines.map(l => '  '.repeat(keys.length) + l)];
}

/** True when a `<<` merge of the map provides the key (a new own key would replace the merged value, not extend it). */
function mergedHas(file: ComposeFile, map: YAMLMap, key: string): boolean {
  for (const p of map.items) {
    if (!isMergePair(p)) continue;
    const target = deref(file, p.value);
    const seq = asSeq(file, target);
    if ((seq ? seq.items : [target]).some(m => { const mm = asMap(file, m); return mm ? pairOf(mm, key) !== undefined : false; })) return true;
  }
  return false;
}

/**
 * Adds lines under a chain of keys (deploy → resources → limits), descending into the ones the map already
 * has and creating the rest, so a fix joins an existing block instead of adding a second key. Lines are
 * written two spaces per level and re-indented to the file's unit. Null when a key on the way is a flow map,
 * a scalar, an alias or comes from a `<<` merge: editing those would change other services or drop values.
 */
export function addUnderPath(file: ComposeFile, map: YAMLMap, path: string[], leafLines: string[]): TextEdit | null {
  let current = map;
  for (let i = 0; i < path.length; i++) {
    const pair = pairOf(current, path[i]);
    if (!pair) return mergedHas(file, current, path[i]) ? null : addToMap(file, current, nestLines(path.slice(i), leafLines));
    const value = pair.value as Node | null;
    if (isAlias(value)) return null;
    if (value === null || (isScalar(value) && (value.value === null || value.value === undefined) && !value.source)) {
      // `deploy:` with no value yet: the new lines go right under the key, one level deeper
      const key = pair.key as Node | null;
      if (!key?.range || current.flow) return null;
      const keyPos = file.index.positionAt(key.range[0]);
      const unit = indentUnit(file);
      const column = keyColumn(file, key);
      const lines = nestLines(path.slice(i + 1), leafLines).map(l => {
        const lead = /^ */.exec(l)![0].length;
        return ' '.repeat(column + unit + (lead / 2) * unit) + l.slice(lead);
      });
      return insertAtLine(file, keyPos.line + 1, lines);
    }
    if (!isMap(value) || value.flow) return null;
    current = value;
  }
  return addToMap(file, current, leafLines);
}

/** Removes a key unless it is the map's only one (see removePair). */
export const removeKey = removePair;
