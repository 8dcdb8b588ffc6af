// Run the extension's mocha suite (extensionTestsPath, the @vscode/test-electron contract) inside a
// real VS Code 1.100.3 extension host: the VS Code *server* from code-server's lib/vscode, started
// with --enable-smoke-test-driver, with Debian's headless Chromium as the window (the extension host
// starts only when a window connects). Exit code = the extension host's test exit code.
// usage: node vscode-driver.cjs <baseUrl> <workspaceFolder> <extensionDevelopmentPath> <extensionTestsPath>
// env:   E2E_TIMEOUT_MS (default 180000), E2E_SCREENSHOT=/path.png (taken when the tests end)
const { chromium } = require('playwright-core'); // from the repo's node_modules
const fs = require('fs'), os = require('os'), path = require('path'), util = require('util');
const [base, folder, devPath, testsPath] = process.argv.slice(2);
const timeoutMs = Number(process.env.E2E_TIMEOUT_MS || 180000);
const t0 = Date.now(); const t = () => ((Date.now() - t0) / 1000).toFixed(2) + 's';
// Workbench chatter that is expected offline and would bury the mocha output.
const NOISE = /ENOTFOUND|Service Worker|socket|connection token|builtin extensions cache|ChatSessionStore|workbench contribution/;

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-chr-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] ?? await ctx.newPage();
  let finish;
  const exited = new Promise(r => { finish = r; });
  // The workbench calls these hooks when it runs extension tests (the same ones @vscode/test-web uses).
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const m = util.format(...(args ?? []));
    if (!NOISE.test(m)) console.log(m);
  });
  await page.exposeFunction('codeAutomationExit', code => finish(code));
  const auth = 'remote'; // code-server's server build always advertises remoteAuthority "remote"
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `vscode-remote://${auth}${path.resolve(devPath)}`],
    ['extensionTestsPath', `vscode-remote://${auth}${path.resolve(testsPath)}`],
    ['skipWelcome', 'true'], ['skipReleaseNotes', 'true'],
  ]);
  await page.goto(`${base}/?folder=${encodeURIComponent(path.resolve(folder))}&payload=${encodeURIComponent(payload)}`);
  let timer;
  const code = await Promise.race([exited, new Promise(r => { timer = setTimeout(() => r('timeout'), timeoutMs); })]);
  clearTimeout(timer);
  console.log(t(), 'extension host exit code:', code);
  if (process.env.E2E_SCREENSHOT) await page.screenshot({ path: process.env.E2E_SCREENSHOT }).catch(() => {});
  await ctx.close(); fs.rmSync(profile, { recursive: true, force: true });
  process.exit(code === 0 ? 0 : 1);
})().catch(e => { console.error(e); process.exit(1); });
