// Policy as code: `.shipshape.yaml` (or .yml), found by walking up from a linted file (nearest wins),
// optionally `extends` another policy file. Read and validated here (pure: files come through readFile);
// the editor, the CLI and CI all apply it the same way.
import { parseDocument, isMap, isSeq, isScalar, Node, YAMLMap } from 'yaml';
import { tooDeepAt, TOO_DEEP_MESSAGE } from './yaml-depth';
import { TextIndex } from './text';
import { LintOptions, Range, Severity, SeveritySetting } from './types';
import { getRule } from './registry';
import { dirOf, joinPath } from './compose/paths';
import { matchesAny, globProblem } from './glob';

export const POLICY_NAMES = ['.shipshape.yaml', '.shipshape.yml'];

export interface Policy {
  /** the policy files that make it up, nearest first */
  files: string[];
  rules: Record<string, SeveritySetting>;
  ruleOptions: Record<string, Record<string, unknown>>;
  trustedRegistries?: string[];
  /** path globs, relative to the folder of the policy file that declared them */
  ignore: Array<{ base: string; glob: string }>;
  failOn: Severity | 'none';
}

export interface PolicyError { path: string; range: Range; key: string; message: string }

/** `errors` make the policy unusable; `warnings` are parts that were skipped (an untrusted extends). */
export interface PolicyLoad { policy: Policy | null; errors: PolicyError[]; warnings: PolicyError[] }

type ReadFile = (path: string) => string | undefined;

const SEVERITIES = ['off', 'info', 'warning', 'error'];
const TOP_KEYS = ['extends', 'rules', 'trustedRegistries', 'ignore', 'failOn'];

/** The nearest policy file at or above a folder, or null. */
export function findPolicyFile(dir: string, readFile: ReadFile, stopAt?: string): string | null {
  let d = dir;
  for (let i = 0; i < 64; i++) {
    for (const name of POLICY_NAMES) {
      const p = joinPath(d, name);
      if (readFile(p) !== undefined) return p;
    }
    if (stopAt !== undefined && d === stopAt) return null;
    const up = dirOf(d);
    if (up === d) return null;
    d = up;
  }
  return null;
}

/** Reads and validates a policy file and what it extends. `allowExtends` decides which extended paths may be read. */
export function loadPolicy(path: string, readFile: ReadFile, allowExtends: (p: string) => boolean = () => true, seen: string[] = []): PolicyLoad {
  const text = readFile(path);
  const errors: PolicyError[] = [];
  const warnings: PolicyError[] = [];
  if (text === undefined) return { policy: null, errors: [{ path, range: zero(), key: '', message: `cannot read ${path}` }], warnings };
  const index = new TextIndex(text);
  const at = (node: Node | null | undefined): Range => node?.range ? index.rangeOf(node.range[0], node.range[1]) : zero();
  const fail = (node: Node | null | undefined, key: string, message: string) => errors.push({ path, range: at(node), key, message });
  const deep = tooDeepAt(text);
  if (deep >= 0) return { policy: null, errors: [{ path, range: index.rangeOf(deep, deep + 1), key: '', message: `invalid YAML: ${TOO_DEEP_MESSAGE}` }], warnings };
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) errors.push({ path, range: index.rangeOf(e.pos[0], e.pos[1]), key: '', message: `invalid YAML: ${e.message.split('\n')[0]}` });
  if (errors.length) return { policy: null, errors, warnings };

  let base: Policy = { files: [], rules: {}, ruleOptions: {}, ignore: [], failOn: 'error' };
  const root = doc.contents;
  if (root !== null && !isMap(root)) { fail(root as Node, '', 'a policy file is a mapping of extends, rules, trustedRegistries, ignore, failOn'); return { policy: null, errors, warnings }; }
  const map = (root ?? new YAMLMap()) as YAMLMap;
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!TOP_KEYS.includes(key)) fail(pair.key as Node, key, `unknown key '${key}' (allowed: ${TOP_KEYS.join(', ')})`);
  }
  const ext = map.get('extends', true) as Node | undefined;
  if (ext !== undefined) {
    const rel = isScalar(ext) && typeof ext.value === 'string' ? ext.value : null;
    if (rel === null) fail(ext, 'extends', 'extends must be a path to another policy file');
    else {
      const target = joinPath(dirOf(path), rel);
      if (seen.includes(target) || target === path) fail(ext, 'extends', `extends makes a cycle through ${rel}`);
      // untrusted workspace: only this extends is skipped, the file's own settings still apply
      else if (!allowExtends(target)) warnings.push({ path, range: at(ext), key: 'extends', message: `extends ${rel} points outside the workspace, which is not trusted: it is ignored (the rest of this policy applies)` });
      else {
        const parent = loadPolicy(target, readFile, allowExtends, [...seen, path]);
        if (!parent.policy) fail(ext, 'extends', `extends ${rel}: ${parent.errors[0]?.message ?? 'cannot be read'}`);
        else base = parent.policy;
        warnings.push(...parent.warnings);
      }
    }
  }
  const policy: Policy = { files: [path, ...base.files], rules: { ...base.rules }, ruleOptions: { ...base.ruleOptions }, trustedRegistries: base.trustedRegistries, ignore: [...base.ignore], failOn: base.failOn };

  const rules = map.get('rules', true) as Node | undefined;
  if (rules !== undefined && rules !== null) {
    if (!isMap(rules)) fail(rules, 'rules', 'rules maps rule ids to off, info, warning or error (or { severity, options })');
    else for (const pair of rules.items) {
      const id = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value as Node | null;
      if (!getRule(id)) { fail(pair.key as Node, `rules.${id}`, `unknown rule '${id}' (see: shipshape rules)`); continue; }
      if (isScalar(value) && typeof value.value === 'string') {
        if (SEVERITIES.includes(value.value)) policy.rules[id] = value.value as SeveritySetting;
        else fail(value, `rules.${id}`, `'${value.value}' is not a severity: use off, info, warning or error`);
      } else if (isMap(value)) {
        for (const p of value.items) {
          const k = isScalar(p.key) ? String(p.key.value) : '';
          if (k !== 'severity' && k !== 'options') fail(p.key as Node, `rules.${id}.${k}`, `unknown key '${k}' (allowed: severity, options)`);
        }
        const sev = value.get('severity', true) as Node | undefined;
        if (sev !== undefined) {
          if (isScalar(sev) && typeof sev.value === 'string' && SEVERITIES.includes(sev.value)) policy.rules[id] = sev.value as SeveritySetting;
          else fail(sev, `rules.${id}.severity`, 'severity must be off, info, warning or error');
        }
        const opts = value.get('options', true) as Node | undefined;
        if (opts !== undefined) {
          if (isMap(opts)) policy.ruleOptions[id] = { ...policy.ruleOptions[id], ...(opts.toJSON() as Record<string, unknown>) };
          else fail(opts, `rules.${id}.options`, 'options must be a mapping');
        }
      } else fail(value, `rules.${id}`, 'expected off, info, warning, error or { severity, options }');
    }
  }
  const list = (key: string): string[] | undefined => {
    const node = map.get(key, true) as Node | undefined;
    if (node === undefined || node === null) return undefined;
    if (!isSeq(node) || !node.items.every(i => isScalar(i) && typeof i.value === 'string')) { fail(node, key, `${key} must be a list of strings`); return undefined; }
    for (const item of node.items) {
      const problem = globProblem(String((item as { value: unknown }).value));
      if (problem) fail(item as Node, key, `refused pattern: ${problem}`);
    }
    return node.items.map(i => String((i as { value: unknown }).value));
  };
  const trusted = list('trustedRegistries');
  if (trusted) policy.trustedRegistries = trusted;
  const ignore = list('ignore');
  if (ignore) policy.ignore.push(...ignore.map(glob => ({ base: dirOf(path), glob })));
  const failOn = map.get('failOn', true) as Node | undefined;
  if (failOn !== undefined) {
    if (isScalar(failOn) && typeof failOn.value === 'string' && ['error', 'warning', 'info', 'none'].includes(failOn.value)) policy.failOn = failOn.value as Policy['failOn'];
    else fail(failOn, 'failOn', 'failOn must be error, warning, info or none');
  }
  return { policy: errors.length ? null : policy, errors, warnings };
}

/** The policy applied on top of other options (the policy wins: it is what CI enforces too). */
export function applyPolicy(options: LintOptions, policy: Policy | null): LintOptions {
  if (!policy) return options;
  return {
    ...options,
    rules: { ...options.rules, ...policy.rules },
    ruleOptions: { ...options.ruleOptions, ...policy.ruleOptions },
    ...(policy.trustedRegistries ? { trustedRegistries: policy.trustedRegistries } : {}),
  };
}

/** True when the policy's `ignore` globs exclude the file. */
export function isIgnored(policy: Policy | null, filePath: string): boolean {
  if (!policy) return false;
  return policy.ignore.some(({ base, glob }) => {
    const rel = filePath.startsWith(base + '/') ? filePath.slice(base.length + 1) : filePath;
    return matchesAny(rel, [glob]);
  });
}

function zero(): Range { return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }; }
