// lintCompose(path, text, options) → findings for that file. Values that come from another file are
// reported on the key that brought them in (extends), with related information; values that belong to
// the override file (or to the main file, when linting the override) are reported when that file is linted.
import { buildComposeModel, ComposeModel, ReadFile, ServiceModel } from './model';
import { linkDockerfile, LinkedDockerfile } from './link';
import { activeRules, buildFixes, DEFAULT_FIX_UID, fixWith, FixOptions, FixResult, withRuleOptions, suppressionFindings, lazyFixes } from '../lint';
import { ComposeReport } from '../rule';
import { Finding, LintOptions, comparePositions } from '../types';
import { readYamlSuppressions, findSuppression } from '../suppressions';

export interface ComposeLintResult {
  findings: Finding[];
  model: ComposeModel | null;
  ruleErrors: Array<{ ruleId: string; error: string }>;
}

export interface ComposeLintOptions extends LintOptions { readFile?: ReadFile }

export function lintCompose(path: string, text: string, options: ComposeLintOptions = {}): ComposeLintResult {
  const ruleErrors: ComposeLintResult['ruleErrors'] = [];
  let model: ComposeModel;
  try {
    model = buildComposeModel(path, text, { readFile: options.readFile });
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
  const suppressions = readYamlSuppressions(text);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const { rule, severity } of activeRules(options)) {
    if (rule.target !== 'compose') continue;
    const reports: ComposeReport[] = [];
    try {
      rule.check({ model, options: withRuleOptions(fixOptions, options.ruleOptions?.[rule.id]), ruleOptions: options.ruleOptions?.[rule.id], trustedRegistries: options.trustedRegistries, dockerfileOf, report: r => reports.push(r) });
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
      }, () => (placed.related ? [] : buildFixes(rule, r, ruleErrors)));
      const suppressed = findSuppression(suppressions, rule.id, placed.range.start.line);
      if (suppressed) finding.suppressed = suppressed;
      findings.push(finding);
    }
  }
  findings.push(...suppressionFindings(suppressions, options, 'compose'));
  findings.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.ruleId.localeCompare(b.ruleId));
  return { findings, model, ruleErrors };
}

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
  return fixWith(text, t => lintCompose(path, t, options).findings, options);
}

/** The rules whose fixes "Harden this service" applies together: the standard runtime confinement. */
export const HARDENING_RULES = [
  'compose/no-root-user', 'compose/require-non-root-user', 'compose/require-no-new-privileges', 'compose/require-cap-drop-all',
  'compose/require-read-only', 'compose/secure-tmpfs', 'compose/require-pids-limit', 'compose/require-memory-limit',
  'compose/require-cpu-limit', 'compose/bind-ports-to-localhost', 'compose/no-seccomp-unconfined',
];

/** Applies the hardening fixes to one service, all at once. */
export function hardenService(path: string, text: string, service: string, options: ComposeLintOptions = {}): FixResult {
  return fixWith(text, t => lintCompose(path, t, { ...options, allRules: true }).findings
    .filter(f => f.subject === service && HARDENING_RULES.includes(f.ruleId)), { unsafe: true });
}
