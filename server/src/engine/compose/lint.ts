// lintCompose(path, text, options) → findings for that file. Values that come from another file are
// reported on the key that brought them in (extends), with related information; values that belong to
// the override file (or to the main file, when linting the override) are reported when that file is linted.
import { buildComposeModel, ComposeModel, ComposeParses, ReadFile, ServiceModel } from './model';
import { ComposeParseCache } from './parse-cache';
import { ComposeFile, parseErrorCount, viewOf, anchoredNodes, walkNodes, keyName, isMergePair, deref, isMap, isAlias, Node, Pair, YAMLMap } from './document';
import { toPlain } from './plain';
import { Pair as YamlPair, YAMLMap as YamlMap } from 'yaml';
import { linkDockerfile, LinkedDockerfile } from './link';
import { activeRules, buildFixes, DEFAULT_FIX_UID, fixWith, FixOptions, FixResult, withRuleOptions, suppressionFindings, lazyFixes } from '../lint';
import { ComposeReport, ComposeRule, ComposeContext } from '../rule';
import { Finding, Fix, LintOptions, comparePositions } from '../types';
import { readYamlSuppressions, findSuppression } from '../suppressions';
import { FixParseCheck } from './fix-check';

export interface ComposeLintResult {
  findings: Finding[];
  model: ComposeModel | null;
  ruleErrors: Array<{ ruleId: string; error: string }>;
}

export interface ComposeLintOptions extends LintOptions {
  readFile?: ReadFile;
  /** the editor's cache of one document's last lint: a keystroke re-parses one block and re-validates one service */
  composeCache?: ComposeLintCache;
  /** parses of the files around the linted one (override file, extends bases) by text, shared by the lints of one fix run */
  parses?: ComposeParses;
}

/**
 * What the editor keeps of one compose document between lints: its last parse (a keystroke re-parses the
 * block it touched: parse-cache.ts), and compose/valid-schema's reports for each service, so that a keystroke
 * validates against the Compose schema only the service it is in (see schemaReports). A unit test lints
 * thousands of random edits with and without it and finds the same.
 */
export class ComposeLintCache {
  readonly parse = new ComposeParseCache();
  /** per service (its pair): compose/valid-schema's reports (offsets in the current text) and the size of its plain value */
  readonly schema = new Map<Pair, SchemaPart>();
  /** the same for the file with its services emptied (top-level keys, service names) */
  skeleton: SchemaPart | null = null;
  /** how the last lint validated the schema, for tests and benchmarks */
  lastSchema: { whole: boolean; services: number } = { whole: true, services: 0 };
  /** the files around the document (override file, extends bases) as the last lint parsed them, by text */
  siblings = new Map<string, ComposeFile>();

  /** The sibling parses for the next lint: those whose text is unchanged are reused; the rest are dropped after it. */
  siblingParses(): ComposeParses {
    const previous = this.siblings;
    const used = (this.siblings = new Map());
    return {
      get: t => { const f = previous.get(t) ?? used.get(t); if (f) used.set(t, f); return f; },
      set(t, f) { used.set(t, f); return this; },
    } as ComposeParses;
  }
}

interface SchemaPart { reports: Array<{ start: number; end: number; message: string }>; size: number }

export function lintCompose(path: string, text: string, options: ComposeLintOptions = {}): ComposeLintResult {
  const ruleErrors: ComposeLintResult['ruleErrors'] = [];
  let model: ComposeModel;
  try {
    // the files around it are parsed once per fix run, and in the editor again only when their text changes
    const parses = options.parses ?? options.composeCache?.siblingParses();
    model = buildComposeModel(path, text, { readFile: options.readFile, composeCache: options.composeCache?.parse, parses });
    if (options.composeCache) followEdit(options.composeCache);
  } catch (e) {
    const message = `Shipshape could not read this compose file (${(e as Error).message}); no rule ran.`;
    return { findings: [{ ruleId: 'compose/valid-yaml', severity: 'error', message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, owasp: [], fixes: [] }], model: null, ruleErrors };
  }
  const fixOptions = { fixUid: options.fixUid ?? DEFAULT_FIX_UID, fixUserStyle: options.fixUserStyle ?? 'uid' as const };
  const links = new Map<ServiceModel, LinkedDockerfile | null>();
  const dockerfileOf = (s: ServiceModel) => {
    if (!links.has(s)) {
      try { links.set(s, linkDockerfile(s, options.readFile)); } catch { links.set(s, null); }
    }
    return links.get(s) ?? null;
  };
  // the safety net under every compose fix: one whose output has YAML errors the file does not have now is
  // not offered (built lazily with the fixes, so a lint that asks for none parses nothing more; outputs
  // are counted once each, as two findings can share a fix)
  const inputErrors = model.file.errors.length;
  const outputErrors = new Map<string, number>();
  let check: FixParseCheck | undefined;
  const parses = (fix: Fix): boolean => {
    if (!fix.edits.length) return true;
    const key = JSON.stringify(fix.edits);
    let n = outputErrors.get(key);
    if (n === undefined) outputErrors.set(key, n = (check ??= new FixParseCheck(model.file)).errorsAfter(fix.edits));
    return n === 0;
  };
  // a file YAML cannot read gets no fixes: where its author meant a key to go is a guess, and checking
  // each fix means re-parsing a file whose errors can take a second to find again
  const keepParsing = (fixes: Fix[]): Fix[] => (inputErrors ? [] : options.verifyFixes === false ? fixes : fixes.filter(parses));
  const suppressions = readYamlSuppressions(text);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const { rule, severity } of activeRules(options)) {
    if (rule.target !== 'compose') continue;
    const reports: ComposeReport[] = [];
    try {
      const ctx: ComposeContext = { model, options: withRuleOptions(fixOptions, options.ruleOptions?.[rule.id]), ruleOptions: options.ruleOptions?.[rule.id], trustedRegistries: options.trustedRegistries, dockerfileOf, report: r => reports.push(r) };
      if (rule.id === SCHEMA_RULE && options.composeCache) reports.push(...schemaReports(rule, ctx, options.composeCache));
      else rule.check(ctx);
    } catch (e) {
      ruleErrors.push({ ruleId: rule.id, error: (e as Error).stack ?? String(e) });
      continue;
    }
    for (const r of reports) {
      const placed = place(model, r);
      if (!placed) continue;
      // a value shared through an anchor is reported once, not once per service that merges it
      const key = `${rule.id}@${placed.range.start.line}:${placed.range.start.character}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const finding = lazyFixes({
        ruleId: rule.id, severity: options.rules?.[rule.id] === undefined ? r.severity ?? severity : severity, message: r.message, range: placed.range, owasp: rule.owasp,
        ...(placed.related ? { related: placed.related } : {}),
        ...(r.service ? { subject: r.service.name } : {}),
      }, () => (placed.related ? [] : keepParsing(buildFixes(rule, r, ruleErrors))));
      const suppressed = findSuppression(suppressions, rule.id, placed.range.start.line);
      if (suppressed) finding.suppressed = suppressed;
      findings.push(finding);
    }
  }
  findings.push(...suppressionFindings(suppressions, options, 'compose'));
  // rule ids compared by code unit, as Dockerfile findings are (localeCompare loads ICU's collation data: 2.6 MB)
  findings.sort((a, b) => comparePositions(a.range.start, b.range.start) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return { findings, model, ruleErrors };
}

// ---------------------------------------------------------------- the schema check, service by service

/**
 * The rule that validates the file against the Compose JSON schema: its cost grows with the file, and what
 * it reports about a service depends on that service's value alone (with what it merges), so the editor's
 * cache keeps its reports per service.
 */
const SCHEMA_RULE = 'compose/valid-schema';

/** Above this many plain values (schema.ts/plain.ts give up at 200,000), the schema check runs whole. */
const SPLIT_SIZE_LIMIT = 100_000;

/** Brings the kept schema reports up to the new parse: drops what the edit may have changed, moves the rest. */
function followEdit(cache: ComposeLintCache): void {
  const { last, edit } = cache.parse;
  if (last.kind === 'same') return;
  const forgetAll = () => { cache.schema.clear(); cache.skeleton = null; };
  if (last.kind !== 'block' || !edit || edit.anchors) return forgetAll();
  // an edit inside one service changes that service's value (not its name); an edit in another top-level
  // key changes what the skeleton holds, and no service
  if (keyName(edit.path[0]) === 'services') {
    if (edit.path.length === 1) return forgetAll();
    cache.schema.delete(edit.path[1]);
  } else cache.skeleton = null;
  for (const part of [...cache.schema.values(), ...(cache.skeleton ? [cache.skeleton] : [])]) {
    for (const r of part.reports) {
      if (r.end > edit.start && r.start < edit.end) return forgetAll();
      if (r.start >= edit.end) r.start += edit.delta;
      if (r.end >= edit.end) r.end += edit.delta;
    }
  }
}

/**
 * compose/valid-schema's reports, as a whole run gives them, from the file checked in parts: the file with
 * every service emptied (top-level keys, service names), then each service alone (`services:` holding only
 * it), re-checked only when an edit touched it. The parts' reports are in the whole check's order: a part's
 * own in its order, services in the file's order, and no node reported by two parts (see splitParts).
 */
function schemaReports(rule: ComposeRule, ctx: ComposeContext, cache: ComposeLintCache): ComposeReport[] {
  const file = ctx.model.file;
  const whole = (): ComposeReport[] => {
    cache.schema.clear();
    cache.skeleton = null;
    cache.lastSchema = { whole: true, services: 0 };
    const out: ComposeReport[] = [];
    rule.check({ ...ctx, report: r => out.push(r) });
    return out;
  };
  const parts = splitParts(file);
  if (!parts) return whole();
  const run = (view: ComposeFile): ComposeReport[] | null => {
    const out: ComposeReport[] = [];
    rule.check({ ...ctx, model: { ...ctx.model, file: view }, report: r => out.push(r) });
    // reports that say more than where and what (a service, fixes, a severity) are not kept
    return out.every(r => r.at.file === view && !r.service && !r.fixes && !r.severity) ? out : null;
  };
  const sizeOf = (view: ComposeFile) => toPlain(view)?.sources.size ?? null;
  const index = file.index;
  const offsets = (reports: ComposeReport[]) => reports.map(r => ({ start: index.offsetAt(r.at.range.start), end: index.offsetAt(r.at.range.end), message: r.message }));

  if (!cache.skeleton) {
    const view = parts.skeleton();
    const skeletonSize = sizeOf(view);
    const reports = skeletonSize === null ? null : run(view);
    if (skeletonSize === null || !reports) return whole();
    cache.skeleton = { reports: offsets(reports), size: skeletonSize };
  }
  let size = cache.skeleton.size - parts.services.length;
  let checked = 0;
  for (const { pair, view: viewFor } of parts.services) {
    let part = cache.schema.get(pair);
    if (!part) {
      const view = viewFor();
      const viewSize = sizeOf(view);
      const reports = viewSize === null ? null : run(view);
      if (viewSize === null || !reports) return whole();
      part = { reports: offsets(reports), size: viewSize - 2 };
      cache.schema.set(pair, part);
      checked++;
    }
    size += part.size;
  }
  if (size > SPLIT_SIZE_LIMIT) return whole();
  // services removed since: forget them
  if (cache.schema.size > parts.services.length) {
    const current = new Set(parts.services.map(s => s.pair));
    for (const pair of cache.schema.keys()) if (!current.has(pair)) cache.schema.delete(pair);
  }
  cache.lastSchema = { whole: false, services: checked };
  // a service's part repeats what the skeleton says about its name
  const skeleton = cache.skeleton.reports;
  const said = new Set(skeleton.map(r => `${r.start}:${r.end}:${r.message}`));
  const out: ComposeReport[] = skeleton.map(r => ({ at: { file, range: index.rangeOf(r.start, r.end) }, message: r.message }));
  for (const { pair } of parts.services) {
    for (const r of cache.schema.get(pair)!.reports) {
      if (said.has(`${r.start}:${r.end}:${r.message}`)) continue;
      out.push({ at: { file, range: index.rangeOf(r.start, r.end) }, message: r.message });
    }
  }
  return out;
}

/**
 * The parts the schema check can be split into, or null when the whole check must run: the file must parse,
 * its root and `services` must be mappings written in place without merge keys, and no node may be reachable
 * both from a service and from another top-level key except an `x-` one (which the schema does not check):
 * so anchors live in `services` or in `x-` keys, and no alias outside `services` points into it.
 */
function splitParts(file: ComposeFile): { skeleton: () => ComposeFile; services: Array<{ pair: Pair; view: () => ComposeFile }> } | null {
  if (file.errors.length) return null;
  const root = file.doc.contents;
  if (!isMap(root) || root.items.some(isMergePair)) return null;
  const servicesPair = root.items.find(p => keyName(p) === 'services');
  const services = servicesPair?.value;
  if (!servicesPair || !isMap(services) || !services.range || services.items.some(isMergePair)) return null;
  const [from, to] = [services.range[0], services.range[2]];
  const inServices = (at: number) => at >= from && at < to;
  const topKeyAt = (at: number): string | null => {
    for (const p of root.items) {
      const start = (p.key as Node | null)?.range?.[0];
      const end = (p.value as Node | null)?.range?.[2] ?? (p.key as Node | null)?.range?.[2];
      if (start !== undefined && end !== undefined && at >= start && at < end) return keyName(p);
    }
    return null;
  };
  for (const { at } of anchoredNodes(file)) {
    if (inServices(at)) continue;
    if (!topKeyAt(at)?.startsWith('x-')) return null;
  }
  let intoServices = false;
  for (const p of root.items) {
    if (p === servicesPair) continue;
    walkNodes(p, n => {
      const target = isAlias(n) ? deref(file, n) : null;
      if (target?.range && inServices(target.range[0])) intoServices = true;
    });
  }
  if (intoServices) return null;

  const map = (items: Pair[], range?: Node['range']) => { const m = new YamlMap(); m.items = items; if (range) m.range = range; return m as YAMLMap; };
  const skeleton = () => {
    const emptied = map(services.items.map(p => new YamlPair(p.key, new YamlMap()) as Pair), services.range);
    return viewOf(file, map(root.items.map(p => (p === servicesPair ? new YamlPair(p.key, emptied) as Pair : p)), root.range));
  };
  return {
    skeleton,
    services: services.items.map(pair => ({ pair, view: () => viewOf(file, map([new YamlPair(servicesPair.key, map([pair], services.range)) as Pair], root.range)) })),
  };
}

// ---------------------------------------------------------------- where reports land

/** Where a report lands in the linted file, or null when it belongs to another file's lint. */
function place(model: ComposeModel, r: ComposeReport): Pick<Finding, 'range' | 'related'> | null {
  if (r.at.file === model.file) return { range: r.at.range };
  const s = r.service;
  if (s && s.file === model.file && s.extendsRange && r.at.file !== model.companion) {
    const line = r.at.range.start.line + 1;
    return { range: s.extendsRange, related: [{ path: r.at.file.path, range: r.at.range, message: `the value comes from ${r.at.file.path}:${line}` }] };
  }
  return null;
}

export function fixCompose(path: string, text: string, options: ComposeLintOptions & FixOptions = {}): FixResult {
  // the passes lint texts that are not the document's: they never go through its parse cache
  const passes = { ...options, composeCache: undefined, parses: new Map<string, ComposeFile>() };
  return fixPasses(text, t => lintCompose(path, t, passes), options);
}

/**
 * fixWith over compose lints, with no pass at all when the file has YAML errors: what a fix does to a
 * file YAML reads differently from its author is anyone's guess (and a file with 100,000 errors takes a
 * second a pass to re-parse). The first lint is the one that tells.
 */
function fixPasses(text: string, lint: (text: string) => ComposeLintResult, options: FixOptions, keep: (f: Finding) => boolean = () => true): FixResult {
  const first = lint(text);
  const findings = first.findings.filter(keep);
  if (!first.model || first.model.file.errors.length) return { text, applied: [], remaining: findings };
  // each fix parses alone (the safety net in lintCompose); a pass's fixes together must too
  return fixWith(text, t => (t === text ? findings : lint(t).findings.filter(keep)), options, t => parseErrorCount(t) === 0);
}

/** The rules whose fixes "Harden this service" applies together: the standard runtime confinement. */
export const HARDENING_RULES = [
  'compose/no-root-user', 'compose/require-non-root-user', 'compose/require-no-new-privileges', 'compose/require-cap-drop-all',
  'compose/require-read-only', 'compose/secure-tmpfs', 'compose/require-pids-limit', 'compose/require-memory-limit',
  'compose/require-cpu-limit', 'compose/bind-ports-to-localhost', 'compose/no-seccomp-unconfined',
];

/** Applies the hardening fixes to one service, all at once. */
export function hardenService(path: string, text: string, service: string, options: ComposeLintOptions = {}): FixResult {
  const passes = { ...options, allRules: true, composeCache: undefined, parses: new Map<string, ComposeFile>() };
  return fixPasses(text, t => lintCompose(path, t, passes),
    { unsafe: true }, f => f.subject === service && HARDENING_RULES.includes(f.ruleId));
}
