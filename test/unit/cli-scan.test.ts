// A directory scan with the CLI: each file gets the nearest policy above it (looked up once per folder),
// and what the scan reports for a file is what linting that file alone reports, in every format.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from './helpers';

const CLI = path.join(ROOT, 'dist', 'cli.js');
function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ROOT_USER = 'FROM debian:bookworm-slim\nRUN apt-get update\nRUN apt-get install -y curl\nUSER root\nCMD ["/app"]\n';
const COMPOSE = 'services:\n  web:\n    image: nginx:latest\n    privileged: true\n    read_onyl: true\n    build: ./api\n';

/** A project: policies at two levels, an ignored folder, a deep folder, a compose file building a Dockerfile. */
function project(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-scan-'));
  const put = (rel: string, text: string) => { fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true }); fs.writeFileSync(path.join(root, rel), text); };
  put('.shipshape.yaml', 'rules:\n  dockerfile/no-root-user: off\nignore: ["vendor/**"]\n');
  put('Dockerfile', ROOT_USER);
  put('a/b/c/d/Dockerfile', ROOT_USER);
  put('vendor/lib/Dockerfile', ROOT_USER);
  put('team/.shipshape.yml', 'rules:\n  dockerfile/no-root-user: warning\n  dockerfile/no-lone-update: off\n');
  put('team/svc/Dockerfile', ROOT_USER);
  put('team/svc/deep/er/Containerfile', ROOT_USER);
  put('app/compose.yaml', COMPOSE);
  put('app/api/Dockerfile', ROOT_USER);
  put('app/api/.dockerignore', '.git\n');
  return root;
}

test('a scan applies the nearest policy to each file and skips what it ignores', () => {
  const root = project();
  const r = JSON.parse(run(['lint', '--format', 'json', '.'], root).stdout) as { files: number; findings: Array<{ file: string; rule: string; severity: string }> };
  assert.equal(r.files, 6, 'vendor/ is ignored');
  const noRoot = (file: string) => r.findings.filter(f => f.file === file && f.rule === 'dockerfile/no-root-user').map(f => f.severity);
  assert.deepEqual(noRoot('Dockerfile'), []);
  assert.deepEqual(noRoot(path.join('a', 'b', 'c', 'd', 'Dockerfile')), []);
  assert.deepEqual(noRoot(path.join('team', 'svc', 'Dockerfile')), ['warning']);
  assert.deepEqual(noRoot(path.join('team', 'svc', 'deep', 'er', 'Containerfile')), ['warning']);
  assert.ok(!r.findings.some(f => f.file.startsWith('team') && f.rule === 'dockerfile/no-lone-update'));
  assert.ok(r.findings.some(f => f.file === 'Dockerfile' && f.rule === 'dockerfile/no-lone-update'));
});

test('what a scan reports for a file is what linting the file alone reports (json, text, sarif)', () => {
  const root = project();
  const files = ['Dockerfile', 'a/b/c/d/Dockerfile', 'team/svc/Dockerfile', 'team/svc/deep/er/Containerfile', 'app/compose.yaml', 'app/api/Dockerfile'].map(f => path.join(...f.split('/'))).sort();
  const scan = JSON.parse(run(['lint', '--format', 'json', '.'], root).stdout);
  const alone = files.flatMap(f => JSON.parse(run(['lint', '--format', 'json', f], root).stdout).findings);
  const key = (f: { file: string; line: number; column: number; rule: string }) => `${f.file}:${f.line}:${f.column}:${f.rule}`;
  assert.deepEqual([...scan.findings].sort((a, b) => key(a).localeCompare(key(b))), [...alone].sort((a, b) => key(a).localeCompare(key(b))));
  assert.ok(scan.findings.some((f: { fix: string | null }) => f.fix === 'safe') && scan.findings.some((f: { fix: string | null }) => f.fix === 'unsafe'), 'fixes are reported');
  assert.ok(scan.findings.some((f: { related?: unknown }) => f.related === undefined));

  const text = run(['lint', '.'], root);
  const lines = text.stdout.trim().split('\n');
  const problems = scan.findings.filter((f: { suppressed?: unknown }) => !f.suppressed);
  assert.equal(lines.length, problems.length + 1);
  assert.match(lines[lines.length - 1], new RegExp(`^${problems.length} problems \\(\\d+ errors, \\d+ warnings, \\d+ info\\) in 6 files$`));
  assert.equal(text.code, 1);

  const sarif = JSON.parse(run(['lint', '--format', 'sarif', '.'], root).stdout);
  assert.equal(sarif.runs[0].results.length, scan.findings.length);
  const fixes = (r: { fixes?: unknown[] }) => r.fixes?.length ?? 0;
  assert.ok(sarif.runs[0].results.some((r: { fixes?: unknown[] }) => fixes(r) > 0), 'SARIF carries the fixes');
});

test('--quiet and --max-warnings count over the whole scan', () => {
  const root = project();
  const all = JSON.parse(run(['lint', '--format', 'json', '.'], root).stdout).findings as Array<{ severity: string; suppressed?: unknown }>;
  const warnings = all.filter(f => f.severity === 'warning' && !f.suppressed).length;
  assert.ok(warnings > 1);
  const over = run(['lint', '--format', 'json', '--max-warnings', String(warnings - 1), '--exit-zero', '.'], root);
  assert.match(over.stderr, new RegExp(`^shipshape: ${warnings} warnings, more than --max-warnings ${warnings - 1}\\n$`));
  assert.equal(run(['lint', '--format', 'json', '--max-warnings', String(warnings), '--exit-zero', '.'], root).stderr, '');
  const quiet = run(['lint', '--quiet', '--max-warnings', '0', '.'], root);
  assert.equal(quiet.stderr, '', 'quiet reports only errors, so no warning counts');
  assert.ok(quiet.stdout.trim().split('\n').slice(0, -1).every(l => / error /.test(l)));
});
