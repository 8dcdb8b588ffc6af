// An untrusted workspace is still linted, but its files cannot make the server read outside it:
// a compose `extends` pointing out of the workspace folder is not followed.
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TestClient } from './client';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-trust-'));
const ws = path.join(root, 'project');
fs.mkdirSync(ws);
fs.writeFileSync(path.join(root, 'outside.yml'), 'services:\n  base:\n    image: busybox:1.36\n    privileged: true\n');
const COMPOSE = 'services:\n  app:\n    extends:\n      file: ../outside.yml\n      service: base\n';
fs.writeFileSync(path.join(ws, 'compose.yaml'), COMPOSE);
after(() => fs.rmSync(root, { recursive: true, force: true }));

async function diagnosticsWith(trusted: boolean) {
  const c = new TestClient();
  try {
    await c.initialize({}, { workspaceFolders: [{ uri: pathToFileURL(ws).toString(), name: 'project' }], initializationOptions: { workspaceTrusted: trusted } });
    const uri = pathToFileURL(path.join(ws, 'compose.yaml')).toString();
    const wait = c.diagnostics(uri, ds => ds.some(d => d.code === 'compose/no-privileged' || d.code === 'compose/valid-yaml'));
    await c.open(uri, COMPOSE, 'dockercompose');
    return (await wait).map(d => `${d.code}: ${d.message}`);
  } finally { await c.close(); }
}

test('trusted: the extends out of the folder is followed', async () => {
  const ds = await diagnosticsWith(true);
  assert.ok(ds.some(d => d.startsWith('compose/no-privileged')), ds.join('\n'));
});

test('untrusted: it is not read, and the diagnostic says the file could not be read', async () => {
  const ds = await diagnosticsWith(false);
  assert.ok(!ds.some(d => d.startsWith('compose/no-privileged')), ds.join('\n'));
  assert.ok(ds.some(d => /compose\/valid-yaml: extends: cannot read \.\.\/outside\.yml/.test(d)), ds.join('\n'));
});
