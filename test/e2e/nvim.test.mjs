// Neovim 0.7 as a second real LSP client: starts `node dist/server.js --stdio` via
// test/e2e/nvim-lsp-check.lua on a fixture Dockerfile and checks what comes back over the wire.
// No nvim => loud skip (never a pass or a fail).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// SHIPSHAPE_SERVER lets the harness itself be tested against a stub server.
const server = process.env.SHIPSHAPE_SERVER || path.join(root, 'dist/server.js');
const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;

// Run the lua check on one fixture; code actions and hover are asked on the diagnostic `rule`.
function check(fixture, rule) {
  const r = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', path.join(root, 'test/e2e/nvim-lsp-check.lua')], {
    encoding: 'utf8', timeout: 60_000,
    env: { ...process.env, LSP_CMD: JSON.stringify([process.execPath, server, '--stdio']),
      FILE: path.join(root, 'test/e2e/workspace', fixture), TIMEOUT_MS: '15000', RULE: rule },
  });
  const line = r.stdout.split('\n').find(l => l.startsWith('{'));
  assert.ok(line, `no JSON report from nvim (exit ${r.status}): ${r.stdout}\n${r.stderr}`);
  const report = JSON.parse(line);
  assert.equal(report.ok, true, `nvim LSP check failed: ${line}`);
  assert.equal(r.status, 0);
  return report;
}
const codes = report => report.diagnostics.filter(d => d.source === 'shipshape').map(d => d.code);
const titles = report => (report.codeAction.result ?? []).map(a => a.title);
const hoverText = ({ hover: { result } }) => {
  const c = result?.contents; // MarkupContent, MarkedString or MarkedString[]
  return [c].flat().map(x => (typeof x === 'string' ? x : x?.value ?? '')).join('\n');
};

function skipOrRequire(t) {
  if (!hasNvim) {
    const msg = 'SKIPPED: Neovim LSP check not run: nvim not found (run scripts/setup-e2e.sh)';
    process.stderr.write(`\n*** ${msg} ***\n\n`);
    t.skip(msg);
    return false;
  }
  // dist/ is the product under test: its absence is a failure, not a skip.
  assert.ok(existsSync(server), `${server} missing: run npm run build`);
  return true;
}

test('nvim: final stage without USER -> require-non-root-user, add-user fix, OWASP hover', { timeout: 90_000 }, t => {
  if (!skipOrRequire(t)) return;
  const report = check('Dockerfile.no-user', 'dockerfile/require-non-root-user');
  t.diagnostic(`diagnostics after ${report.diagnostics_ms} ms, total ${report.total_ms} ms (nvim ${report.nvim})`);
  assert.ok(codes(report).includes('dockerfile/require-non-root-user'), JSON.stringify(report.diagnostics));
  const d = report.diagnostics.find(x => x.code === 'dockerfile/require-non-root-user');
  assert.equal(d.range.start.line, 6, 'on the FROM line of the last stage');
  assert.ok(titles(report).includes('Add a non-root user (uid 10001)'), JSON.stringify(titles(report)));
  assert.ok(titles(report).includes('Ignore dockerfile/require-non-root-user for this line'), JSON.stringify(titles(report)));
  assert.match(hoverText(report), /OWASP D01/);
  assert.match(hoverText(report), /owasp\.org/);
});

test('nvim: final USER root -> no-root-user with the switch-user fix', { timeout: 90_000 }, t => {
  if (!skipOrRequire(t)) return;
  const report = check('Dockerfile.root-user', 'dockerfile/no-root-user');
  assert.ok(codes(report).includes('dockerfile/no-root-user'), JSON.stringify(report.diagnostics));
  assert.ok(titles(report).includes('Switch to a non-root user (uid 10001)'), JSON.stringify(titles(report)));
});

test('nvim: sudo in RUN -> no-sudo with the remove-sudo fix', { timeout: 90_000 }, t => {
  if (!skipOrRequire(t)) return;
  const report = check('Dockerfile.sudo', 'dockerfile/no-sudo');
  assert.equal(report.diagnostics.find(d => d.code === 'dockerfile/no-sudo').range.start.line, 4);
  assert.ok(titles(report).includes('Remove sudo'), JSON.stringify(titles(report)));
});
