// Policy files in the editor: applied to diagnostics, re-applied when the file changes on disk (no reload),
// a broken policy reported in the policy file itself while linting goes on with the last good version.
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TestClient } from './client';

const client = new TestClient();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-policy-'));
after(async () => { await client.close(); fs.rmSync(dir, { recursive: true, force: true }); });
const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).toString();
const POLICY = path.join(dir, '.shipshape.yaml');
const DOCKERFILE = 'FROM debian:bookworm-slim\nRUN useradd -u 10001 app\nUSER app\n';
const codes = (ds: Array<{ code: string; severity: number }>) => ds.map(d => `${d.code}:${d.severity}`).sort();

async function policyChangedOnDisk(text: string) {
  fs.writeFileSync(POLICY, text);
  await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('.shipshape.yaml'), type: 2 }] });
}

test('the policy turns rules on and off and sets severities; a saved change applies without reload', async () => {
  fs.writeFileSync(POLICY, 'rules:\n  dockerfile/numeric-user: error\n');
  await client.initialize();
  const uri = uriOf('Dockerfile');
  const first = client.diagnostics(uri, ds => ds.length > 0);
  await client.open(uri, DOCKERFILE);
  assert.deepEqual(codes(await first as never), ['dockerfile/numeric-user:1']);
  const changed = client.diagnostics(uri, ds => codes(ds as never).join() === 'dockerfile/numeric-user:2');
  await policyChangedOnDisk('rules:\n  dockerfile/numeric-user: warning\n');
  await changed;
  const off = client.diagnostics(uri, ds => ds.length === 0);
  await policyChangedOnDisk('rules:\n  dockerfile/numeric-user: off\n');
  await off;
});

test('a broken policy gets a positioned diagnostic in the policy file; linting keeps the last good policy', async () => {
  const policyDiags = client.diagnostics(uriOf('.shipshape.yaml'), ds => ds.length === 1);
  await policyChangedOnDisk('rules:\n  dockerfile/numeric-user: loud\n');
  const [d] = await policyDiags;
  assert.equal(d.range.start.line, 1);
  assert.match(d.message, /not a severity/);
  assert.match(d.message, /last valid version/);
  // the Dockerfile is re-linted with the last good policy (numeric-user off): still clean
  assert.deepEqual(client.latest.get(uriOf('Dockerfile')), []);
  const cleared = client.diagnostics(uriOf('.shipshape.yaml'), ds => ds.length === 0);
  const back = client.diagnostics(uriOf('Dockerfile'), ds => ds.length === 1);
  await policyChangedOnDisk('rules:\n  dockerfile/numeric-user: info\n');
  await cleared;
  await back;
});

test('an open policy file applies as it is edited, before saving', async () => {
  const uri = uriOf('Dockerfile');
  const policyUri = uriOf('.shipshape.yaml');
  await client.open(policyUri, fs.readFileSync(POLICY, 'utf8'), 'yaml');
  const erroring = client.diagnostics(uri, ds => codes(ds as never).join() === 'dockerfile/numeric-user:1');
  await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: policyUri, version: 2 }, contentChanges: [{ text: 'rules:\n  dockerfile/numeric-user: error\n' }] });
  await erroring;
});
