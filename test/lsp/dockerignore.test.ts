// The .dockerignore beside a Dockerfile on disk, over LSP: the finding, and the quick fix that creates the
// file (a CreateFile WorkspaceEdit, only for clients that can apply one).
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TestClient } from './client';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-dockerignore-'));
const clients: TestClient[] = [];
after(async () => { for (const c of clients) await c.close(); fs.rmSync(dir, { recursive: true, force: true }); });
type Action = { title: string; edit?: { documentChanges?: Array<{ kind?: string; uri?: string; textDocument?: { uri: string }; edits?: Array<{ newText: string }> }> } };

async function actionsFor(capabilities: Record<string, unknown>) {
  const client = new TestClient();
  clients.push(client);
  await client.initialize(capabilities);
  const uri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
  const wait = client.diagnostics(uri, ds => ds.some(d => d.code === 'dockerfile/require-dockerignore'));
  await client.open(uri, 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nUSER node\n');
  const d = (await wait).find(x => x.code === 'dockerfile/require-dockerignore')!;
  assert.equal(d.range.start.line, 2);
  return client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }) as Promise<Action[]>;
}

test('no .dockerignore beside the Dockerfile: reported, and the fix creates it', async () => {
  const actions = await actionsFor({ workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } } });
  const create = actions.find(a => a.title.startsWith('Create .dockerignore'));
  assert.ok(create, `actions: ${actions.map(a => a.title).join(', ')}`);
  const changes = create.edit!.documentChanges!;
  const target = pathToFileURL(path.join(dir, '.dockerignore')).toString();
  assert.deepEqual(changes.map(c => c.kind ?? 'edit'), ['create', 'edit']);
  assert.equal(changes[0].uri, target);
  assert.equal(changes[1].textDocument?.uri, target);
  assert.match(changes[1].edits![0].newText, /^\*\*\/\.env$/m);
});

test('a client that cannot create files is not offered the fix', async () => {
  const actions = await actionsFor({});
  assert.ok(!actions.some(a => a.title.startsWith('Create .dockerignore')));
  assert.ok(actions.some(a => a.title.startsWith('Ignore dockerfile/require-dockerignore')));
});
