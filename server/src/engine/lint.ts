// lint(text, options) → findings. Applies rule selection, severities, suppressions; never throws.
import { buildDockerfileModel, DockerfileModel, Stage } from './dockerfile/model';
import { shippableStages } from './dockerfile/stages';
import { RULES, getRule } from './registry';
import { Rule, Report, DockerfileRule, DockerfileContext } from './rule';
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
  const memo = options.parseCache ? stageMemo(options) : null;
  const stageRun = memo ? new StageRun(model, memo) : null;
  for (const { rule, severity } of activeRules(options)) {
    if (rule.target !== 'dockerfile' || rule.id === SUPPRESSION_RULE) continue;
    const ctx: Omit<DockerfileContext, 'report'> = { model, options: withRuleOptions(fixOptions, options.ruleOptions?.[rule.id]), ruleOptions: options.ruleOptions?.[rule.id], linkedServices: options.linkedServices, dockerignore: options.dockerignore, trustedRegistries: options.trustedRegistries };
    // (a file without FROM has no stage to run on: such rules then see the whole file)
    if (stageRun && rule.scope === 'stage' && model.stages.length) {
      for (const f of stageRun.findings(rule, severity, ctx, ruleErrors)) {
        const suppressed = findSuppression(suppressions, rule.id, f.range.start.line);
        findings.push(suppressed ? Object.assign(copyFinding(f), { suppressed }) : f);
      }
      continue;
    }
    const reports: Report[] = [];
    try {
      rule.check({ ...ctx, report: r => reports.push(r) });
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
  stageRun?.finish();
  findings.push(...suppressionFindings(suppressions, options, 'dockerfile'));
  findings.sort(byPosition);
  return { findings, model, ruleErrors };
}

/** Findings in document order, then by rule id (ordinal: rule ids are lower-case ASCII). */
export function byPosition(a: Finding, b: Finding): number {
  return comparePositions(a.range.start, b.range.start) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

// ---- Stage-level reuse (the editor's per-document cache) ----------------------------------------------
// A rule declared `scope: 'stage'` runs on one stage at a time; its findings for a stage are kept under the
// stage's token (dockerfile/model.ts keeps a stage's token while the stage and what it builds on stay the
// same) for as long as the lint options do, and whether the stage ships. A kept finding's fixes are built
// when asked, from the model of the latest lint (the stage's lines are the same there), so the cache holds
// on to no older text.

interface StageEntry {
  ship: boolean;
  /** the rule's stageKey() when the findings were made */
  key: string;
  findings: Finding[];
  /** the stage as the latest lint saw it, and the reports check() gave for it there (built on demand) */
  view: DockerfileModel;
  reports: Report[] | null;
  error: string | null;
}

interface LintMemo { key: string; byRule: Map<string, Map<object, StageEntry>> }

function stageMemo(options: LintOptions): LintMemo {
  const cache = options.parseCache!;
  const { parseCache: _p, ...rest } = options as LintOptions & { readFile?: unknown; languageId?: unknown };
  const key = JSON.stringify(rest, (k, v) => (typeof v === 'function' ? undefined : v));
  let memo = cache.lintMemo as LintMemo | null;
  if (!memo || memo.key !== key) cache.lintMemo = memo = { key, byRule: new Map() };
  return memo;
}

class StageRun {
  private readonly shipping: Set<Stage>;
  private readonly views = new Map<Stage, DockerfileModel>();
  private readonly seen = new Map<string, Map<object, StageEntry>>();

  constructor(private readonly model: DockerfileModel, private readonly memo: LintMemo) {
    this.shipping = shippableStages(model);
  }

  /** The model as one stage's rules see it: that stage only (shared by the rules, whose helpers cache per model). */
  private view(stage: Stage): DockerfileModel {
    let v = this.views.get(stage);
    if (!v) { v = { ...this.model, stages: [stage], whole: this.model }; this.views.set(stage, v); }
    return v;
  }

  findings(rule: DockerfileRule, severity: Severity, ctx: Omit<DockerfileContext, 'report'>, ruleErrors: LintResult['ruleErrors']): Finding[] {
    // the closures kept with the findings must not hold this lint's whole model
    const { model: _whole, ...base } = ctx;
    const before = this.memo.byRule.get(rule.id);
    const now = new Map<object, StageEntry>();
    const out: Finding[] = [];
    for (const stage of this.model.stages) {
      const ship = this.shipping.has(stage);
      const view = this.view(stage);
      const key = rule.stageKey ? rule.stageKey(view, stage) : '';
      let entry = before?.get(stage.token);
      if (entry && entry.ship === ship && entry.key === key) {
        if (entry.view !== view) { entry.view = view; entry.reports = null; }
      } else {
        const { reports, error } = runOnStage(rule, base, view);
        const made: StageEntry = { ship, key, findings: [], view, reports, error };
        made.findings = error ? [] : reports.map((r, i) => lazyFixes({ ruleId: rule.id, severity, message: r.message, range: r.range, owasp: rule.owasp }, () => {
          made.reports ??= runOnStage(rule, base, made.view).reports;
          const report = made.reports[i];
          return report ? buildFixes(rule, report, ruleErrors) : [];
        }));
        entry = made;
      }
      if (entry.error) ruleErrors.push({ ruleId: rule.id, error: entry.error });
      now.set(stage.token, entry);
      for (const f of entry.findings) out.push(f);
    }
    this.seen.set(rule.id, now);
    return out;
  }

  /** Keeps the entries of this lint's stages only (and drops the reports: they hold this lint's model). */
  finish(): void {
    for (const [id, entries] of this.seen) this.memo.byRule.set(id, entries);
    for (const entries of this.seen.values()) for (const e of entries.values()) e.reports = null;
  }
}

/** The rule's reports on one stage's view; an exception is returned, not thrown (the rule's findings drop). */
function runOnStage(rule: DockerfileRule, ctx: Omit<DockerfileContext, 'report' | 'model'>, view: DockerfileModel): { reports: Report[]; error: string | null } {
  const reports: Report[] = [];
  try { rule.check({ ...ctx, model: view, report: r => reports.push(r) }); } catch (e) { return { reports, error: (e as Error).stack ?? String(e) }; }
  return { reports, error: null };
}

/** A copy of a finding that keeps its lazily built fixes lazy. */
function copyFinding(f: Finding): Finding {
  return Object.defineProperties({}, Object.getOwnPropertyDescriptors(f)) as Finding;
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
export function fixWith(text: string, lint: (text: string) => Finding[], options: FixOptions, accept: (text: string) => boolean = () => true): FixResult {
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
    let next = applyEdits(current, chosen.flatMap(c => c.fix.edits));
    // fixes that are fine alone can clash together (two adding the same parent key): then one this pass
    if (chosen.length > 1 && !accept(next)) {
      chosen.length = 1;
      next = applyEdits(current, chosen[0].fix.edits);
    }
    // fixes that change nothing would be offered again on every pass
    if (next === current) return { text: current, applied, remaining: findings };
    current = next;
    applied.push(...chosen.map(c => ({ ruleId: c.finding.ruleId, title: c.fix.title })));
  }
  return { text: current, applied, remaining: lint(current) };
}

export function fixDockerfile(text: string, options: LintOptions & FixOptions = {}): FixResult {
  return fixWith(text, t => lintDockerfile(t, options).findings, options);
}

export { getRule };
