// ComposeModel: the effective services of a compose file — after YAML aliases and `<<` merge keys,
// `extends` (same file and other files) and the override file Compose loads with it — where every value
// keeps the file and range that introduced it.
import { ComposeParseCache } from './parse-cache';
import { ComposeFile, parseComposeFile, deref, nodeRange, keyName, isMergePair, pairOf, asMap, asSeq, scalarText, Node, Pair, YAMLMap } from './document';
import { isMap } from 'yaml';
import { Range } from '../types';
import { companionFile, dirOf, joinPath } from './paths';

export interface Located {
  /** the value node, aliases resolved */
  node: Node | null;
  /** the pair that holds it (null for a sequence item) */
  pair: Pair | null;
  /** the map the pair lives in: where edits to this key go */
  map: YAMLMap | null;
  file: ComposeFile;
  range: Range;
  keyRange: Range | null;
}

export interface ServiceModel {
  name: string;
  /** the file and map that define the service in the linted project (the linted file when it does) */
  file: ComposeFile;
  map: YAMLMap;
  nameRange: Range;
  /** top-level keys → their sources, the one that wins first (lists and maps merge across sources) */
  keys: Map<string, Located[]>;
  /** the `extends` key, where values from another file are reported */
  extendsRange: Range | null;
}

export interface ComposeModel {
  /** the linted file */
  file: ComposeFile;
  /** every file read while building the model (the linted one first) */
  files: ComposeFile[];
  services: ServiceModel[];
  /** the override file loaded with the linted main file, or the main file of a linted override */
  companion: ComposeFile | null;
  /** problems building the model (bad extends), placed in the linted file */
  problems: Array<{ range: Range; message: string }>;
}

/** Reads another file of the project; undefined when it does not exist or cannot be read. */
export type ReadFile = (path: string) => string | undefined;

export interface ComposeModelOptions {
  readFile?: ReadFile;
  /** the editor's cache of this document's last parse (only the linted file goes through it) */
  composeCache?: ComposeParseCache;
  /**
   * Parses shared between the models built for one lint (text → its parse): the compose files around a
   * Dockerfile are often one text under several names (compose.yaml and its override, or a folder's and its
   * parent's), and a parse is the costly part. The parse is shared, each path gets its own ComposeFile.
   */
  parses?: ComposeParses;
}

/** Parsed compose files by their text. */
export type ComposeParses = Pick<Map<string, ComposeFile>, 'get' | 'set'>;

function parseShared(path: string, text: string, parses: ComposeParses | undefined): ComposeFile {
  if (!parses) return parseComposeFile(path, text);
  const hit = parses.get(text);
  if (hit) return hit.path === path ? hit : { ...hit, path };
  const file = parseComposeFile(path, text);
  parses.set(text, file);
  return file;
}

export function buildComposeModel(path: string, text: string, options: ComposeModelOptions = {}): ComposeModel {
  const primary = options.composeCache ? options.composeCache.parse(path, text) : parseShared(path, text, options.parses);
  const cache = new Map<string, ComposeFile | null>([[path, primary]]);
  const problems: ComposeModel['problems'] = [];
  const load = (p: string): ComposeFile | null => {
    if (!cache.has(p)) {
      const t = options.readFile?.(p);
      cache.set(p, t === undefined ? null : parseShared(p, t, options.parses));
    }
    return cache.get(p) ?? null;
  };

  // Compose loads the override file on top of the main one; linting either sees both.
  const companion = companionFile(path);
  const other = companion ? load(companion.other) : null;
  const main = companion?.role === 'override' && other ? other : primary;
  const override = companion?.role === 'override' ? primary : other;

  const services: ServiceModel[] = [];
  const names = new Set<string>([...serviceMaps(main).keys(), ...(override ? serviceMaps(override).keys() : [])]);
  for (const name of names) {
    const layers: Array<{ file: ComposeFile; map: YAMLMap; pair: Pair }> = [];
    for (const f of override ? [override, main] : [main]) {
      const entry = serviceMaps(f).get(name);
      if (entry) layers.push({ file: f, ...entry });
    }
    // the service is reported where the linted file defines it, else where it is first defined
    const home = layers.find(l => l.file === primary) ?? layers[layers.length - 1];
    const keys = new Map<string, Located[]>();
    let extendsRange: Range | null = null;
    for (const layer of layers) {
      collect(layer.file, layer.map, keys, 0, load, problems, primary);
      const ext = pairOf(layer.map, 'extends');
      if (ext && layer.file === home.file) extendsRange = nodeRange(layer.file, ext.key as Node);
    }
    services.push({ name, file: home.file, map: home.map, nameRange: nodeRange(home.file, home.pair.key as Node), keys, extendsRange });
  }
  return { file: primary, files: [...cache.values()].filter((f): f is ComposeFile => f !== null), services, companion: other, problems };
}

const serviceMapCache = new WeakMap<ComposeFile, Map<string, { map: YAMLMap; pair: Pair }>>();

/** The services of a file: name → its map and pair (read once per file). */
export function serviceMaps(file: ComposeFile): Map<string, { map: YAMLMap; pair: Pair }> {
  let cached = serviceMapCache.get(file);
  if (!cached) { cached = readServiceMaps(file); serviceMapCache.set(file, cached); }
  return cached;
}

function readServiceMaps(file: ComposeFile): Map<string, { map: YAMLMap; pair: Pair }> {
  const out = new Map<string, { map: YAMLMap; pair: Pair }>();
  const root = asMap(file, file.doc.contents);
  const services = root ? asMap(file, pairOf(root, 'services')?.value) : null;
  if (!services) return out;
  for (const pair of services.items) {
    const name = keyName(pair);
    const map = asMap(file, pair.value);
    if (name !== null && map) out.set(name, { map, pair });
  }
  return out;
}

/** Adds the keys a service map provides: its own pairs, then `<<` merges, then what `extends` brings. */
function collect(file: ComposeFile, map: YAMLMap, keys: Map<string, Located[]>, depth: number, load: (p: string) => ComposeFile | null,
  problems: ComposeModel['problems'], primary: ComposeFile, seen: Set<YAMLMap> = new Set()) {
  // each map is read once per service: merge-key bombs (`<<: [*a, *a, …]` chains) and cycles stay linear
  if (depth > 10 || seen.has(map)) return;
  seen.add(map);
  const merges: YAMLMap[] = [];
  let ext: Pair | null = null;
  for (const pair of map.items) {
    if (isMergePair(pair)) {
      const target = deref(file, pair.value);
      const seq = asSeq(file, target);
      for (const m of seq ? seq.items : [target]) { const mm = asMap(file, m); if (mm) merges.push(mm); }
      continue;
    }
    const key = keyName(pair);
    if (key === null) continue;
    if (key === 'extends') ext = pair;
    const list = keys.get(key) ?? [];
    const node = deref(file, pair.value);
    list.push({ node, pair, map, file, range: nodeRange(file, node ?? (pair.key as Node)), keyRange: nodeRange(file, pair.key as Node) });
    keys.set(key, list);
  }
  for (const m of merges) collect(file, m, keys, depth + 1, load, problems, primary, seen);
  if (!ext) return;
  const spec = deref(file, ext.value);
  const serviceName = isMap(spec) ? scalarText(file, spec.get('service', true)) : scalarText(file, spec);
  const fromFile = isMap(spec) ? scalarText(file, spec.get('file', true)) : null;
  const baseFile = fromFile ? load(joinPath(dirOf(file.path), fromFile)) : file;
  const where = nodeRange(file, ext.key as Node);
  if (!serviceName) return;
  if (!baseFile) {
    if (file === primary) problems.push({ range: where, message: `extends: cannot read ${fromFile}; the values it would bring in are not checked.` });
    return;
  }
  const base = serviceMaps(baseFile).get(serviceName);
  if (!base) {
    if (file === primary) problems.push({ range: where, message: `extends: no service '${serviceName}' in ${fromFile ?? 'this file'}.` });
    return;
  }
  if (base.map === map) return;
  collect(baseFile, base.map, keys, depth + 1, load, problems, primary, seen);
}

// ---------------------------------------------------------------- reading effective values

/** The winning source of a top-level key. */
export function get(service: ServiceModel, key: string): Located | undefined {
  return service.keys.get(key)?.[0];
}

/** The scalar text of a top-level key's winning value. */
export function text(service: ServiceModel, key: string): string | null {
  const l = get(service, key);
  return l ? scalarText(l.file, l.node) : null;
}

export interface Item { node: Node | null; file: ComposeFile; range: Range; text: string | null; source: Located }

/**
 * The items of a list key across every source (Compose merges lists from extends and overrides).
 * A scalar value counts as a one-item list (`tmpfs: /tmp`).
 */
export function items(service: ServiceModel, key: string): Item[] {
  const out: Item[] = [];
  for (const source of service.keys.get(key) ?? []) {
    const seq = asSeq(source.file, source.node);
    const nodes = seq ? seq.items : source.node ? [source.node] : [];
    for (const raw of nodes) {
      const node = deref(source.file, raw);
      out.push({ node, file: source.file, range: nodeRange(source.file, node), text: scalarText(source.file, node), source });
    }
  }
  return out;
}

/** A nested value (e.g. deploy → resources → limits → memory), searched through every source of the top key. */
export function lookup(service: ServiceModel, path: string[]): Located | undefined {
  for (const source of service.keys.get(path[0]) ?? []) {
    let map: YAMLMap | null = null;
    let node: Node | null = source.node;
    let pair: Pair | null = source.pair;
    let ok = true;
    for (const key of path.slice(1)) {
      map = asMap(source.file, node);
      pair = map ? findPair(source.file, map, key) : null;
      if (!pair) { ok = false; break; }
      node = deref(source.file, pair.value);
    }
    if (ok) return { node, pair, map: map ?? source.map, file: source.file, range: nodeRange(source.file, node ?? (pair?.key as Node)), keyRange: pair ? nodeRange(source.file, pair.key as Node) : null };
  }
  return undefined;
}

/** A key in a map, looking through its `<<` merges. */
function findPair(file: ComposeFile, map: YAMLMap, key: string, depth = 0, seen: Set<YAMLMap> = new Set()): Pair | null {
  const own = pairOf(map, key);
  if (own || depth > 10 || seen.has(map)) return own ?? null;
  seen.add(map);
  for (const p of map.items) {
    if (!isMergePair(p)) continue;
    const target = deref(file, p.value);
    const seq = asSeq(file, target);
    for (const m of seq ? seq.items : [target]) {
      const mm = asMap(file, m);
      const found = mm ? findPair(file, mm, key, depth + 1, seen) : null;
      if (found) return found;
    }
  }
  return null;
}

/** true/yes/on, as YAML booleans or strings. */
export function isTrueValue(l: Located): boolean {
  const t = scalarText(l.file, l.node);
  return t !== null && /^(true|yes|on)$/i.test(t);
}
