// "Fix all <rule> problems in this file": offered next to a finding when its rule has two or more fixable
// findings in the file; the action lists every unsuppressed finding of the rule as the problems it works
// on. An explicit action, so it applies the rule's fixes whether the rule declares them safe or unsafe
// (source.fixAll, which runs unattended on save, keeps to the safe ones).
import { CodeAction, CodeActionKind, Range, TextEdit } from 'vscode-languageserver';
import { Finding, rangesOverlap } from '../engine/types';
import { toDiagnostic } from './convert';

/** Fixes of this kind are the ones the engine's fix loop can apply (edits to this file only). */
function fixable(f: Finding): boolean {
  return !f.suppressed && f.fixes.some(fix => !fix.files?.length);
}

export function fixAllTitle(ruleId: string): string {
  return `Fix all ${ruleId} problems in this file`;
}

/**
 * The actions for the findings under `range`. `fixRule` runs the engine's fix loop for one rule over the
 * document and returns the edit (or null when nothing applied); results are memoised per lint result (a new
 * version, new settings or a new policy make a new one), since a code action request comes on every cursor move.
 */
export function fixRuleActions(
  uri: string, lint: { findings: Finding[] }, range: Range, fixRule: (ruleId: string) => TextEdit | null,
  /** when set, the client resolves actions: send them without the edit (computed on codeAction/resolve) */
  lazyVersion?: number,
): CodeAction[] {
  const findings = lint.findings;
  const actions: CodeAction[] = [];
  const rules = new Set(findings.filter(f => rangesOverlap(f.range, range) && fixable(f)).map(f => f.ruleId));
  for (const ruleId of rules) {
    // offered when a second fixable finding exists: asking more would build every fix of the rule in the
    // file on each cursor move (seconds for a 500-service compose file, whose fixes are parse-checked)
    const ofRule = findings.filter(f => f.ruleId === ruleId && !f.suppressed);
    let count = 0;
    for (const f of ofRule) if (fixable(f) && ++count === 2) break;
    if (count < 2) continue;
    if (lazyVersion !== undefined) {
      actions.push({ title: fixAllTitle(ruleId), kind: CodeActionKind.QuickFix, diagnostics: ofRule.map(f => toDiagnostic(f)), data: { uri, version: lazyVersion, fixRule: ruleId } });
      continue;
    }
    const edit = memo(lint, ruleId, () => fixRule(ruleId));
    if (!edit) continue;
    actions.push({
      title: fixAllTitle(ruleId),
      kind: CodeActionKind.QuickFix,
      diagnostics: ofRule.map(f => toDiagnostic(f)),
      edit: { changes: { [uri]: [edit] } },
    });
  }
  return actions;
}

const memos = new WeakMap<object, Map<string, TextEdit | null>>();

function memo(lint: object, ruleId: string, compute: () => TextEdit | null): TextEdit | null {
  let edits = memos.get(lint);
  if (!edits) memos.set(lint, edits = new Map());
  if (!edits.has(ruleId)) edits.set(ruleId, compute());
  return edits.get(ruleId)!;
}
