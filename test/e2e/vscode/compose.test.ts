// Compose files as a VS Code user meets them: a diagnostic, its hover, and a quick fix that edits the YAML
// in place (into the existing security_opt list) — read through the `vscode` API in a real extension host.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';

const ruleOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter(d => d.source === 'shipshape');

function diagnosticsWhere(uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean, ms = 20000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => { const ds = ours(uri); if (ok(ds)) { done(); resolve(ds); } };
    const sub = vscode.languages.onDidChangeDiagnostics(e => { if (e.uris.some(u => u.toString() === uri.toString())) check(); });
    const timer = setTimeout(() => { done(); reject(new Error(`timeout; diagnostics: ${JSON.stringify(ours(uri).map(d => `${ruleOf(d)}@${d.range.start.line}`))}`)); }, ms);
    function done() { sub.dispose(); clearTimeout(timer); }
    check();
  });
}

suite('Compose in VS Code', () => {
  const uri = () => vscode.Uri.file(path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'compose.yaml'));

  suiteSetup(async () => {
    const doc = await vscode.workspace.openTextDocument(uri());
    await vscode.window.showTextDocument(doc);
  });

  test('compose.yaml gets shipshape diagnostics on the lines that introduce the values', async () => {
    const ds = await diagnosticsWhere(uri(), ds => ds.some(d => ruleOf(d) === 'compose/no-privileged') && ds.some(d => ruleOf(d) === 'compose/require-no-new-privileges'));
    const privileged = ds.find(d => ruleOf(d) === 'compose/no-privileged')!;
    assert.strictEqual(privileged.range.start.line, 10, 'on "privileged: true"');
    assert.strictEqual(privileged.severity, vscode.DiagnosticSeverity.Error);
  });

  test('hover on a compose finding explains it with its OWASP item', async () => {
    const d = ours(uri()).find(x => ruleOf(x) === 'compose/no-privileged')!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri(), d.range.start);
    const text = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /compose\/no-privileged/);
    assert.match(text, /OWASP D01/);
  });

  test('the no-new-privileges fix appends to the existing security_opt list and the finding goes away', async () => {
    const d = ours(uri()).find(x => ruleOf(x) === 'compose/require-no-new-privileges' && x.range.start.line === 6)!;
    assert.ok(d, 'finding on the security_opt key of service web');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri(), d.range, undefined, 50);
    const fix = actions.find(a => a.title === 'Add security_opt no-new-privileges:true');
    assert.ok(fix?.edit, JSON.stringify(actions.map(a => a.title)));
    assert.ok(actions.some(a => a.title.startsWith("Harden service 'web'")), 'harden action offered');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await diagnosticsWhere(uri(), ds => !ds.some(x => ruleOf(x) === 'compose/require-no-new-privileges' && x.range.start.line === 6));
    const text = (await vscode.workspace.openTextDocument(uri())).getText();
    assert.match(text, /security_opt:\n {6}- seccomp=\.\/seccomp\.json\n {6}- no-new-privileges:true\n/);
    assert.strictEqual((text.match(/security_opt:/g) ?? []).length, 1, 'no second security_opt key');
  });
});
