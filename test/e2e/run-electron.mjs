// The same VS Code mocha suite (out/e2e/index.js) through @vscode/test-electron, for machines that can
// download desktop VS Code (this one cannot: its update server is unreachable; run-vscode.sh serves here).
// usage: node test/e2e/run-electron.mjs   (after `node scripts/build.mjs && node test/e2e/build-suite.mjs`)
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const workspace = mkdtempSync(path.join(tmpdir(), 'shipshape-e2e-ws-'));
cpSync(path.join(root, 'test/e2e/workspace'), workspace, { recursive: true }); // the suite edits files
try {
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/e2e/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error(`VS Code tests failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
