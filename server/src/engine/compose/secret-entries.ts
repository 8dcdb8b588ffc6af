// Literal credentials in a service's `environment:` and `build.args` (map or `KEY=value` list), judged with
// the shared secret knowledge, and the edits that move one to a Compose secret read through `<NAME>_FILE`.
import { ServiceModel, Located, lookup } from './model';
import { asMap, asSeq, keyName, scalarText, pairOf, ComposeFile, Node, isScalar } from './document';
import { addToMap, addUnderPath, appendToSeq, quote, scalarStyle, replaceNode } from './edits';
import { interpolateDefaults } from './images';
import { isSecretName, nonSecretValueKind, findSecretValues } from '../knowledge/secrets';
import { TextEdit, comparePositions } from '../types';

export interface LiteralSecret {
  where: 'environment' | 'build.args';
  name: string;
  /** the literal as written */
  value: string;
  /** why it is a secret: the variable's name, or a credential format found in the value */
  reason: { kind: 'name' } | { kind: 'format'; label: string };
  /** the value (map form) or the `KEY=value` item (list form) */
  node: Node;
  /** the key node in map form */
  keyNode: Node | null;
  source: Located;
}

function judge(name: string, value: string): LiteralSecret['reason'] | null {
  // `${DB_PASSWORD}` is a reference; `${DB_PASSWORD:-s3cret}` writes its default literally
  const literal = interpolateDefaults(value);
  if (literal !== null && isSecretName(name) && nonSecretValueKind(literal) === null) return { kind: 'name' };
  const found = findSecretValues(value);
  return found.length ? { kind: 'format', label: found[0].label } : null;
}

function entriesOf(source: Located, where: LiteralSecret['where']): LiteralSecret[] {
  const out: LiteralSecret[] = [];
  const { file } = source;
  const map = asMap(file, source.node);
  for (const p of map?.items ?? []) {
    const name = keyName(p);
    const value = scalarText(file, p.value);
    if (!name || value === null || !isScalar(p.value)) continue;
    const reason = judge(name, value);
    if (reason) out.push({ where, name, value, reason, node: p.value, keyNode: p.key as Node, source });
  }
  for (const item of asSeq(file, source.node)?.items ?? []) {
    const text = scalarText(file, item);
    const eq = text?.indexOf('=') ?? -1;
    if (!text || eq <= 0 || !isScalar(item)) continue;
    const reason = judge(text.slice(0, eq), text.slice(eq + 1));
    if (reason) out.push({ where, name: text.slice(0, eq), value: text.slice(eq + 1), reason, node: item, keyNode: null, source });
  }
  return out;
}

export function literalSecrets(service: ServiceModel): LiteralSecret[] {
  const env = (service.keys.get('environment') ?? []).flatMap(l => entriesOf(l, 'environment'));
  const args = lookup(service, ['build', 'args']);
  return [...env, ...(args ? entriesOf(args, 'build.args') : [])];
}

/** `DB_PASSWORD` → `db_password`, a valid Compose secret name. */
export function secretNameFor(variable: string): string {
  return variable.toLowerCase().replace(/[^a-z0-9_.-]+/g, '_');
}

/**
 * Moves an `environment:` secret to a file-backed Compose secret: the variable becomes `<NAME>_FILE=/run/secrets/<name>`,
 * the service lists the secret, and a top-level `secrets:` entry reads it from `./secrets/<name>.txt`.
 * Null when the entry is shared (an anchor, another file) or the blocks cannot be edited in place.
 */
export function moveToSecretEdits(file: ComposeFile, service: ServiceModel, s: LiteralSecret): TextEdit[] | null {
  if (s.where !== 'environment' || s.source.file !== file || service.file !== file || s.source.map !== service.map) return null;
  const secret = secretNameFor(s.name);
  const target = `/run/secrets/${secret}`;
  const edits: TextEdit[] = [];
  // 1. the variable
  if (s.keyNode?.range && s.node.range) {
    edits.push({ range: file.index.rangeOf(s.keyNode.range[0], s.node.range[1]), newText: `${s.name}_FILE: ${target}` });
  } else {
    const e = replaceNode(file, s.node, quote(`${s.name}_FILE=${target}`, scalarStyle(s.node)));
    if (!e) return null;
    edits.push(e);
  }
  // 2. the service's secrets list
  const listPair = pairOf(service.map, 'secrets');
  const list = listPair ? asSeq(file, listPair.value) : null;
  const listed = list?.items.some(i => scalarText(file, i) === secret || scalarText(file, asMap(file, i)?.get('source', true)) === secret);
  if (!listed) {
    const e = list ? appendToSeq(file, list, secret) : listPair ? null : addUnderPath(file, service.map, ['secrets'], [`- ${secret}`]);
    if (!e) return null;
    edits.push(e);
  }
  // 3. the top-level secret
  const root = asMap(file, file.doc.contents);
  const topPair = root ? pairOf(root, 'secrets') : undefined;
  const top = topPair ? asMap(file, topPair.value) : null;
  if (!root || (top && pairOf(top, secret))) return merge(edits);
  const lines = [`file: ./secrets/${secret}.txt`];
  const e = top ? addToMap(file, top, [`${secret}:`, ...lines.map(l => `  ${l}`)]) : addUnderPath(file, root, ['secrets', secret], lines);
  if (!e) return null;
  edits.push(e);
  return merge(edits);
}

/** Insertions at the same point are joined in order (the service's list before the top-level block). */
function merge(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const same = out.find(o => comparePositions(o.range.start, e.range.start) === 0 && comparePositions(o.range.end, o.range.start) === 0 && comparePositions(e.range.end, e.range.start) === 0);
    // both may start a missing last line break; one is enough
    if (same) same.newText += same.newText.endsWith('\n') ? e.newText.replace(/^\r?\n/, '') : e.newText;
    else out.push({ ...e });
  }
  return out;
}
