// OWASP D01 (secure user mapping) as a VS Code user meets it: diagnostics, hover, quick fixes,
// read only through the `vscode` API inside a real extension host. The workspace is a temp copy of
// test/e2e/workspace, so fixes applied here never touch committed files.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';

const D01 = ['dockerfile/require-non-root-user', 'dockerfile/no-root-user', 'dockerfile/no-sudo',
  'dockerfile/no-setuid', 'dockerfile/no-password-change'];
const ADD_USER = 'Add a non-root user (uid 10001)';

const ruleOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter(d => d.source === 'shipshape');
const d01Of = (uri: vscode.Uri) => ours(uri).filter(d => D01.includes(String(ruleOf(d))));
const show = (ds: vscode.Diagnostic[]) => JSON.stringify(ds.map(d => `${ruleOf(d)}@${d.range.start.line}`));

// Resolve once the diagnostics of `uri` satisfy `ok`: checks now, then on each change event for
// that uri (no polling, no sleeps). Rejects after `ms` with what was there, to make failures readable.
function diagnosticsWhere(uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean, ms = 20000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => { const ds = ours(uri); if (ok(ds)) { done(); resolve(ds); return true; } return false; };
    const sub = vscode.languages.onDidChangeDiagnostics(e => {
      if (e.uris.some(u => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => { done(); reject(new Error(`timeout after ${ms} ms; shipshape diagnostics: ${show(ours(uri))}`)); }, ms);
    function done() { sub.dispose(); clearTimeout(timer); }
    check();
  });
}

async function open(name: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.file(path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, name));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  assert.strictEqual(doc.languageId, 'dockerfile', 'VS Code should map Dockerfile.* to the dockerfile language');
  return uri;
}

async function diagnosticFor(uri: vscode.Uri, rule: string): Promise<vscode.Diagnostic> {
  const ds = await diagnosticsWhere(uri, ds => ds.some(d => ruleOf(d) === rule));
  return ds.find(d => ruleOf(d) === rule)!;
}

// The 4th argument asks VS Code to resolve lazily-built edits (codeAction/resolve) for up to 50 items.
async function actionsFor(uri: vscode.Uri, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, undefined, 50)) ?? [];
}

// Apply an action the way the lightbulb does: its workspace edit, then its command if any.
async function apply(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applyEdit failed for "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  assert.ok(action.edit || action.command, `"${action.title}" has neither an edit nor a command`);
}

suite('OWASP D01 in VS Code', () => {
  test('final stage without USER gets dockerfile/require-non-root-user on its FROM line', async () => {
    const uri = await open('Dockerfile.no-user');
    const d = await diagnosticFor(uri, 'dockerfile/require-non-root-user');
    assert.strictEqual(d.source, 'shipshape');
    assert.strictEqual(d.range.start.line, 6, 'expected on "FROM node:20-slim" (0-based line 6), the last stage');
    assert.ok(typeof d.code === 'object' && /^https?:\/\//.test(d.code.target.toString()), 'code.target should link to the rule docs');
  });

  test('final USER root gets dockerfile/no-root-user on that line', async () => {
    const uri = await open('Dockerfile.root-user');
    const d = await diagnosticFor(uri, 'dockerfile/no-root-user');
    assert.strictEqual(d.source, 'shipshape');
    assert.strictEqual(d.range.start.line, 3, 'expected on "USER root" (0-based line 3)');
    const titles = (await actionsFor(uri, d)).map(a => a.title);
    assert.ok(titles.includes('Switch to a non-root user (uid 10001)'), JSON.stringify(titles));
  });

  test('hover on a flagged range explains the rule and cites OWASP D01', async () => {
    const uri = await open('Dockerfile.no-user');
    const d = await diagnosticFor(uri, 'dockerfile/require-non-root-user');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, d.range.start);
    const text = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /dockerfile\/require-non-root-user/);
    assert.match(text, /OWASP D01/);
    assert.match(text, /owasp\.org/);
    assert.match(text, /Why/);
    assert.match(text, /Fix/);
  });

  test('code actions offer the add-user fix, ignore and docs', async () => {
    const uri = await open('Dockerfile.no-user');
    const d = await diagnosticFor(uri, 'dockerfile/require-non-root-user');
    const actions = await actionsFor(uri, d);
    const titles = actions.map(a => a.title);
    assert.ok(titles.includes(ADD_USER), JSON.stringify(titles));
    assert.strictEqual(actions.find(a => a.title === ADD_USER)!.kind?.value, 'quickfix');
    assert.ok(titles.includes('Ignore dockerfile/require-non-root-user for this line'), JSON.stringify(titles));
    assert.ok(titles.includes('Show documentation for dockerfile/require-non-root-user'), JSON.stringify(titles));
  });

  test('applying the add-user fix leaves no D01 diagnostics', async () => {
    const uri = await open('Dockerfile.add-user-fix');
    const d = await diagnosticFor(uri, 'dockerfile/require-non-root-user');
    const fix = (await actionsFor(uri, d)).find(a => a.title === ADD_USER);
    assert.ok(fix, 'add-user fix not offered');
    await apply(fix);
    // Before the server re-lints, the old diagnostic is still there, so this waits for a fresh publish.
    await diagnosticsWhere(uri, () => d01Of(uri).length === 0);
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    assert.match(text, /USER 10001:10001/);
    assert.ok(text.indexOf('USER 10001:10001') < text.indexOf('CMD ['), 'USER must come before CMD:\n' + text);
  });

  test('the ignore action inserts a # shipshape-ignore comment and the diagnostic goes away', async () => {
    const uri = await open('Dockerfile.ignore');
    const rule = 'dockerfile/require-non-root-user';
    const d = await diagnosticFor(uri, rule);
    const ignore = (await actionsFor(uri, d)).find(a => a.title === `Ignore ${rule} for this line`);
    assert.ok(ignore, 'ignore action not offered');
    await apply(ignore);
    await diagnosticsWhere(uri, ds => !ds.some(x => ruleOf(x) === rule));
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    assert.match(text, new RegExp(`# shipshape-ignore ${rule}`));
  });

  test('"Show documentation" opens the rule\'s docs inside VS Code', async () => {
    const uri = await open('Dockerfile.no-user');
    const rule = 'dockerfile/require-non-root-user';
    const d = await diagnosticFor(uri, rule);
    const show = (await actionsFor(uri, d)).find(a => a.title === `Show documentation for ${rule}`);
    assert.ok(show?.command, 'documentation action not offered');
    const opened = new Promise<vscode.TextDocument>((resolve, reject) => {
      const sub = vscode.workspace.onDidOpenTextDocument(doc => {
        if (doc.languageId === 'markdown' && doc.getText().startsWith(`# ${rule}`)) { sub.dispose(); clearTimeout(timer); resolve(doc); }
      });
      const timer = setTimeout(() => { sub.dispose(); reject(new Error('no docs document opened')); }, 15000);
    });
    await apply(show);
    const doc = await opened;
    assert.match(doc.getText(), /## Why/);
    assert.match(doc.getText(), /OWASP/);
  });
});
