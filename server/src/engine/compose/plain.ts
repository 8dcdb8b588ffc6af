// A compose file as the plain JSON value Compose reads (aliases followed, `<<` merge keys applied), with the
// YAML node behind every JSON pointer, so a schema error at `/services/web/ports/0` is placed on its line.
import { ComposeFile, deref, keyName, isMergePair, asMap, asSeq, Node, YAMLMap } from './document';
import { isMap, isSeq, isScalar } from 'yaml';

export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

export interface PlainSource { key: Node | null; value: Node | null }

export interface PlainDocument {
  value: Plain;
  /** JSON pointer (ajv `instancePath`) → the key and value nodes it came from (empty when not asked for) */
  sources: Map<string, PlainSource>;
}

/** More values than this (an alias bomb, a huge generated file): the document is not converted. */
const BUDGET = 200_000;

export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * The plain value, and with `withSources` (the default) the nodes behind every JSON pointer. Without them
 * (the value to validate, when most files are valid) no pointer is built: the same walk, a good deal cheaper.
 */
export function toPlain(file: ComposeFile, withSources = true): PlainDocument | null {
  const sources = new Map<string, PlainSource>();
  // a map's merged pairs, worked out once: an alias bomb reaches the same few maps hundreds of thousands of
  // times, and each merge chain walked again cost more than the value it converts
  const merged = new Map<YAMLMap, ReturnType<typeof mergedPairs>>();
  let spent = 0;
  const convert = (raw: unknown, pointer: string, key: Node | null, depth: number): Plain => {
    if (++spent > BUDGET || depth > 64) throw new RangeError('too large');
    const node = deref(file, raw);
    if (withSources) sources.set(pointer, { key, value: node });
    if (isMap(node)) {
      const out: { [key: string]: Plain } = {};
      let pairs = merged.get(node);
      if (!pairs) { pairs = mergedPairs(file, node); merged.set(node, pairs); }
      for (const { name, pair } of pairs) {
        out[name] = convert(pair.value, withSources ? `${pointer}/${pointerSegment(name)}` : '', pair.key as Node, depth + 1);
      }
      return out;
    }
    if (isSeq(node)) return node.items.map((item, i) => convert(item, withSources ? `${pointer}/${i}` : '', null, depth + 1));
    if (isScalar(node)) {
      const v = node.value;
      if (v === null || v === undefined) return null;
      if (typeof v === 'boolean' || typeof v === 'string') return v;
      if (typeof v === 'number') return v;
      if (typeof v === 'bigint') return Number(v);
      return String(v);
    }
    return null;
  };
  try {
    return { value: convert(file.doc.contents, '', null, 0), sources };
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}

/** A map's pairs with `<<` merges applied as YAML defines them: own keys win, then earlier merged maps. */
function mergedPairs(file: ComposeFile, map: YAMLMap, depth = 0, seen: Set<YAMLMap> = new Set()): Array<{ name: string; pair: YAMLMap['items'][number] }> {
  const out = new Map<string, { name: string; pair: YAMLMap['items'][number] }>();
  // each merged map once: `<<: [*m, *m, …]` chains (merge bombs) stay linear
  if (seen.has(map)) return [];
  seen.add(map);
  const merges: YAMLMap[] = [];
  for (const pair of map.items) {
    if (isMergePair(pair)) {
      const target = deref(file, pair.value);
      const seq = asSeq(file, target);
      for (const m of seq ? seq.items : [target]) { const mm = asMap(file, m); if (mm) merges.push(mm); }
      continue;
    }
    const name = keyName(pair);
    if (name !== null && !out.has(name)) out.set(name, { name, pair });
  }
  if (depth < 10) {
    for (const m of merges) for (const entry of mergedPairs(file, m, depth + 1, seen)) if (!out.has(entry.name)) out.set(entry.name, entry);
  }
  return [...out.values()];
}
