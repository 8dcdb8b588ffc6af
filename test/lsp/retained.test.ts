// What the server keeps per document: only the documents used last keep their analysis and parse caches
// (retained.ts); any other open document answers hovers and code actions as well, from a lint of the
// same version run again. And compose keystrokes (one block re-parsed, one service re-validated) publish what
// opening the same text afresh publishes.
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { TestClient, Diag } from './client';

const client = new TestClient();
after(() => client.close());

const ROOT_IMAGE = (i: number) => `FROM debian:bookworm-slim\nRUN echo ${i}\nUSER root\nCMD ["/app"]\n`;
type Action = { title: string };

test('a document opened long ago (no longer retained) still answers hovers and code actions', async () => {
  await client.initialize();
  const uris = Array.from({ length: 12 }, (_, i) => `file:///w/many-${i}/Dockerfile`);
  for (const [i, uri] of uris.entries()) {
    const wait = client.diagnostics(uri);
    await client.open(uri, ROOT_IMAGE(i));
    await wait;
  }
  const first = uris[0];
  const diags = client.latest.get(first)!;
  const root = diags.find(d => d.code === 'dockerfile/no-root-user')!;
  assert.ok(root, JSON.stringify(diags));
  const hover = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: first }, position: root.range.start }) as { contents: { value: string } } | null;
  assert.ok(hover, 'hover on an older document');
  assert.match(hover!.contents.value, /root/i);
  const actions = await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: first }, range: root.range, context: { diagnostics: [root] } }) as Action[];
  assert.ok(actions.some(a => /non-root user/i.test(a.title)), actions.map(a => a.title).join(', '));
  // and each of them, in turn
  for (const uri of uris.slice(1)) {
    const d = client.latest.get(uri)!.find(x => x.code === 'dockerfile/no-root-user')!;
    const h = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: d.range.start });
    assert.ok(h, uri);
  }
});

test('a hover sent right behind a change to an older document is not answered from a re-lint of the old text', async () => {
  const uri = 'file:///w/many-1/Dockerfile';
  const changed = client.diagnostics(uri, ds => !ds.some(d => d.code === 'dockerfile/no-root-user'));
  void client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 9 } }, text: 'USER 10001' }] });
  const h = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 2 } }) as { contents: { value: string } } | null;
  // either nothing (the lint of version 2 is still to come) or the hover of version 2, never version 1's finding
  if (h) assert.doesNotMatch(h.contents.value, /no-root-user/);
  await changed;
});

const COMPOSE = [
  'x-defaults: &defaults',
  '  restart: unless-stopped',
  '  environment: &env',
  '    TZ: UTC',
  'services:',
  ...Array.from({ length: 8 }, (_, i) => [
    `  svc-${i}:`,
    i % 2 ? '    <<: *defaults' : '    image: nginx:latest',
    `    image: ghcr.io/acme/svc-${i}:1.${i}`,
    '    environment:',
    '      - LOG_LEVEL=warn',
    `      - API_TOKEN=${i % 3 ? '${TOKEN}' : 'abcd1234secretvalue'}`,
    '    ports:',
    `      - "${8000 + i}:80"`,
    i % 4 === 1 ? '    privileged: true' : '    read_only: true',
  ]).flat(),
  '',
].join('\n');

test('compose keystrokes publish what opening the same text afresh publishes', async () => {
  const uri = 'file:///w/compose-keys/compose.yaml';
  let text = COMPOSE;
  let version = 1;
  const wait = client.diagnostics(uri);
  await client.open(uri, text, 'dockercompose');
  await wait;
  const lines = () => text.split('\n');
  const edits: Array<[number, (l: string) => string]> = [
    [lines().indexOf('      - LOG_LEVEL=warn'), l => l + 'x'],
    [lines().indexOf('    privileged: true'), () => '    privileged: false'],
    [lines().indexOf('    read_only: true'), () => '    read_onyl: true'],
    [1, () => '  restart: [1]'],
    [lines().indexOf('  svc-3:'), () => '  svc-3x:'],
    [lines().lastIndexOf('      - LOG_LEVEL=warn'), l => l.replace('LOG', 'LOG"')],
  ];
  for (const [line, change] of edits) {
    const old = lines()[line];
    const next = change(old);
    const all = lines();
    all[line] = next;
    text = all.join('\n');
    version++;
    const got = client.diagnostics(uri, () => true);
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: old.length } }, text: next }] });
    const diagnostics = await got;
    const fresh = `file:///w/compose-fresh-${version}/compose.yaml`;
    const freshWait = client.diagnostics(fresh);
    await client.open(fresh, text, 'dockercompose');
    const expected = await freshWait;
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri: fresh } });
    const strip = (ds: Diag[]) => JSON.stringify(ds.map(d => [d.code, d.range, d.message, d.severity]));
    assert.equal(strip(diagnostics), strip(expected), `after editing line ${line}: ${next}`);
  }
});
