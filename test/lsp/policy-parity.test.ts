// One policy, two faces: the editor's diagnostics and the CLI's findings are the same, before and after
// the policy file changes on disk (the editor without a reload).
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { pathToFileURL } from 'url';
import { TestClient, ROOT } from './client';

const client = new TestClient();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-parity-'));
after(async () => { await client.close(); fs.rmSync(dir, { recursive: true, force: true }); });
const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3 };
const DOCKERFILE = 'FROM quay.io/team/base:1.2\nRUN useradd -u 10001 app\nUSER app\nRUN sudo true\nFROM registry.internal.example/runtime:3\nUSER root\n';

function cli(): string[] {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'lint', '--format', 'json', 'Dockerfile'], { cwd: dir, encoding: 'utf8' });
  return (JSON.parse(r.stdout).findings as Array<{ rule: string; line: number; severity: string; suppressed?: unknown }>)
    .filter(f => !f.suppressed).map(f => `${f.rule}@${f.line}:${SEVERITY[f.severity]}`).sort();
}
const editor = (ds: Array<{ code: string; range: { start: { line: number } }; severity: number }>) => ds.map(d => `${d.code}@${d.range.start.line + 1}:${d.severity}`).sort();

test('a policy that turns a rule off, raises another and sets trustedRegistries changes both faces identically', async () => {
  fs.writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE);
  const policy = 'rules:\n  dockerfile/no-sudo: off\n  dockerfile/no-root-user: warning\n  dockerfile/trusted-registry: error\ntrustedRegistries: ["registry.internal.example/*"]\n';
  fs.writeFileSync(path.join(dir, '.shipshape.yaml'), policy);
  const expected = cli();
  assert.ok(expected.includes('dockerfile/trusted-registry@1:1'), expected.join(' '));
  assert.ok(!expected.some(f => f.startsWith('dockerfile/trusted-registry@5')), 'the trusted registry is accepted');
  assert.ok(expected.includes('dockerfile/no-root-user@6:2'));
  assert.ok(!expected.some(f => f.startsWith('dockerfile/no-sudo')));
  await client.initialize();
  const uri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
  const first = client.diagnostics(uri, ds => editor(ds as never).join() === expected.join());
  await client.open(uri, DOCKERFILE);
  await first;

  // the policy changes on disk: the CLI and the editor (no reload) agree again
  fs.writeFileSync(path.join(dir, '.shipshape.yaml'), policy.replace('dockerfile/no-sudo: off', 'dockerfile/no-sudo: info').replace('"registry.internal.example/*"', '"quay.io/team/*", "registry.internal.example/*"'));
  const changed = cli();
  assert.notDeepEqual(changed, expected);
  const second = client.diagnostics(uri, ds => editor(ds as never).join() === changed.join());
  await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, '.shipshape.yaml')).toString(), type: 2 }] });
  await second;
});
