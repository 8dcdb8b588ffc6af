// Validation against the Compose specification's JSON schema (draft-07, as shipped by the npm package
// dclint in schemas/compose.schema.json), with ajv. The schema is compiled ahead of time into
// schema-validator.generated.js by ajv's standalone code generation (scripts/gen-compose-validator.mjs; a
// unit test checks it is current), so nothing is compiled at run time. Errors are reduced to the ones a
// person acts on (one per `oneOf` that failed) and placed on the YAML node they concern.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ComposeFile, nodeRange, isMap, isSeq, isScalar } from './document';
import { toPlain, pointerSegment, PlainSource } from './plain';
import { Range } from '../types';

/** The versions named in the rule's docs; a test checks them against the installed packages. */
export const SCHEMA_SOURCE = { package: 'dclint', version: '3.1.0', file: 'schemas/compose.schema.json', ajv: '8.20.0' };

let validator: ValidateFunction | null = null;

/** The generated validator, loaded on first use: a run that validates no compose file never evaluates it. */
function compiled(): ValidateFunction {
  return (validator ??= require('./schema-validator.generated') as ValidateFunction);
}

export interface SchemaProblem { range: Range; message: string; pointer: string }

export function validateComposeSchema(file: ComposeFile): SchemaProblem[] {
  if (file.errors.length || !file.doc.contents) return [];
  // the value alone first; the YAML node behind each JSON pointer is only needed to place errors
  const plain = toPlain(file, false);
  if (!plain) return [];
  const validate = compiled();
  if (validate(plain.value)) return [];
  const errors = reduce(validate.errors ?? []);
  const sources = toPlain(file)!.sources;
  return errors.map(e => place(file, sources, e));
}

/** The errors ajv reports, unreduced (for tests and debugging). */
export function rawSchemaErrors(file: ComposeFile): ErrorObject[] {
  const plain = toPlain(file);
  const validate = compiled();
  return plain && !validate(plain.value) ? [...(validate.errors ?? [])] : [];
}

const depthOf = (pointer: string) => (pointer === '' ? 0 : pointer.split('/').length - 1);
const under = (pointer: string, base: string) => pointer === base || pointer.startsWith(`${base}/`);
/** How far into the value an error got: an unknown or missing key counts one level deeper than its map. */
const reach = (e: ErrorObject) => depthOf(e.instancePath) + (e.keyword === 'additionalProperties' || e.keyword === 'required' ? 1 : 0);

/**
 * ajv reports every branch of a failed `oneOf` and then the `oneOf` itself. Keep what a person acts on:
 * the errors of the branch that got furthest into the value (the shape that was meant), or, when every
 * branch failed on the value's type, one error listing the types that would do.
 */
function reduce(errors: ErrorObject[]): ErrorObject[] {
  const out: ErrorObject[] = [];
  for (const e of errors) {
    if (e.keyword !== 'oneOf') { out.push(e); continue; }
    // the branch errors were emitted just before the oneOf, all at or under its path
    let start = out.length;
    while (start > 0 && under(out[start - 1].instancePath, e.instancePath)) start--;
    const branches = out.splice(start);
    if (!branches.length) { out.push(e); continue; }
    const best = Math.max(...branches.map(reach));
    const furthest = branches.filter(b => reach(b) === best);
    const specific = furthest.filter(b => b.keyword !== 'type');
    if (specific.length) { out.push(...specific); continue; }
    const types = [...new Set(furthest.flatMap(b => { const t = (b.params as { type?: string | string[] }).type; return Array.isArray(t) ? t : t ? [t] : []; }))];
    out.push({ ...furthest[0], params: { type: types }, message: `must be ${types.join(',')}` });
  }
  return dedupe(out);
}

function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter(e => {
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const TYPE_WORDS: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', number: 'a number', integer: 'an integer', boolean: 'a boolean', null: 'empty' };

function typeWords(types: string[]): string {
  const words = types.map(t => TYPE_WORDS[t] ?? t);
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function kindOf(value: PlainSource['value']): string {
  if (isMap(value)) return 'a mapping';
  if (isSeq(value)) return 'a list';
  if (isScalar(value)) {
    const v = value.value;
    return v === null || v === undefined ? 'empty' : typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? 'a boolean' : 'a string';
  }
  return 'empty';
}

/** `/services/web/ports/0` → `services.web.ports[0]`. */
export function dottedPath(pointer: string): string {
  if (pointer === '') return 'the file';
  return pointer.slice(1).split('/').map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => /^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg, '');
}

/** The nearest allowed key to a misspelt one (edit distance ≤ 2), for "did you mean". */
function closest(word: string, candidates: string[]): string | null {
  let best: string | null = null, bestDistance = 3;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) { best = c; bestDistance = d; }
  }
  return best;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

function describe(e: ErrorObject, source: PlainSource | undefined): { pointer: string; message: string } {
  const where = dottedPath(e.instancePath);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
      const guess = closest(key, allowed);
      return { pointer: `${e.instancePath}/${pointerSegment(key)}`, message: `'${key}' is not allowed in ${where}${guess ? ` (did you mean '${guess}'?)` : ''}.` };
    }
    case 'required': return { pointer: e.instancePath, message: `${where} must have '${String(params.missingProperty)}'.` };
    case 'type': {
      const t = params.type;
      return { pointer: e.instancePath, message: `${where} must be ${typeWords(Array.isArray(t) ? t.map(String) : [String(t)])}, not ${kindOf(source?.value ?? null)}.` };
    }
    case 'enum': return { pointer: e.instancePath, message: `${where} must be one of ${(params.allowedValues as unknown[]).map(v => JSON.stringify(v)).join(', ')}.` };
    case 'uniqueItems': return { pointer: `${e.instancePath}/${String(params.i)}`, message: `${where} lists the same entry twice (items ${String(params.j)} and ${String(params.i)}).` };
    default: return { pointer: e.instancePath, message: `${where} ${e.message ?? 'is not valid'}.` };
  }
}

function place(file: ComposeFile, sources: Map<string, PlainSource>, e: ErrorObject): SchemaProblem {
  const { pointer, message } = describe(e, sources.get(e.instancePath));
  const at = sources.get(pointer) ?? sources.get(e.instancePath);
  // a scalar is reported where it is; a mapping, list or empty value on its key, which is where a person reads it
  const scalar = at && isScalar(at.value) && at.value.value !== null && e.keyword !== 'additionalProperties';
  const node = scalar ? at.value : at?.key ?? at?.value ?? null;
  return { range: nodeRange(file, node), message, pointer };
}
