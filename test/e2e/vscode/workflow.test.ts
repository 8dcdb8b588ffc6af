// The everyday workflow as a VS Code user meets it: fix-all on save (editor.codeActionsOnSave), the
// "Fix all <rule>" quick fix, "Shipshape: Scan workspace" filling the Problems panel with closed files,
// and the status bar counts — read through the `vscode` API in a real extension host.
import * as assert from 'assert';
import * as vscode from 'vscode';

interface ShipshapeApi {
  status(): { text: string; visible: boolean };
}
interface ScanResult { files: number; findings: number; cancelled: boolean; truncated: boolean }

const ruleOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter(d => d.source === 'shipshape');
const folder = () => vscode.workspace.workspaceFolders![0];
const file = (rel: string) => vscode.Uri.joinPath(folder().uri, rel);
const api = () => vscode.extensions.getExtension<ShipshapeApi>('shipshape.shipshape')!.exports;

function diagnosticsWhere(uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean, ms = 20000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => { const ds = ours(uri); if (ok(ds)) { done(); resolve(ds); } };
    const sub = vscode.languages.onDidChangeDiagnostics(e => { if (e.uris.some(u => u.toString() === uri.toString())) check(); });
    const timer = setTimeout(() => { done(); reject(new Error(`timeout; diagnostics of ${uri.fsPath}: ${JSON.stringify(ours(uri).map(d => `${ruleOf(d)}@${d.range.start.line}`))}`)); }, ms);
    function done() { sub.dispose(); clearTimeout(timer); }
    check();
  });
}

async function writeFile(rel: string, text: string): Promise<vscode.Uri> {
  const uri = file(rel);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

suite('Editor workflow in VS Code', () => {
  test('editor.codeActionsOnSave { "source.fixAll.shipshape": "explicit" } applies the safe fixes when the file is saved', async () => {
    const editorConfig = () => vscode.workspace.getConfiguration('editor', folder().uri);
    await editorConfig().update('codeActionsOnSave', { 'source.fixAll.shipshape': 'explicit' }, vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      const uri = await writeFile('save/compose.yaml', 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n');
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc);
      // a new service without no-new-privileges: a finding with a safe fix appears
      assert.ok(await editor.edit(b => b.insert(new vscode.Position(doc.lineCount, 0), '  worker:\n    image: busybox:1.36\n')));
      await diagnosticsWhere(uri, ds => ds.some(d => ruleOf(d) === 'compose/require-no-new-privileges' && d.range.start.line === 5));
      assert.ok(await doc.save(), 'saved');
      const expected = /worker:\n {4}image: busybox:1\.36\n(?: {4}.*\n)*? {4}security_opt:\n {6}- no-new-privileges:true\n/;
      assert.match(doc.getText(), expected);
      assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), expected, 'the fix is in the saved file');
      assert.strictEqual(doc.isDirty, false);
      await diagnosticsWhere(uri, ds => !ds.some(d => ruleOf(d) === 'compose/require-no-new-privileges'));
    } finally {
      await editorConfig().update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });

  test('"Fix all dockerfile/no-sudo problems in this file" is offered and removes every sudo', async () => {
    const uri = await writeFile('fix-rule/Dockerfile', 'FROM debian:12\nRUN sudo apt-get update && sudo apt-get install -y --no-install-recommends make && rm -rf /var/lib/apt/lists/*\nUSER 10001:10001\n');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const ds = await diagnosticsWhere(uri, ds => ds.filter(d => ruleOf(d) === 'dockerfile/no-sudo').length === 2);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, ds.find(d => ruleOf(d) === 'dockerfile/no-sudo')!.range, undefined, 50);
    const all = actions.find(a => a.title === 'Fix all dockerfile/no-sudo problems in this file');
    assert.ok(all?.edit, JSON.stringify(actions.map(a => a.title)));
    assert.ok(await vscode.workspace.applyEdit(all.edit));
    assert.doesNotMatch(doc.getText(), /sudo/);
    await diagnosticsWhere(uri, ds => !ds.some(d => ruleOf(d) === 'dockerfile/no-sudo'));
  });

  test('the status bar shows the active file\'s counts and hides for other files', async () => {
    const uri = file('Dockerfile.root-user');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const ds = await diagnosticsWhere(uri, ds => ds.length > 0);
    const errors = ds.filter(d => d.severity === vscode.DiagnosticSeverity.Error).length;
    const status = api().status();
    assert.strictEqual(status.visible, true);
    assert.match(status.text, /^\$\(shield\) Shipshape /);
    assert.ok(errors > 0 && status.text.includes(`${errors} error${errors === 1 ? '' : 's'}`), `${status.text} for ${errors} errors`);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file('README.md')));
    assert.strictEqual(api().status().visible, false, 'hidden for a file Shipshape does not lint');
    await vscode.commands.executeCommand('shipshape.showOutput'); // the server's log channel opens without error
    // closed again: an output view still open when the window shuts down logs a harmless "Model is disposed!"
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  test('"Shipshape: Scan workspace" fills the Problems panel with closed files and skips node_modules', async () => {
    const closed = file('Dockerfile.sudo'); // committed, never opened by any test
    const vendored = await writeFile('node_modules/some-pkg/Dockerfile', 'FROM debian:12\nRUN sudo true\n');
    assert.ok(!vscode.workspace.textDocuments.some(d => d.uri.toString() === closed.toString()), 'Dockerfile.sudo is not open');
    assert.deepStrictEqual(ours(closed), [], 'no diagnostics before the scan');
    const result = await vscode.commands.executeCommand<ScanResult>('shipshape.scanWorkspace');
    assert.ok(result && !result.cancelled && result.files >= 5, JSON.stringify(result));
    const ds = await diagnosticsWhere(closed, ds => ds.some(d => ruleOf(d) === 'dockerfile/no-sudo'));
    assert.strictEqual(ds.find(d => ruleOf(d) === 'dockerfile/no-sudo')!.range.start.line, 4);
    assert.ok(vscode.languages.getDiagnostics().some(([u, d]) => u.toString() === closed.toString() && d.length > 0), 'in the workspace-wide list the Problems panel shows');
    assert.deepStrictEqual(ours(vendored), [], 'node_modules is not scanned');
  });
});
