// The CLI as a user runs it: exit codes, JSON shape, fix, explain, rules, docs staleness.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from './helpers';

const CLI = path.join(ROOT, 'dist', 'cli.js');
function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function tmpFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-cli-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const ROOT_FINAL = 'FROM debian:bookworm-slim AS build\nRUN make\nFROM debian:bookworm-slim\nCOPY --from=build /out /app\nUSER root\nCMD ["/app"]\n';
const ROOT_BUILDER_ONLY = 'FROM debian:bookworm-slim AS build\nUSER root\nRUN make\nFROM debian:bookworm-slim\nUSER 10001:10001\nCMD ["/app"]\n';

test('lint --format json reports no-root-user on the USER line, exit 1', () => {
  const r = run(['lint', '--format', 'json', tmpFile('Dockerfile', ROOT_FINAL)]);
  assert.equal(r.code, 1, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.files, 1);
  assert.deepEqual(out.findings.map((f: { rule: string; line: number; column: number }) => [f.rule, f.line, f.column]), [['dockerfile/no-root-user', 5, 6]]);
  const [f] = out.findings;
  assert.deepEqual(Object.keys(f).sort(), ['column', 'endColumn', 'endLine', 'file', 'fix', 'line', 'message', 'owasp', 'rule', 'severity'].sort());
  assert.deepEqual(f.owasp, ['D01']);
  assert.equal(f.fix, 'unsafe');
});

test('a root builder stage with a non-root final stage reports nothing, exit 0', () => {
  const r = run(['lint', '--format', 'json', tmpFile('Dockerfile', ROOT_BUILDER_ONLY)]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).findings, []);
});

test('fix --unsafe makes both D01 rules go quiet', () => {
  for (const text of [ROOT_FINAL, 'FROM debian:bookworm-slim\nCMD ["bash"]\n']) {
    const file = tmpFile('Dockerfile', text);
    const f = run(['fix', file, '--unsafe']);
    assert.equal(f.code, 0, f.stderr);
    const after = run(['lint', '--format', 'json', file]);
    assert.deepEqual(JSON.parse(after.stdout).findings, [], fs.readFileSync(file, 'utf8'));
    assert.match(fs.readFileSync(file, 'utf8'), /USER 10001:10001/);
  }
});

test('fix without --unsafe leaves unsafe fixes alone and says so; --stdout does not write', () => {
  const file = tmpFile('Dockerfile', ROOT_FINAL);
  const r = run(['fix', file]);
  assert.equal(fs.readFileSync(file, 'utf8'), ROOT_FINAL);
  assert.match(r.stderr, /more with --unsafe/);
  const s = run(['fix', file, '--unsafe', '--stdout']);
  assert.match(s.stdout, /USER 10001:10001/);
  assert.equal(fs.readFileSync(file, 'utf8'), ROOT_FINAL);
});

test('--target and --build-arg feed the model', () => {
  const file = tmpFile('Dockerfile', 'ARG RUN_AS=root\nFROM debian:12 AS app\nARG RUN_AS\nUSER ${RUN_AS}\nFROM debian:12 AS debug\nUSER 10001\n');
  assert.equal(run(['lint', file]).code, 0);
  assert.equal(run(['lint', file, '--target', 'app']).code, 1);
  assert.equal(run(['lint', file, '--target', 'app', '--build-arg', 'RUN_AS=10001']).code, 0);
  const missing = run(['lint', file, '--target', 'nope']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no stage named 'nope'/);
});

test('directories are searched for Dockerfiles; a named file is linted whatever its name', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-dir-'));
  fs.mkdirSync(path.join(dir, 'svc'));
  fs.writeFileSync(path.join(dir, 'svc', 'Dockerfile.prod'), 'FROM debian:12\n');
  fs.writeFileSync(path.join(dir, 'api.dockerfile'), 'FROM debian:12\nUSER 1\n');
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'FROM debian:12\n');
  const r = JSON.parse(run(['lint', '--format', 'json', dir]).stdout);
  assert.equal(r.files, 2);
  const named = JSON.parse(run(['lint', '--format', 'json', path.join(dir, 'notes.txt')]).stdout);
  assert.equal(named.findings[0].rule, 'dockerfile/require-non-root-user');
});

test('usage and I/O errors exit 2 with one line', () => {
  for (const args of [['lint', '/nonexistent/Dockerfile'], ['lint', '--format', 'xml'], ['lint', '--rule', 'nope/x'], ['frobnicate'], ['lint', '--build-arg', 'novalue']]) {
    const r = run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^shipshape: /);
  }
});

test('sarif output is SARIF 2.1.0 with rule metadata', () => {
  const r = run(['lint', '--format', 'sarif', tmpFile('Dockerfile', ROOT_FINAL)]);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  const run0 = sarif.runs[0];
  assert.equal(run0.tool.driver.rules[0].id, 'dockerfile/no-root-user');
  assert.match(run0.tool.driver.rules[0].helpUri, /no-root-user/);
  assert.equal(run0.results[0].locations[0].physicalLocation.region.startLine, 5);
});

test('explain, rules and docs --check', () => {
  const e = run(['explain', 'dockerfile/no-root-user']);
  assert.equal(e.code, 0);
  assert.match(e.stdout, /^# dockerfile\/no-root-user/);
  assert.match(e.stdout, /OWASP/);
  const rules = JSON.parse(run(['rules', '--format', 'json']).stdout);
  assert.ok(rules.some((r: { id: string; default: string }) => r.id === 'dockerfile/numeric-user' && r.default === 'off'));
  const docs = run(['docs', '--check']);
  assert.equal(docs.code, 0, `generated docs are stale; run npm run docs\n${docs.stderr}`);
});
