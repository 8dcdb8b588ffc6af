// extensionTestsPath entry: the VS Code extension host calls run() and waits for the promise.
// Works the same under the code-server runner (run-vscode.sh) and under @vscode/test-electron.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha'; // external in the bundle: resolved from the repo's node_modules

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30000 });
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run(failures => {
      // Plain summary line, alone on a line: test/e2e/vscode.test.mjs parses "N passed, N failed".
      console.log(`${runner.stats?.passes ?? 0} passed, ${runner.stats?.failures ?? failures} failed`);
      failures ? reject(new Error(`${failures} tests failed.`)) : resolve();
    });
  });
}
