// The everyday workflow over LSP: "Fix all <rule> problems in this file", fix-all on save racing the lint,
// the workspace scan (closed files, progress, cancellation, ignores), the server log, Workspace Trust.
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { TestClient, applyTextEdits, Diag } from './client';

type Edit = { range: Diag['range']; newText: string };
type Action = { title: string; kind?: string; diagnostics?: Diag[]; edit?: { changes: Record<string, Edit[]> } };
type ScanResult = { files: number; findings: number; cancelled: boolean; truncated: boolean };

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-workflow-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(root: string, rel: string, text: string): string {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return pathToFileURL(p).toString();
}

async function withClient(fn: (c: TestClient) => Promise<void>, folder?: string, initializationOptions?: unknown) {
  const c = new TestClient();
  try {
    await c.initialize({ window: { workDoneProgress: true } }, {
      ...(folder ? { workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: path.basename(folder) }], rootUri: pathToFileURL(folder).toString() } : {}),
      ...(initializationOptions ? { initializationOptions } : {}),
    });
    await fn(c);
  } finally { await c.close(); }
}

const codeActions = (c: TestClient, uri: string, range: Diag['range'], diagnostics: Diag[], only?: string[]) =>
  c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } }) as Promise<Action[]>;

const TWO_SUDOS = 'FROM debian:12\nRUN sudo apt-get update && sudo apt-get install -y --no-install-recommends make && rm -rf /var/lib/apt/lists/*\nUSER 10001:10001\n';

test('"Fix all <rule> problems in this file" applies every fix of that rule, unsafe ones too, in one edit', () => withClient(async c => {
  const uri = 'file:///w/fix-rule/Dockerfile';
  const wait = c.diagnostics(uri, ds => ds.filter(d => d.code === 'dockerfile/no-sudo').length === 2);
  await c.open(uri, TWO_SUDOS);
  const ds = await wait;
  const first = ds.find(d => d.code === 'dockerfile/no-sudo')!;
  const actions = await codeActions(c, uri, first.range, [first]);
  const all = actions.find(a => a.title === 'Fix all dockerfile/no-sudo problems in this file');
  assert.ok(all, actions.map(a => a.title).join(', '));
  assert.equal(all.kind, 'quickfix');
  assert.equal(all.diagnostics?.length, 2, 'the action names both findings');
  assert.equal(all.edit!.changes[uri].length, 1, 'one edit');
  const fixed = applyTextEdits(TWO_SUDOS, all.edit!.changes[uri]);
  assert.equal(fixed, 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends make && rm -rf /var/lib/apt/lists/*\nUSER 10001:10001\n');
  // the sudo fix is unsafe: source.fixAll (what runs on save) leaves it alone
  const fixAll = await codeActions(c, uri, first.range, [], ['source.fixAll']);
  assert.ok(!fixAll.some(a => a.edit && applyTextEdits(TWO_SUDOS, a.edit.changes[uri]).includes('RUN apt-get update &&')), 'fix-all on save does not apply unsafe fixes');
  // once applied, nothing of the rule is left
  const quiet = c.diagnostics(uri, d => !d.some(x => x.code === 'dockerfile/no-sudo'));
  await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  await quiet;
}));

test('"Fix all <rule>" is not offered for a rule with a single fixable finding', () => withClient(async c => {
  const uri = 'file:///w/fix-rule-one/Dockerfile';
  const text = 'FROM debian:12\nRUN sudo mkdir /data\nUSER 10001:10001\n';
  const wait = c.diagnostics(uri, ds => ds.some(d => d.code === 'dockerfile/no-sudo'));
  await c.open(uri, text);
  const d = (await wait).find(x => x.code === 'dockerfile/no-sudo')!;
  const actions = await codeActions(c, uri, d.range, [d]);
  assert.ok(actions.some(a => a.title === 'Remove sudo'), actions.map(a => a.title).join(', '));
  assert.ok(!actions.some(a => a.title.startsWith('Fix all')), actions.map(a => a.title).join(', '));
}));

test('source.fixAll answers for the newest text even when the save comes before its lint', () => withClient(async c => {
  const uri = 'file:///w/save-race/compose.yaml';
  const clean = 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges:true"]\n    cap_drop: [ALL]\n';
  const first = c.diagnostics(uri, ds => !ds.some(d => d.code === 'compose/require-no-new-privileges'));
  await c.open(uri, clean, 'dockercompose');
  await first;
  // a settings change empties the server's settings cache, so the next lint waits on workspace/configuration:
  // the code action request (what VS Code sends on save) arrives while that lint is still pending
  const edited = clean + '  worker:\n    image: busybox:1.36\n';
  void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  void c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
  const actions = await codeActions(c, uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.shipshape']);
  assert.equal(actions.length, 1, 'a fix-all action for version 2');
  assert.match(applyTextEdits(edited, actions[0].edit!.changes[uri]), /worker:\n {4}image: busybox:1\.36\n(.*\n)*? {4}security_opt:\n {6}- no-new-privileges:true\n/);
}));

test('the workspace scan lints closed files, skips node_modules, .git and policy ignores, reports progress and logs', async () => {
  const ws = path.join(tmp, 'scan');
  const dockerfile = write(ws, 'api/Dockerfile', 'FROM debian:12\nRUN sudo apt-get update\n');
  const compose = write(ws, 'deploy/compose.yaml', 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n');
  const nodeModules = write(ws, 'node_modules/pkg/Dockerfile', 'FROM debian:12\n');
  const git = write(ws, '.git/Dockerfile', 'FROM debian:12\n');
  const vendored = write(ws, 'vendor/lib/Dockerfile', 'FROM debian:12\n');
  write(ws, '.shipshape.yaml', 'ignore: ["vendor/**"]\n');
  write(ws, 'README.md', '# not a container file\n');
  await withClient(async c => {
    const progress: Array<{ kind: string; percentage?: number; cancellable?: boolean }> = [];
    c.conn.onNotification('$/progress', (p: { token: string; value: { kind: string } }) => { if (p.token === 'scan-1') progress.push(p.value); });
    const dockerfileDiags = c.diagnostics(dockerfile, ds => ds.some(d => d.code === 'dockerfile/no-sudo'));
    const composeDiags = c.diagnostics(compose, ds => ds.some(d => d.code === 'compose/no-privileged'));
    const result = await c.conn.sendRequest('shipshape/scanWorkspace', { workDoneToken: 'scan-1' }) as ScanResult;
    await dockerfileDiags;
    await composeDiags;
    assert.equal(result.files, 2);
    assert.equal(result.cancelled, false);
    assert.equal(result.findings, [...c.latest.get(dockerfile)!, ...c.latest.get(compose)!].length);
    for (const skipped of [nodeModules, git, vendored]) assert.ok(!c.latest.has(skipped), `${skipped} is not scanned`);
    assert.equal(progress[0]?.kind, 'begin');
    assert.equal(progress[0]?.cancellable, true);
    assert.equal(progress.at(-1)?.kind, 'end');
    assert.ok(c.logs.some(l => /workspace scan linted 2 files/.test(l)), c.logs.join('\n'));
    assert.ok(c.logs.some(l => /server .* started/.test(l)), 'the server logs its start');

    // opening a scanned file hands it to normal linting (unsaved text counts); closing it restores the disk's view
    const edited = c.diagnostics(dockerfile, ds => !ds.some(d => d.code === 'dockerfile/no-sudo'));
    await c.open(dockerfile, 'FROM debian:12\nRUN apt-get update\nUSER 10001\n');
    await edited;
    const restored = c.diagnostics(dockerfile, ds => ds.some(d => d.code === 'dockerfile/no-sudo'));
    await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri: dockerfile } });
    await restored;

    // after a scan, closed files follow their changes on disk (the client's file watcher): changed, created
    fs.writeFileSync(new URL(dockerfile), 'FROM debian:12\nRUN apt-get update\n');
    const changed = c.diagnostics(dockerfile, ds => ds.length > 0 && !ds.some(d => d.code === 'dockerfile/no-sudo'));
    const containerfile = write(ws, 'worker/Containerfile', 'FROM debian:12\nRUN sudo true\n');
    const createdDiags = c.diagnostics(containerfile, ds => ds.some(d => d.code === 'dockerfile/no-sudo'));
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: dockerfile, type: 2 }, { uri: containerfile, type: 1 }, { uri: nodeModules, type: 2 }] });
    await changed;
    await createdDiags;
    assert.ok(!c.latest.has(nodeModules), 'a change under node_modules is still skipped');

    // a file deleted since the last scan loses its diagnostics on the next one
    fs.rmSync(new URL(compose));
    const cleared = c.diagnostics(compose, ds => ds.length === 0);
    // without a token from the client, the server creates its own progress (window/workDoneProgress/create)
    let created = 0;
    c.conn.onRequest('window/workDoneProgress/create', () => { created++; return null; });
    const again = await c.conn.sendRequest('shipshape/scanWorkspace', {}) as ScanResult;
    assert.equal(created, 1);
    await cleared;
    assert.equal(again.files, 2, 'api/Dockerfile and worker/Containerfile');
  }, ws);
});

test('a workspace scan is cancellable: it stops early and says so', async () => {
  const ws = path.join(tmp, 'big');
  for (let i = 0; i < 300; i++) write(ws, `svc${i}/Dockerfile`, 'FROM debian:12\nRUN sudo true\n');
  await withClient(async c => {
    const source = new CancellationTokenSource();
    // cancel as soon as the server says it has begun: no sleeps, no timing guesses
    c.conn.onNotification('$/progress', (p: { token: string; value: { kind: string } }) => { if (p.token === 'scan-big' && p.value.kind === 'begin') source.cancel(); });
    const result = await c.conn.sendRequest('shipshape/scanWorkspace', { workDoneToken: 'scan-big' }, source.token) as ScanResult;
    assert.equal(result.cancelled, true);
    assert.ok(result.files < 300, `stopped early (${result.files} files)`);
    assert.ok(c.logs.some(l => /workspace scan cancelled after/.test(l)), c.logs.join('\n'));
  }, ws);
});

test('untrusted workspace: a policy extends outside the folder is ignored with a diagnostic; the policy itself still applies', async () => {
  const root = path.join(tmp, 'trust');
  const ws = path.join(root, 'project');
  // the outside policy would silence the finding if it were applied
  write(root, 'team.shipshape.yaml', 'rules:\n  dockerfile/require-non-root-user: off\n');
  const policy = write(ws, '.shipshape.yaml', '# team defaults\nextends: ../team.shipshape.yaml\nrules:\n  dockerfile/no-sudo: warning\n');
  const dockerfile = write(ws, 'Dockerfile', 'FROM debian:12\nRUN sudo true\n');
  await withClient(async c => {
    const policyDiags = c.diagnostics(policy, ds => ds.length > 0);
    const diags = c.diagnostics(dockerfile, ds => ds.some(d => d.code === 'dockerfile/require-non-root-user'));
    await c.open(dockerfile, fs.readFileSync(new URL(dockerfile), 'utf8'));
    const [p] = await policyDiags;
    assert.equal(p.range.start.line, 1, 'on the extends line');
    assert.match(p.message, /outside the workspace, which is not trusted: it is ignored/);
    assert.equal(p.severity, 2, 'a warning: the rest of the policy applies');
    const ds = await diags;
    assert.equal(ds.find(d => d.code === 'dockerfile/require-non-root-user')!.severity, 1, 'the outside policy is not applied');
    assert.equal(ds.find(d => d.code === 'dockerfile/no-sudo')?.severity, 2, "the folder's own policy still applies");
  }, ws, { workspaceTrusted: false });
  // the same workspace, trusted: the extends is followed
  await withClient(async c => {
    const diags = c.diagnostics(dockerfile, ds => ds.some(d => d.code === 'dockerfile/no-sudo') && !ds.some(d => d.code === 'dockerfile/require-non-root-user'));
    await c.open(dockerfile, fs.readFileSync(new URL(dockerfile), 'utf8'));
    await diags;
  }, ws, { workspaceTrusted: true });
});
