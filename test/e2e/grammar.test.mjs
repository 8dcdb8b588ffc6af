// node:test wrapper: runs scripts/check-grammar.cjs, which tokenizes suppression comments (shipshape-ignore
// and the peers': hadolint, checkov, kics-scan, nosemgrep, dclint, BuildKit check=skip) with the TextMate
// engine and Dockerfile/YAML grammars of the code-server in .tools, plus syntaxes/shipshape-suppressions.
// Missing code-server (scripts/setup-e2e.sh not run) => loud skip, never a pass or a fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// what check-grammar.cjs loads: vscode-textmate, vscode-oniguruma and the built-in grammars
const vscode = path.join(root, '.tools/code-server/node_modules/code-server/lib/vscode');

function skip(t, why) {
  const msg = `SKIPPED: suppression-comment grammar check not run: ${why}`;
  process.stderr.write(`\n*** ${msg} ***\n\n`); // loud in CI logs, not just a "# SKIP" count
  t.skip(msg);
}

test('suppression-comment grammar scopes in VS Code 1.100.3 Dockerfile/YAML grammars', { timeout: 60_000 }, t => {
  if (!existsSync(vscode)) return skip(t, 'code-server not installed in .tools/code-server (run scripts/setup-e2e.sh)');
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/check-grammar.cjs')], { cwd: root, encoding: 'utf8', timeout: 55_000 });
  const out = `${r.stdout}\n${r.stderr}`.trim();
  for (const line of out.split('\n').slice(-40)) t.diagnostic(line); // its verdict (and any FAIL lines) into the TAP output
  assert.equal(r.status, 0, `check-grammar.cjs exit ${r.status}${r.signal ? ` (signal ${r.signal})` : ''}:\n${out}`);
  assert.match(r.stdout, /^check-grammar: ok \(\d+ cases, \d+ checks\)$/m);
});
