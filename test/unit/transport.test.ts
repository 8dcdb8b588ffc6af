// The stdio writer sends each message as one Content-Length frame in one write (header and body together),
// with the length in bytes, in the order messages are written; a failed write reaches the connection.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { FrameWriter } from '../../server/src/lsp/transport';

function sink(fail = false) {
  const writes: Buffer[] = [];
  const stream = new Writable({ write(chunk, _enc, cb) { writes.push(Buffer.from(chunk)); cb(fail ? new Error('pipe closed') : null); } });
  stream.on('error', () => undefined);
  return { stream, writes };
}

test('FrameWriter: one write per message, byte length header, order kept', async () => {
  const { stream, writes } = sink();
  const w = new FrameWriter(stream);
  const messages = [
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics: [{ message: 'runs as root — add USER ✓' }] } },
    { jsonrpc: '2.0', id: 1, result: null },
  ];
  await Promise.all(messages.map(m => w.write(m)));
  assert.equal(writes.length, 2);
  writes.forEach((chunk, i) => {
    const text = chunk.toString('utf8');
    const m = /^Content-Length: (\d+)\r\n\r\n/.exec(text);
    assert.ok(m, text.slice(0, 40));
    const body = chunk.subarray(Buffer.byteLength(m[0]));
    assert.equal(Number(m[1]), body.length);
    assert.deepEqual(JSON.parse(body.toString('utf8')), messages[i]);
  });
});

test('FrameWriter: a failed write rejects and is reported to the connection', async () => {
  const { stream } = sink(true);
  const w = new FrameWriter(stream);
  const errors: unknown[] = [];
  w.onError(e => errors.push(e));
  await assert.rejects(w.write({ jsonrpc: '2.0', id: 2, result: 1 } as never), /pipe closed/);
  assert.ok(errors.length >= 1);
});
