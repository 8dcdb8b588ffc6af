// lint(text, options) → findings. Applies rule selection, severities, suppressions; never throws.
import { buildDockerfileModel, DockerfileModel } from './dockerfile/model';
import { RULES, getRule } from './registry';
import { Rule, Report } from './rule';
import { Finding, Fix, LintOptions, Severity, comparePositions } from './types';
import { readSuppressions, findSuppression, suppressionProblems, SUPPRESSION_RULE, SuppressionSet } from './suppressions';
import { applyEdits, editSpans, spansConflict } from './edits';

export interface LintResult {
  findings: Finding[];
  model: DockerfileModel | null;
  /** rules that threw: their findings are dropped, the others still report */
  ruleErrors: Array<{ ruleId: string; error: string }>;
}

export const DEFAULT_FIX_UID = 10001;

/** The rules that run under these options, with the severity each reports at. */
export function activeRules(options: LintOptions = {}): Array<{ rule: Rule; severity: Severity }> {
  const out: Array<{ rule: Rule; severity: Severity }> = [];
  for (const rule of RULES) {
    const setting = options.rules?.[rule.id];
    if (options.only && options.only.length && !options.only.includes(rule.id)) continue;
    if (setting === 'off') continue;
    const explicitlyOn = (options.only?.includes(rule.id) ?? false) || setting !== undefined;
    if (!rule.defaultOn && !options.allRules && !explicitlyOn) continue;
    out.push({ rule, severity: setting ?? rule.severity });
  }
  return out;
}

export function lintDockerfile(text: string, options: LintOptions = {}): LintResult {
  const ruleErrors: LintResult['ruleErrors'] = [];
  let model: DockerfileModel;
  try {
    model = buildDockerfileModel(text, { target: options.target, buildArgs: options.buildArgs, parseCache: options.parseCache });
  } catch (e) {
    const message = `Shipshape could not read this Dockerfile (${(e as Error).message}); no rule ran.`;
    return { findings: [{ ruleId: 'dockerfile/syntax', severity: 'error', message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, owasp: [], fixes: [] }], model: null, ruleErrors };
  }
  const fixOptions = { fixUid: options.fixUid ?? DEFAULT_FIX_UID, fixUserStyle: options.fixUserStyle ?? 'uid' as const };
  const suppressions = readSuppressions(model);
  const findings: Finding[] = [];
  for (const { rule, severity } of activeRules(options)) {
    if (rule.target !== 'dockerfile' || rule.id === SUPPRESSION_RULE) continue;
    const reports: Report[] = [];
    try {
      rule.check({ model, options: withRuleOptions(fixOptions, options.ruleOptions?.[rule.id]), ruleOptions: options.ruleOptions?.[rule.id], linkedServices: options.linkedServices, dockerignore: options.dockerignore, trustedRegistries: options.trustedRegistries, report: r => reports.push(r) });
    } catch (e) {
      ruleErrors.push({ ruleId: rule.id, error: (e as Error).stack ?? String(e) });
      continue;
    }
    for (const r of reports) {
      const finding = lazyFixes({ ruleId: rule.id, severity, message: r.message, range: r.range, owasp: rule.owasp }, () => buildFixes(rule, r, ruleErrors));
      const suppressed = findSuppression(suppressions, rule.id, r.range.start.line);
      if (suppressed) finding.suppressed = suppressed;
      findings.push(finding);
    }
  }
  findings.push(...suppressionFindings(suppressions, options, 'dockerfile'));
  findings.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.ruleId.localeCompare(b.ruleId));
  return { findings, model, ruleErrors };
}

/** Findings about the suppression comments themselves, when that rule is active. */
export function suppressionFindings(set: SuppressionSet, options: LintOptions, target: 'dockerfile' | 'compose'): Finding[] {
  const active = activeRules(options);
  const meta = active.find(a => a.rule.id === SUPPRESSION_RULE);
  if (!meta) return [];
  const ran = new Set(active.filter(a => a.rule.target === target).map(a => a.rule.id));
  return suppressionProblems(set, ran).map(p => ({ ruleId: SUPPRESSION_RULE, severity: meta.severity, message: p.message, range: p.range, owasp: [], fixes: [] }));
}

/**
 * A finding whose fixes are built the first time something reads them: most findings are only shown,
 * and some fixes (a multi-stage conversion, a build-secret move) cost more than the whole lint.
 */
export function lazyFixes(finding: Omit<Finding, 'fixes'> & Partial<Pick<Finding, 'fixes'>>, build: () => Fix[]): Finding {
  let fixes: Fix[] | undefined;
  return Object.defineProperty(finding, 'fixes', {
    get: () => (fixes ??= build()),
    set: (v: Fix[]) => { fixes = v; },
    enumerable: true, configurable: true,
  }) as Finding;
}

/** True when some of the edits overlap each other (two insertions at one point are fine). */
function selfOverlapping(edits: Fix['edits']): boolean {
  const spans = edits.map(e => [e.range.start.line * 1e7 + e.range.start.character, e.range.end.line * 1e7 + e.range.end.character]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = 1; i < spans.length; i++) if (spans[i][0] < spans[i - 1][1]) return true;
  return false;
}

/** The fix settings a rule sees: a policy's `uid` option for the rule overrides the global one. */
export function withRuleOptions<T extends { fixUid: number }>(base: T, ruleOptions: Record<string, unknown> | undefined): T {
  const uid = ruleOptions?.uid;
  return typeof uid === 'number' && Number.isInteger(uid) && uid > 0 ? { ...base, fixUid: uid } : base;
}

/** The report's fixes, keeping only those of the safety the rule declared. */
export function buildFixes(rule: Rule, report: Pick<Report, 'fixes'>, ruleErrors: LintResult['ruleErrors']): Fix[] {
  if (!report.fixes) return [];
  try {
    // a fix whose own edits overlap cannot be applied: never offer it (the fuzzer found one)
    return report.fixes().filter(f => rule.fix !== undefined && f.safety === rule.fix.safety && (f.edits.length > 0 || (f.files?.length ?? 0) > 0) && !selfOverlapping(f.edits));
  } catch (e) {
    ruleErrors.push({ ruleId: rule.id, error: `fix: ${(e as Error).message}` });
    return [];
  }
}

export interface FixResult { text: string; applied: Array<{ ruleId: string; title: string }>; remaining: Finding[] }
export interface FixOptions { unsafe?: boolean; fixRules?: string[] }

/**
 * Applies fixes until none applies: safe ones, plus unsafe ones when asked. Each pass applies a
 * non-conflicting set and re-lints, so later fixes see the file as the earlier ones left it.
 */
export function fixWith(text: string, lint: (text: string) => Finding[], options: FixOptions): FixResult {
  const applied: FixResult['applied'] = [];
  let current = text;
  for (let pass = 0; pass < 10; pass++) {
    const findings = lint(current);
    const chosen: Array<{ finding: Finding; fix: Fix }> = [];
    const taken: Array<[number, number]>[] = [];
    for (const f of findings) {
      if (f.suppressed || (options.fixRules && !options.fixRules.includes(f.ruleId))) continue;
      const fix = f.fixes.find(x => (x.safety === 'safe' || options.unsafe) && !x.files?.length);
      if (!fix) continue;
      const spans = editSpans(current, fix.edits);
      if (taken.some(t => spansConflict(t, spans))) continue;
      taken.push(spans);
      chosen.push({ finding: f, fix });
    }
    if (!chosen.length) return { text: current, applied, remaining: findings };
    current = applyEdits(current, chosen.flatMap(c => c.fix.edits));
    applied.push(...chosen.map(c => ({ ruleId: c.finding.ruleId, title: c.fix.title })));
  }
  return { text: current, applied, remaining: lint(current) };
}

export function fixDockerfile(text: string, options: LintOptions & FixOptions = {}): FixResult {
  return fixWith(text, t => lintDockerfile(t, options).findings, options);
}

export { getRule };
