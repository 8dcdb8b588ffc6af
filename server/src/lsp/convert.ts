// Engine findings → LSP diagnostics and code actions.
import { CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, TextEdit, WorkspaceEdit, CreateFile, TextDocumentEdit } from 'vscode-languageserver';
import { Finding, Fix, Severity } from '../engine/types';
import { docsUrl } from '../engine/rule';
import { DockerfileModel } from '../engine/dockerfile/model';
import { TextDocument } from 'vscode-languageserver-textdocument';

const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };

// The engine keeps the findings of unchanged Dockerfile stages from one lint to the next (engine/lint.ts):
// their diagnostics are kept with them. (Findings with related locations depend on uriOf: not kept.)
const diagnostics = new WeakMap<Finding, Diagnostic>();

export function toDiagnostic(f: Finding, uriOf: (path: string) => string = p => p): Diagnostic {
  if (f.related) return makeDiagnostic(f, uriOf);
  let d = diagnostics.get(f);
  if (!d) { d = makeDiagnostic(f, uriOf); diagnostics.set(f, d); }
  return d;
}

function makeDiagnostic(f: Finding, uriOf: (path: string) => string): Diagnostic {
  return {
    ...(f.related ? { relatedInformation: f.related.map(r => ({ location: { uri: uriOf(r.path), range: r.range }, message: r.message })) } : {}),
    range: f.range,
    severity: SEVERITY[f.severity],
    source: 'shipshape',
    code: f.ruleId,
    codeDescription: { href: docsUrl(f.ruleId) },
    message: f.message,
  };
}

export const FIX_ALL_KIND = CodeActionKind.SourceFixAll + '.shipshape';

/** The quick fixes and the ignore/documentation actions for one finding. */
export function actionsFor(uri: string, f: Finding, model: DockerfileModel | null, doc: TextDocument, canCreateFiles = false): CodeAction[] {
  const diagnostic = toDiagnostic(f);
  const actions: CodeAction[] = f.fixes.filter(fix => !fix.files?.length || canCreateFiles).map(fix => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.safety === 'safe',
    edit: workspaceEditFor(uri, fix),
  }));
  {
    // Dockerfile: above the instruction (outside continuations), after parser directives; YAML: above the key
    const line = model ? instructionStartLine(model, f.range.start.line) : f.range.start.line;
    const lineText = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    const indent = /^\s*/.exec(lineText.replace(/\r?\n$/, ''))![0];
    const eol = doc.getText().includes('\r\n') ? '\r\n' : '\n';
    actions.push({
      title: `Ignore ${f.ruleId} for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [uri]: [TextEdit.insert({ line, character: 0 }, `${indent}# shipshape-ignore ${f.ruleId} -- <reason>${eol}`)] } },
    });
    const fileLine = model ? model.directivesEndLine + 1 : 0;
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

/**
 * The fix as a WorkspaceEdit: plain `changes` for the document alone; `documentChanges` (CreateFile, then
 * versionless TextDocumentEdits) when it also changes other files, which need the client's resourceOperations.
 */
export function workspaceEditFor(uri: string, fix: Fix): WorkspaceEdit {
  if (!fix.files?.length) return { changes: { [uri]: fix.edits as TextEdit[] } };
  const documentChanges: Array<TextDocumentEdit | CreateFile> = [];
  if (fix.edits.length) documentChanges.push(TextDocumentEdit.create({ uri, version: null }, fix.edits as TextEdit[]));
  for (const change of fix.files) {
    const other = new URL(change.path, uri).toString();
    if (change.create) documentChanges.push(CreateFile.create(other, { ignoreIfExists: true }));
    documentChanges.push(TextDocumentEdit.create({ uri: other, version: null }, change.edits as TextEdit[]));
  }
  return { documentChanges };
}
