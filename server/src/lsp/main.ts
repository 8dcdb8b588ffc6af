// The language server: the only place that speaks LSP. Diagnostics are pushed (publishDiagnostics) on open
// and change; hovers and code actions are answered from the per-version cache, never by re-linting.
import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, InitializeParams, InitializeResult,
  CodeAction, CodeActionKind, Hover, MarkupKind, TextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintDockerfile, fixDockerfile, LintResult } from '../engine/lint';
import { getRule } from '../engine/registry';
import { docsUrl } from '../engine/rule';
import { hoverMarkdown, hoverPlainText, ruleMarkdown } from '../engine/docs';
import { rangesOverlap, comparePositions } from '../engine/types';
import { Settings, DEFAULT_SETTINGS, normaliseSettings } from './settings';
import { toDiagnostic, actionsFor, FIX_ALL_KIND } from './convert';
import { isDockerfileName } from '../cli/files';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

interface Analysis { version: number; result: LintResult; settings: Settings }
const cache = new Map<string, Analysis>();
const settingsCache = new Map<string, Promise<Settings>>();
let pullConfiguration = false;
let hoverFormat: MarkupKind = MarkupKind.Markdown;
let globalSettings: Settings = DEFAULT_SETTINGS;

connection.onInitialize((params: InitializeParams): InitializeResult => {
  pullConfiguration = params.capabilities.workspace?.configuration === true;
  const formats = params.capabilities.textDocument?.hover?.contentFormat;
  if (formats && formats.length && !formats.includes(MarkupKind.Markdown)) hoverFormat = MarkupKind.PlainText;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      executeCommandProvider: { commands: ['shipshape.showDocumentation'] },
    },
    serverInfo: { name: 'shipshape', version: '0.1.0' },
  };
});

function isDockerfile(doc: TextDocument): boolean {
  if (doc.languageId === 'dockerfile') return true;
  const name = decodeURIComponent(doc.uri.slice(doc.uri.lastIndexOf('/') + 1));
  return isDockerfileName(name);
}

function settingsFor(uri: string): Promise<Settings> {
  if (!pullConfiguration) return Promise.resolve(globalSettings);
  let s = settingsCache.get(uri);
  if (!s) {
    s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'shipshape' })
      .then(normaliseSettings, () => DEFAULT_SETTINGS);
    settingsCache.set(uri, s);
  }
  return s;
}

const pending = new Set<string>();

/** Lints the document's newest version once, even when several changes arrive before it runs. */
function schedule(uri: string) {
  if (pending.has(uri)) return;
  pending.add(uri);
  setImmediate(() => { pending.delete(uri); void validate(uri); });
}

async function validate(uri: string) {
  const doc = documents.get(uri);
  if (!doc || !isDockerfile(doc)) return;
  const settings = await settingsFor(uri);
  const current = documents.get(uri);
  if (!current || current.version !== doc.version) return schedule(uri);
  if (!settings.enable) {
    cache.delete(uri);
    return connection.sendDiagnostics({ uri, version: doc.version, diagnostics: [] });
  }
  let result: LintResult;
  try {
    result = lintDockerfile(doc.getText(), settings.lint);
  } catch (e) {
    connection.console.error(`shipshape: lint failed on ${uri}: ${(e as Error).stack}`);
    return;
  }
  for (const err of result.ruleErrors) connection.console.error(`shipshape: rule ${err.ruleId} failed on ${uri}; its findings were dropped: ${err.error}`);
  cache.set(uri, { version: doc.version, result, settings });
  const diagnostics = result.findings.filter(f => !f.suppressed).map(toDiagnostic);
  connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
}

documents.onDidOpen(e => schedule(e.document.uri));
documents.onDidChangeContent(e => schedule(e.document.uri));
documents.onDidClose(e => {
  cache.delete(e.document.uri);
  settingsCache.delete(e.document.uri);
  connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onDidChangeConfiguration(change => {
  settingsCache.clear();
  if (!pullConfiguration) globalSettings = normaliseSettings((change.settings as { shipshape?: unknown } | undefined)?.shipshape);
  for (const doc of documents.all()) schedule(doc.uri);
});

/** The analysis of the document's current version, or null while a newer one is pending. */
function current(uri: string): Analysis | null {
  const doc = documents.get(uri);
  const a = cache.get(uri);
  return doc && a && a.version === doc.version ? a : null;
}

connection.onHover((params): Hover | null => {
  const a = current(params.textDocument.uri);
  if (!a) return null;
  const p = params.position;
  const hits = a.result.findings.filter(f => !f.suppressed && comparePositions(f.range.start, p) <= 0 && comparePositions(p, f.range.end) <= 0);
  if (!hits.length) return null;
  const parts = hits.map(f => {
    const rule = getRule(f.ruleId);
    if (!rule) return f.message;
    return hoverFormat === MarkupKind.Markdown ? hoverMarkdown(rule) : hoverPlainText(rule);
  });
  return { contents: { kind: hoverFormat, value: parts.join(hoverFormat === MarkupKind.Markdown ? '\n\n---\n\n' : '\n\n') }, range: hits[0].range };
});

connection.onCodeAction((params): CodeAction[] => {
  const uri = params.textDocument.uri;
  const a = current(uri);
  const doc = documents.get(uri);
  if (!a || !doc) return [];
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some(o => kind === o || kind.startsWith(o + '.'));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const f of a.result.findings) {
      if (!f.suppressed && rangesOverlap(f.range, params.range)) actions.push(...actionsFor(uri, f, a.result.model));
    }
  }
  if (only && wants(FIX_ALL_KIND)) {
    const text = doc.getText();
    const fixed = fixDockerfile(text, a.settings.lint);
    if (fixed.applied.length) {
      const edit = TextEdit.replace({ start: { line: 0, character: 0 }, end: doc.positionAt(text.length) }, fixed.text);
      actions.push({ title: 'Shipshape: fix all safe problems', kind: FIX_ALL_KIND, edit: { changes: { [uri]: [edit] } } });
    }
  }
  return actions;
});

// The rule's documentation page as markdown, for clients that show it themselves (the VS Code client does,
// offline); other clients get window/showDocument with the docs URL from shipshape.showDocumentation.
connection.onRequest('shipshape/ruleDocumentation', (params: { ruleId?: unknown }) => {
  const rule = typeof params?.ruleId === 'string' ? getRule(params.ruleId) : undefined;
  return rule ? { markdown: ruleMarkdown(rule), url: docsUrl(rule.id) } : null;
});

connection.onExecuteCommand(async params => {
  if (params.command !== 'shipshape.showDocumentation') return;
  const id = String(params.arguments?.[0] ?? '');
  if (!getRule(id)) return;
  await connection.window.showDocument({ uri: docsUrl(id), external: true }).catch(() => undefined);
});

process.on('uncaughtException', e => connection.console.error(`shipshape: ${e.stack ?? e}`));

documents.listen(connection);
connection.listen();
