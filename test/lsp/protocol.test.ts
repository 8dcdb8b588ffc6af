// LSP protocol tests against the bundled server over stdio: diagnostics, hover, code actions, settings.
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { TestClient, applyTextEdits, Diag } from './client';

const client = new TestClient();
after(() => client.close());

const NO_USER = 'FROM debian:bookworm-slim\nCOPY app /app\nCMD ["/app"]\n';
type Action = { title: string; kind?: string; isPreferred?: boolean; edit?: { changes: Record<string, Array<{ range: Diag['range']; newText: string }>> }; command?: { command: string } };

test('initialize advertises incremental sync, hover, code actions with fixAll', async () => {
  const r = await client.initialize();
  const caps = r.capabilities as { textDocumentSync: { change: number }; hoverProvider: boolean; codeActionProvider: { codeActionKinds: string[] } };
  assert.equal(caps.textDocumentSync.change, 2);
  assert.equal(caps.hoverProvider, true);
  assert.ok(caps.codeActionProvider.codeActionKinds.includes('source.fixAll.shipshape'));
});

test('didOpen pushes diagnostics with source, code and docs link', async () => {
  const uri = 'file:///w/a/Dockerfile';
  const wait = client.diagnostics(uri);
  await client.open(uri, NO_USER);
  const [d] = await wait;
  assert.equal(d.source, 'shipshape');
  assert.equal(d.code, 'dockerfile/require-non-root-user');
  assert.equal(d.severity, 1);
  assert.equal(d.range.start.line, 0);
  assert.match(d.codeDescription!.href, /docs\/rules\/dockerfile\/require-non-root-user\.md$/);
});

test('hover on a flagged range explains it with the OWASP item', async () => {
  const h = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///w/a/Dockerfile' }, position: { line: 0, character: 8 } }) as { contents: { kind: string; value: string } };
  assert.equal(h.contents.kind, 'markdown');
  assert.match(h.contents.value, /OWASP D01 Secure User Mapping/);
  assert.match(h.contents.value, /\*\*Why:\*\*/);
  assert.match(h.contents.value, /shipshape-ignore dockerfile\/require-non-root-user/);
  const none = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///w/a/Dockerfile' }, position: { line: 1, character: 1 } });
  assert.equal(none, null);
});

test('the add-user action edits the document and the finding goes away after an incremental change', async () => {
  const uri = 'file:///w/a/Dockerfile';
  const [d] = client.latest.get(uri)!;
  const actions = await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }) as Action[];
  const titles = actions.map(a => a.title);
  assert.ok(titles.includes('Add a non-root user (uid 10001)'), titles.join(', '));
  assert.ok(titles.includes('Ignore dockerfile/require-non-root-user for this line'));
  assert.ok(titles.includes('Show documentation for dockerfile/require-non-root-user'));
  const fix = actions.find(a => a.title.startsWith('Add a non-root user'))!;
  assert.equal(fix.kind, 'quickfix');
  assert.notEqual(fix.isPreferred, true, 'unsafe fixes are not preferred');
  const edits = fix.edit!.changes[uri];
  const fixed = applyTextEdits(NO_USER, edits);
  assert.match(fixed, /useradd --system --uid 10001/);
  const wait = client.diagnostics(uri, ds => ds.length === 0);
  await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: edits.map(e => ({ range: e.range, text: e.newText })) });
  assert.deepEqual(await wait, []);
});

test('the ignore action inserts a suppression comment that silences the finding', async () => {
  const uri = 'file:///w/b/Dockerfile';
  const text = 'FROM debian:12\nRUN useradd -u 10001 app\nUSER root\n';
  const wait = client.diagnostics(uri, ds => ds.length === 1);
  await client.open(uri, text);
  const [d] = await wait;
  const actions = await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }) as Action[];
  const ignore = actions.find(a => a.title === 'Ignore dockerfile/no-root-user for this line')!;
  const edited = applyTextEdits(text, ignore.edit!.changes[uri]);
  assert.equal(edited, 'FROM debian:12\nRUN useradd -u 10001 app\n# shipshape-ignore dockerfile/no-root-user -- <reason>\nUSER root\n');
  const quiet = client.diagnostics(uri, ds => ds.length === 0);
  await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
  await quiet;
});

test('settings are re-read on change: a rule turned off, the fix uid changed', async () => {
  const uri = 'file:///w/a/Dockerfile';
  const c = new TestClient();
  try {
    await c.initialize();
    const first = c.diagnostics(uri, ds => ds.length === 1);
    await c.open(uri, NO_USER);
    const [d] = await first;
    c.settings = { fixUid: 20000 };
    const again = c.diagnostics(uri, ds => ds.length === 1);
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await again;
    const actions = await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }) as Action[];
    assert.ok(actions.some(a => a.title === 'Add a non-root user (uid 20000)'), actions.map(a => a.title).join(', '));
    c.settings = { rules: { 'dockerfile/require-non-root-user': 'off' } };
    const off = c.diagnostics(uri, ds => ds.length === 0);
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await off;
    c.settings = { rules: { 'dockerfile/require-non-root-user': 'warning' } };
    const warn = c.diagnostics(uri, ds => ds.length === 1 && ds[0].severity === 2);
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await warn;
  } finally { await c.close(); }
});

test('a client without markdown gets plain-text hovers; push settings work without workspace/configuration', async () => {
  const uri = 'file:///w/c/Dockerfile';
  const c = new TestClient();
  try {
    await c.initialize({ workspace: {}, textDocument: { hover: { contentFormat: ['plaintext'] } } });
    const first = c.diagnostics(uri, ds => ds.length === 1);
    await c.open(uri, NO_USER);
    await first;
    const h = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 8 } }) as { contents: { kind: string; value: string } };
    assert.equal(h.contents.kind, 'plaintext');
    assert.doesNotMatch(h.contents.value, /\*\*/);
    assert.match(h.contents.value, /OWASP D01/);
    const off = c.diagnostics(uri, ds => ds.length === 0);
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { shipshape: { enable: false } } });
    await off;
  } finally { await c.close(); }
});

test('source.fixAll.shipshape applies only safe fixes', async () => {
  const uri = 'file:///w/d/Dockerfile';
  const text = 'FROM debian:12\nRUN groupadd -g 10001 app && useradd -u 10001 -g app app\nUSER app:app\n';
  const c = new TestClient();
  try {
    await c.initialize();
    c.settings = { rules: { 'dockerfile/numeric-user': 'info' } };
    const first = c.diagnostics(uri, ds => ds.length === 1);
    await c.open(uri, text);
    await first;
    const actions = await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } }) as Action[];
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.shipshape');
    assert.match(applyTextEdits(text, actions[0].edit!.changes[uri]), /USER 10001:10001\n$/);
  } finally { await c.close(); }
});

test('a malformed request gets an error answer and the server keeps working', async () => {
  // whatever the answer (an error or null), the server must stay up and keep linting
  await client.conn.sendRequest('textDocument/hover', { textDocument: {}, position: null }).catch(() => undefined);
  await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: 42 } }).catch(() => undefined);
  assert.equal(client.proc.exitCode, null, 'server still running');
  const uri = 'file:///w/e/Dockerfile';
  const wait = client.diagnostics(uri, ds => ds.length === 1);
  await client.open(uri, NO_USER);
  await wait;
});

test('shipshape/ruleDocumentation returns the docs page; unknown ids get null', async () => {
  const r = await client.conn.sendRequest('shipshape/ruleDocumentation', { ruleId: 'dockerfile/no-sudo' }) as { markdown: string; url: string };
  assert.match(r.markdown, /^# dockerfile\/no-sudo/);
  assert.match(r.url, /no-sudo\.md$/);
  assert.equal(await client.conn.sendRequest('shipshape/ruleDocumentation', { ruleId: 'nope' }), null);
});
