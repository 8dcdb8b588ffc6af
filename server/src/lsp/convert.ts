// Engine findings → LSP diagnostics and code actions.
import { CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, TextEdit } from 'vscode-languageserver';
import { Finding, Severity } from '../engine/types';
import { docsUrl } from '../engine/rule';
import { DockerfileModel } from '../engine/dockerfile/model';

const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };

export function toDiagnostic(f: Finding): Diagnostic {
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: 'shipshape',
    code: f.ruleId,
    codeDescription: { href: docsUrl(f.ruleId) },
    message: f.message,
    data: { ruleId: f.ruleId },
  };
}

export const FIX_ALL_KIND = CodeActionKind.SourceFixAll + '.shipshape';

/** The quick fixes and the ignore/documentation actions for one finding. */
export function actionsFor(uri: string, f: Finding, model: DockerfileModel | null): CodeAction[] {
  const diagnostic = toDiagnostic(f);
  const actions: CodeAction[] = f.fixes.map(fix => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.safety === 'safe',
    edit: { changes: { [uri]: fix.edits as TextEdit[] } },
  }));
  if (model) {
    const line = instructionStartLine(model, f.range.start.line);
    const indent = /^\s*/.exec(model.index.lineText(line))![0];
    const eol = model.index.eol;
    actions.push({
      title: `Ignore ${f.ruleId} for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [uri]: [TextEdit.insert({ line, character: 0 }, `${indent}# shipshape-ignore ${f.ruleId} -- <reason>${eol}`)] } },
    });
    const fileLine = model.directivesEndLine + 1;
    actions.push({
      title: `Ignore ${f.ruleId} in this file`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [uri]: [TextEdit.insert({ line: fileLine, character: 0 }, `# shipshape-ignore-file ${f.ruleId} -- <reason>${eol}`)] } },
    });
  }
  actions.push({
    title: `Show documentation for ${f.ruleId}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title: `Show documentation for ${f.ruleId}`, command: 'shipshape.showDocumentation', arguments: [f.ruleId] },
  });
  return actions;
}

/** The first line of the instruction that contains `line` (a suppression comment goes above it, outside continuations). */
function instructionStartLine(model: DockerfileModel, line: number): number {
  for (const ins of model.instructions) {
    const r = ins.getRange();
    if (line >= r.start.line && line <= r.end.line) return r.start.line;
  }
  return line;
}
