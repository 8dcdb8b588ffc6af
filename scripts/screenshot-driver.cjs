// Drive code-server's VS Code UI in headless Chromium (playwright-core) for scripts/screenshot.sh.
// Waits on UI state (selectors), never on fixed delays, except letting the hover fade-in finish.
// usage: node screenshot-driver.cjs <baseUrl> <folder> <hover.png> <quickfix.png>
const { chromium } = require('playwright-core'); // from the repo's node_modules
const fs = require('fs'), os = require('os'), path = require('path');
const [base, folder, hoverPng, quickfixPng] = process.argv.slice(2);
const t = (() => { const t0 = Date.now(); return () => ((Date.now() - t0) / 1000).toFixed(2) + 's'; })();
const text = async loc => (await loc.innerText()).replace(/\s+/g, ' ').trim();

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-chr-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = browser.pages()[0] ?? await browser.newPage();
  let ok = false;
  try {
    await page.goto(`${base}/?folder=${encodeURIComponent(folder)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'Dockerfile' }).first();
    await row.waitFor({ timeout: 60000 });
    await row.click();
    await page.waitForSelector('.editor-instance .view-lines', { timeout: 30000 });
    console.log(t(), 'Dockerfile open');
    // The language server's diagnostics show up as a squiggle (warning or error severity).
    const squiggle = page.locator('.monaco-editor [class*="squiggly-"]').first();
    await squiggle.waitFor({ timeout: 90000 });
    console.log(t(), 'squiggle visible');
    // 1. Hover the squiggle: VS Code shows the diagnostic plus Shipshape's hover. The squiggle sits
    // under the text layer (which takes the pointer), so move the mouse to its box rather than .hover() it.
    const box = await squiggle.boundingBox();
    const at = { x: box.x + Math.min(40, box.width / 2), y: box.y + box.height / 2 };
    await page.mouse.move(at.x - 20, at.y);
    await page.mouse.move(at.x, at.y, { steps: 5 }); // real mousemove events, as the hover controller expects
    const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'OWASP' }).first();
    await hover.waitFor({ timeout: 30000 });
    console.log(t(), 'hover:', await text(hover));
    await page.waitForTimeout(400); // the only fixed wait: the hover's fade-in animation, for the picture
    await page.screenshot({ path: hoverPng });
    // 2. Quick-fix menu on the flagged line.
    await page.keyboard.press('Escape');
    await page.mouse.click(at.x, at.y);
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget').filter({ hasText: 'non-root user' }).first();
    await menu.waitFor({ timeout: 30000 });
    console.log(t(), 'quick fix menu:', await text(menu));
    await page.screenshot({ path: quickfixPng });
    console.log(t(), 'wrote', hoverPng, quickfixPng);
    ok = true;
  } catch (e) {
    const fail = path.join(os.tmpdir(), 'shipshape-screenshot-failure.png'); // not into images/
    console.log('FAILED:', e.message, '(screen in', fail + ')');
    await page.screenshot({ path: fail }).catch(() => {});
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.exit(ok ? 0 : 1);
})();
