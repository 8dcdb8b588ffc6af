// Compose over LSP: related information for values from another file, the Dockerfile link refreshing
// across files on every keystroke, and the "Harden this service" action.
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TestClient, applyTextEdits } from './client';

const client = new TestClient();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-compose-'));
after(async () => { await client.close(); fs.rmSync(dir, { recursive: true, force: true }); });
const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).toString();
type Action = { title: string; edit?: { changes: Record<string, Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>> } };

test('a value brought in by extends from another file is reported on the extends key, with related information', async () => {
  await client.initialize();
  fs.writeFileSync(path.join(dir, 'common.yml'), 'services:\n  base:\n    image: busybox:1.36\n    privileged: true\n');
  const text = 'services:\n  app:\n    extends:\n      file: common.yml\n      service: base\n';
  const uri = uriOf('compose.yaml');
  const wait = client.diagnostics(uri, ds => ds.some(d => d.code === 'compose/no-privileged'));
  await client.open(uri, text, 'dockercompose');
  const d = (await wait).find(x => x.code === 'compose/no-privileged')! as unknown as { range: { start: { line: number } }; relatedInformation: Array<{ location: { uri: string; range: { start: { line: number } } } }> };
  assert.equal(d.range.start.line, 2);
  assert.equal(d.relatedInformation[0].location.uri, uriOf('common.yml'));
  assert.equal(d.relatedInformation[0].location.range.start.line, 3);
});

test('editing a compose file re-lints the Dockerfile it builds (unsaved text counts)', async () => {
  const dockerfile = uriOf('Dockerfile');
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM debian:bookworm-slim\nCMD ["sleep", "60"]\n');
  const svc = uriOf('docker-compose.yml');
  const composeText = 'services:\n  app:\n    build: .\n    user: root\n';
  fs.writeFileSync(path.join(dir, 'docker-compose.yml'), composeText);
  await client.open(svc, composeText, 'dockercompose');
  const flagged = client.diagnostics(dockerfile, ds => ds.some(d => d.code === 'dockerfile/require-non-root-user'));
  await client.open(dockerfile, fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'));
  await flagged;
  const quiet = client.diagnostics(dockerfile, ds => !ds.some(d => d.code === 'dockerfile/require-non-root-user'));
  await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: svc, version: 2 }, contentChanges: [{ text: composeText.replace('user: root', 'user: "10001:10001"') }] });
  await quiet;
});

test('"Harden this service" applies the confinement fixes of one service at once', async () => {
  const uri = uriOf('compose.override.yml');
  const text = 'services:\n  web:\n    image: nginx:1.27\n  other:\n    image: nginx:1.27\n';
  const wait = client.diagnostics(uri, ds => ds.some(d => d.code === 'compose/require-no-new-privileges'));
  await client.open(uri, text, 'dockercompose');
  const d = (await wait).find(x => x.code === 'compose/require-no-new-privileges' && x.range.start.line === 1)!;
  const actions = await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }) as Action[];
  const harden = actions.find(a => a.title.startsWith("Harden service 'web'"));
  assert.ok(harden, actions.map(a => a.title).join(', '));
  const hardened = applyTextEdits(text, harden.edit!.changes[uri]);
  assert.match(hardened, /web:\n {4}image: nginx:1\.27\n(.*\n)* {4}security_opt:\n {6}- no-new-privileges:true\n/);
  assert.match(hardened, /other:\n {4}image: nginx:1\.27\n$/, 'the other service is untouched');
});
