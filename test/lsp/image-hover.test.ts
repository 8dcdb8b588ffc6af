// Hover on a FROM whose image uses variables shows the resolved image, alone or above a rule's hover.
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { TestClient } from './client';

const client = new TestClient();
after(() => client.close());

type HoverResult = { contents: { kind: string; value: string }; range: { start: { line: number } } } | null;
const hover = (uri: string, line: number, character: number) =>
  client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } }) as Promise<HoverResult>;

test('a FROM with variables shows the image it resolves to', async () => {
  await client.initialize();
  const uri = 'file:///w/hover/Dockerfile';
  const wait = client.diagnostics(uri);
  await client.open(uri, 'ARG TAG=latest\nFROM alpine:${TAG} AS base\nUSER 10001\nFROM base\nARG X\nFROM debian:bookworm-slim\nUSER 10001\n');
  await wait;
  const h = await hover(uri, 1, 9);
  assert.ok(h, 'a hover is returned');
  assert.match(h.contents.value, /`alpine:\$\{TAG\}` resolves to `alpine:latest`/);
  // the same range is flagged by no-latest-tag: the rule's hover follows the resolved image
  assert.match(h.contents.value, /dockerfile\/no-latest-tag/);
  assert.equal(await hover(uri, 5, 8), null, 'a FROM without variables gets no extra hover');
});
