// The language server: the only place that speaks LSP. Diagnostics are pushed (publishDiagnostics) on open
// and change; hovers and code actions are answered from the per-version cache, never by re-linting a
// version whose lint is still to come. Only the documents used last keep their analysis and parse caches
// (retained.ts): another open document's analysis is rebuilt, once, when a hover or code action asks for it.
// first: the heap and JIT settings hold before anything else allocates or runs
import './heap';
import '../tiering';
import {
  TextDocuments, TextDocumentSyncKind, InitializeParams, InitializeResult,
  CodeAction, CodeActionKind, Hover, MarkupKind, TextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintFile, fixFile, FileLintResult, isDockerfileName, isComposeName } from '../engine/project';
import { hardenService } from '../engine/compose/lint';
import { PolicyCache } from './policy';
import { ComposeLintOptions } from '../engine/compose/lint';
import { applyPolicy, isIgnored } from '../engine/policy';
import { fileURLToPath, pathToFileURL } from 'url';
import { getRule } from '../engine/registry';
import { imageHover } from '../engine/dockerfile/image-hover';
import { docsUrl } from '../engine/rule';
import { hoverMarkdown, hoverPlainText, ruleMarkdown } from '../engine/docs';
import { rangesOverlap, comparePositions } from '../engine/types';
import { Settings, DEFAULT_SETTINGS, normaliseSettings } from './settings';
import { toDiagnostic, actionsFor, FIX_ALL_KIND } from './convert';
import { WorkspaceScan } from './workspace-scan';
import { fixRuleActions } from './fix-rule';
import { serverConnection } from './transport';
import { Retained } from './retained';
import { readIfExists } from '../files';

const connection = serverConnection();
const documents = new TextDocuments(TextDocument);

interface Analysis { version: number; result: FileLintResult; settings: Settings }
/** the latest analysis and the parse caches of the documents used last (see retained.ts) */
const retained = new Retained<Analysis>();
/** the version each document was last linted at, and how many findings it showed (kept for every open document) */
const linted = new Map<string, { version: number; findings: number | undefined }>();
const settingsCache = new Map<string, Promise<Settings>>();
let pullConfiguration = false;
/** the client applies WorkspaceEdits that create files (fixes that add a .dockerignore) */
let canCreateFiles = false;
let hoverFormat: MarkupKind = MarkupKind.Markdown;
let globalSettings: Settings = DEFAULT_SETTINGS;
let workspaceFolders: string[] = [];
/** the client resolves code actions lazily (codeAction/resolve with `edit`) */
let resolveEdits = false;
let workspaceTrusted = true;
/** the client tells about added and removed workspace folders (the workspace scan walks them) */
let folderEvents = false;
const policies = new PolicyCache({
  openText: p => documents.get(uriOf(p))?.getText(),
  publish: (p, diagnostics) => connection.sendDiagnostics({ uri: uriOf(p), diagnostics }),
  folders: () => workspaceFolders,
  trusted: () => workspaceTrusted,
});
const workspaceScan = new WorkspaceScan({
  folders: () => workspaceFolders,
  isOpen: uri => documents.get(uri) !== undefined,
  openFindings: uri => linted.get(uri)?.findings,
  settingsFor: uri => settingsFor(uri),
  policyFor: path => policies.policyFor(path),
  readFile: path => documents.get(uriOf(path))?.getText() ?? readIfExists(path),
  uriOf: path => uriOf(path),
  publish: (uri, diagnostics) => connection.sendDiagnostics({ uri, diagnostics }),
  log: message => connection.console.log(message),
});

connection.onInitialize((params: InitializeParams): InitializeResult => {
  pullConfiguration = params.capabilities.workspace?.configuration === true;
  resolveEdits = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties?.includes('edit') === true;
  const workspaceEdit = params.capabilities.workspace?.workspaceEdit;
  canCreateFiles = workspaceEdit?.documentChanges === true && (workspaceEdit.resourceOperations ?? []).includes('create');
  workspaceFolders = (params.workspaceFolders ?? []).map(f => pathOf(f.uri));
  folderEvents = params.capabilities.workspace?.workspaceFolders === true;
  if (!workspaceFolders.length && params.rootUri) workspaceFolders = [pathOf(params.rootUri)];
  workspaceTrusted = (params.initializationOptions as { workspaceTrusted?: boolean } | undefined)?.workspaceTrusted !== false;
  const formats = params.capabilities.textDocument?.hover?.contentFormat;
  if (formats && formats.length && !formats.includes(MarkupKind.Markdown)) hoverFormat = MarkupKind.PlainText;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
      executeCommandProvider: { commands: ['shipshape.showDocumentation'] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'shipshape', version: '0.2.0' },
  };
});

connection.onInitialized(() => {
  connection.console.log(`shipshape: server 0.2.0 started (node ${process.version}); workspace folders: ${workspaceFolders.join(', ') || 'none'}; ${workspaceTrusted ? 'trusted' : 'untrusted: policy extends outside the workspace is ignored'}`);
  if (folderEvents) connection.workspace.onDidChangeWorkspaceFolders(e => {
    const removed = new Set(e.removed.map(f => pathOf(f.uri)));
    workspaceFolders = [...workspaceFolders.filter(f => !removed.has(f)), ...e.added.map(f => pathOf(f.uri))];
    policyChanged();
  });
});

function isLintable(doc: TextDocument): boolean {
  if (doc.languageId === 'dockerfile' || doc.languageId === 'dockercompose') return true;
  const name = decodeURIComponent(doc.uri.slice(doc.uri.lastIndexOf('/') + 1));
  return isDockerfileName(name) || isComposeName(name);
}

/** A document's file-system path (or its URI, for documents that are not files). */
function pathOf(uri: string): string {
  try { return uri.startsWith('file:') ? fileURLToPath(uri) : uri; } catch { return uri; }
}

function uriOf(path: string): string {
  return path.startsWith('/') ? pathToFileURL(path).toString() : path;
}

/** paths each document's last lint read (extends bases, override files, Dockerfiles): their changes re-lint it */
const dependencies = new Map<string, Set<string>>();

/** Reads another project file: the open document's text when it is open (unsaved edits count), else the disk. */
function projectReader(uri: string) {
  const read = new Set<string>();
  dependencies.set(uri, read);
  return (path: string): string | undefined => {
    read.add(path);
    // an untrusted workspace's files (extends, include, build contexts) may not make us read outside it
    if (!workspaceTrusted && !workspaceFolders.some(f => path === f || path.startsWith(f + '/'))) return undefined;
    const open = documents.get(uriOf(path));
    if (open) return open.getText();
    return readIfExists(path);
  };
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

/** A policy file changed (on disk or in the editor): reload policies and re-lint every open document. */
function policyChanged() {
  policies.invalidate();
  void workspaceScan.refresh();
  for (const doc of documents.all()) {
    if (PolicyCache.isPolicyPath(pathOf(doc.uri))) policies.load(pathOf(doc.uri));
    else schedule(doc.uri);
  }
}

async function validate(uri: string) {
  const doc = documents.get(uri);
  if (doc && PolicyCache.isPolicyPath(pathOf(uri))) { policies.invalidate(); policies.load(pathOf(uri)); return; }
  if (!doc || !isLintable(doc)) return;
  const settings = await settingsFor(uri);
  const current = documents.get(uri);
  if (!current || current.version !== doc.version) return schedule(uri);
  const analysis = analyse(doc, settings);
  if (analysis === 'failed') return;
  linted.set(uri, { version: doc.version, findings: analysis?.result.findings.filter(f => !f.suppressed).length });
  if (!analysis) return connection.sendDiagnostics({ uri, version: doc.version, diagnostics: [] });
  for (const err of analysis.result.ruleErrors) connection.console.error(`shipshape: rule ${err.ruleId} failed on ${uri}; its findings were dropped: ${err.error}`);
  const diagnostics = analysis.result.findings.filter(f => !f.suppressed).map(f => toDiagnostic(f, uriOf));
  connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
}

/**
 * Lints the document's current text and keeps the analysis (the document becomes the most recently used);
 * null when it is not linted (disabled, or ignored by the policy), 'failed' when the engine threw.
 */
function analyse(doc: TextDocument, settings: Settings): Analysis | null | 'failed' {
  const uri = doc.uri;
  if (!settings.enable) {
    retained.drop(uri);
    return null;
  }
  let result: FileLintResult;
  try {
    const path = pathOf(uri);
    const policy = policies.policyFor(path);
    if (isIgnored(policy, path)) {
      retained.drop(uri);
      return null;
    }
    retained.touch(uri);
    // the previous analysis goes before the lint allocates the next: it then dies young instead of being
    // promoted by the collections the lint triggers (nothing can ask for it meanwhile: the lint is synchronous)
    retained.drop(uri);
    // a compose document's parse cache goes through lintFile to lintCompose with the other options
    const options: ComposeLintOptions & { languageId: string } = {
      ...applyPolicy(settings.lint, policy), languageId: doc.languageId, readFile: projectReader(uri),
      parseCache: retained.parseCacheFor(uri), composeCache: retained.composeCacheFor(uri),
    };
    result = lintFile(path, doc.getText(), options);
  } catch (e) {
    connection.console.error(`shipshape: lint failed on ${uri}: ${(e as Error).stack}`);
    // a parse cache may be half updated: start the next lint afresh
    retained.forget(uri);
    return 'failed';
  }
  const analysis = { version: doc.version, result, settings };
  retained.keep(uri, analysis);
  return analysis;
}

documents.onDidOpen(e => schedule(e.document.uri));
documents.onDidChangeContent(e => {
  schedule(e.document.uri);
  // a compose file and the Dockerfile it builds (or an extends base, an override file) refresh each other
  const changed = pathOf(e.document.uri);
  if (PolicyCache.isPolicyPath(changed)) return policyChanged();
  for (const [uri, paths] of dependencies) if (uri !== e.document.uri && paths.has(changed)) schedule(uri);
});
documents.onDidClose(e => {
  retained.close(e.document.uri);
  linted.delete(e.document.uri);
  settingsCache.delete(e.document.uri);
  dependencies.delete(e.document.uri);
  // a file the workspace scan covers keeps its (on-disk) diagnostics in the Problems panel
  if (!workspaceScan.documentClosed(e.document.uri)) connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onDidChangeWatchedFiles(change => {
  workspaceScan.filesChanged(change.changes);
  if (change.changes.some(c => PolicyCache.isPolicyPath(pathOf(c.uri)))) policyChanged();
});

connection.onNotification('shipshape/workspaceTrust', (p: { trusted?: boolean }) => {
  workspaceTrusted = p?.trusted !== false;
  policyChanged();
});

connection.onDidChangeConfiguration(change => {
  settingsCache.clear();
  if (!pullConfiguration) globalSettings = normaliseSettings((change.settings as { shipshape?: unknown } | undefined)?.shipshape);
  for (const doc of documents.all()) schedule(doc.uri);
  void workspaceScan.refresh();
});

/** The analysis of the document's current version, or null while a newer one is pending. */
function current(uri: string): Analysis | null {
  const doc = documents.get(uri);
  const a = retained.analysis(uri);
  return doc && a && a.version === doc.version ? a : null;
}

/**
 * The analysis of the document's current version for a request: the kept one, or — for a document that was
 * linted at this version but no longer retained — the same lint again. Null while a newer version's lint
 * is to come: requests never wait for it.
 */
function analysisFor(uri: string): Analysis | null | Promise<Analysis | null> {
  const a = current(uri);
  if (a) {
    retained.touch(uri);
    return a;
  }
  const doc = documents.get(uri);
  if (!doc || linted.get(uri)?.version !== doc.version) return null;
  return settingsFor(uri).then(settings => {
    if (documents.get(uri)?.version !== doc.version) return null;
    const again = current(uri) ?? analyse(doc, settings);
    return again === 'failed' ? null : again;
  });
}

connection.onHover(async (params): Promise<Hover | null> => {
  const a = await analysisFor(params.textDocument.uri);
  if (!a) return null;
  const p = params.position;
  const hits = a.result.findings.filter(f => !f.suppressed && comparePositions(f.range.start, p) <= 0 && comparePositions(p, f.range.end) <= 0);
  // a FROM whose image uses variables also shows what it resolves to
  const image = a.result.dockerfile ? imageHover(a.result.dockerfile, p) : null;
  if (!hits.length && !image) return null;
  const parts = hits.map(f => {
    const rule = getRule(f.ruleId);
    if (!rule) return f.message;
    return hoverFormat === MarkupKind.Markdown ? hoverMarkdown(rule) : hoverPlainText(rule);
  });
  if (image) parts.unshift(hoverFormat === MarkupKind.Markdown ? image.markdown : image.plainText);
  return { contents: { kind: hoverFormat, value: parts.join(hoverFormat === MarkupKind.Markdown ? '\n\n---\n\n' : '\n\n') }, range: hits[0]?.range ?? image!.range };
});

/** The edit applying one rule's fixes (safe and unsafe) to the whole document, or null. */
function fixRuleEdit(doc: TextDocument, settings: Settings, ruleId: string): TextEdit | null {
  const uri = doc.uri;
  const fixed = fixFile(pathOf(uri), doc.getText(), { ...applyPolicy(settings.lint, policies.policyFor(pathOf(uri))), languageId: doc.languageId, readFile: projectReader(uri), unsafe: true, fixRules: [ruleId] });
  return fixed.applied.length && fixed.text !== doc.getText() ? minimalEdit(doc, fixed.text) : null;
}

/** The edit hardening one compose service, or null when nothing applies. */
function hardenEdit(doc: TextDocument, settings: Settings, service: string): { edit: TextEdit; count: number } | null {
  const uri = doc.uri;
  const hardened = hardenService(pathOf(uri), doc.getText(), service, { ...applyPolicy(settings.lint, policies.policyFor(pathOf(uri))), readFile: projectReader(uri) });
  return hardened.applied.length ? { edit: minimalEdit(doc, hardened.text), count: hardened.applied.length } : null;
}

// Expensive actions are sent without their edit and resolved when the user picks one (codeAction/resolve).
connection.onCodeActionResolve(async action => {
  const data = action.data as { uri?: string; version?: number; harden?: string; fixRule?: string } | undefined;
  const doc = data?.uri ? documents.get(data.uri) : undefined;
  const a = data?.uri ? await analysisFor(data.uri) : null;
  if (!data || !doc || !a || doc.version !== data.version) return action;
  const edit = data.harden ? hardenEdit(doc, a.settings, data.harden)?.edit : data.fixRule ? fixRuleEdit(doc, a.settings, data.fixRule) : null;
  if (edit) action.edit = { changes: { [doc.uri]: [edit] } };
  return action;
});

/** One edit covering only what changed between the document and `next`, so cursors and folds elsewhere stay put. */
function minimalEdit(doc: TextDocument, next: string): TextEdit {
  const text = doc.getText();
  let start = 0;
  while (start < text.length && start < next.length && text[start] === next[start]) start++;
  let end = 0;
  while (end < text.length - start && end < next.length - start && text[text.length - 1 - end] === next[next.length - 1 - end]) end++;
  return TextEdit.replace({ start: doc.positionAt(start), end: doc.positionAt(text.length - end) }, next.slice(start, next.length - end));
}

connection.onCodeAction(async (params): Promise<CodeAction[]> => {
  const uri = params.textDocument.uri;
  let a = await analysisFor(uri);
  const doc = documents.get(uri);
  if (!doc) return [];
  if (a && a.version !== doc.version) a = null;
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some(o => kind === o || kind.startsWith(o + '.'));
  const actions: CodeAction[] = [];
  if (a && wants(CodeActionKind.QuickFix)) {
    for (const f of a.result.findings) {
      if (!f.suppressed && rangesOverlap(f.range, params.range)) actions.push(...actionsFor(uri, f, a.result.dockerfile, doc, canCreateFiles));
    }
    // "Fix all <rule> problems in this file": an explicit action, so the rule's unsafe fixes count too
    actions.push(...fixRuleActions(uri, a.result, params.range, ruleId => fixRuleEdit(doc, a.settings, ruleId), resolveEdits ? doc.version : undefined));
  }
  if (a && wants(CodeActionKind.QuickFix) && a.result.kind === 'compose') {
    // "Harden this service": the standard confinement fixes for the service under the cursor, at once
    const services = new Set(a.result.findings.filter(f => f.subject && !f.suppressed && rangesOverlap(f.range, params.range)).map(f => f.subject!));
    for (const service of services) {
      // the edit takes several lint passes: clients that can resolve actions get it only when chosen
      if (resolveEdits) {
        actions.push({ title: `Harden service '${service}'`, kind: CodeActionKind.QuickFix, data: { uri, version: doc.version, harden: service } });
        continue;
      }
      const hardened = hardenEdit(doc, a.settings, service);
      if (hardened) actions.push({ title: `Harden service '${service}' (${hardened.count} fixes)`, kind: CodeActionKind.QuickFix, edit: { changes: { [uri]: [hardened.edit] } } });
    }
  }
  if (only && wants(FIX_ALL_KIND) && isLintable(doc)) {
    // on save the request can come before the lint of the last keystroke: fix the current text regardless
    const settings = a?.settings ?? await settingsFor(uri);
    const policy = policies.policyFor(pathOf(uri));
    const text = doc.getText();
    const fixed = settings.enable && !isIgnored(policy, pathOf(uri)) && documents.get(uri)?.version === doc.version
      ? fixFile(pathOf(uri), text, { ...applyPolicy(settings.lint, policy), languageId: doc.languageId, readFile: projectReader(uri) })
      : { applied: [], text };
    if (fixed.applied.length) {
      const edit = minimalEdit(doc, fixed.text);
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

workspaceScan.listen(connection);
documents.listen(connection);
connection.listen();
