// Issue 17, target 5: the editor's first second. Opens <dir> in the real workbench
// (code-server + headless chromium, the integration tests' harness), waits until the
// extension's status bar item is shown (activation done) and BOM_FIRST_DELAY_MS more
// (default 3000: a user does not run a command in the same instant the window opens),
// then runs Batch Process Workspace from the command palette and measures, in the page,
// from the Enter key that issues the command to the first change of the status bar
// item's text; then the same for a second command once the first run has finished.
//   node bench/editor-first-second.mjs <dir> [rounds=1]   -> one JSON line { rounds: [{ firstMs, firstText, secondMs }] }
import fs from 'node:fs';
import { openWorkbench, waitForWorkbench, runFromPalette, STATUS_ITEM } from '../test/integration/harness/browser.mjs';
import { CODE_SERVER_MARKER, PROJECT_ROOT } from '../test/integration/harness/paths.mjs';
import { startServer } from '../test/integration/harness/server.mjs';

const [dir, roundsArg = '1'] = process.argv.slice(2);
const TIMEOUT = 120000;
const DELAY = Number(process.env.BOM_FIRST_DELAY_MS ?? 3000);
const COMMAND = 'Batch Process Workspace';

/** Arms the page: the next Enter in the palette on the command starts the clock; the item's next text change stops it. */
async function arm(page) {
  await page.evaluate(
    ([sel, command]) => {
      const text = () => document.querySelector(sel)?.textContent ?? '';
      const b = { t0: undefined, t1: undefined, initial: text(), text: undefined };
      window.__bomFirst = b;
      const onKey = (e) => {
        const value = document.querySelector('.quick-input-widget input[type="text"]')?.value ?? '';
        if (e.key === 'Enter' && b.t0 === undefined && value.includes(command)) {
          b.t0 = performance.now();
          document.removeEventListener('keydown', onKey, true);
        }
      };
      document.addEventListener('keydown', onKey, true);
      const bar = document.querySelector('.part.statusbar');
      const obs = new MutationObserver(() => {
        if (b.t0 === undefined || b.t1 !== undefined) return;
        const now = text();
        if (now !== b.initial) {
          b.t1 = performance.now();
          b.text = now;
          obs.disconnect();
        }
      });
      obs.observe(bar, { subtree: true, childList: true, characterData: true, attributes: true });
    },
    [STATUS_ITEM, COMMAND],
  );
}

async function measureCommand(page) {
  await arm(page);
  await runFromPalette(page, COMMAND, TIMEOUT);
  await page.waitForFunction(() => window.__bomFirst.t1 !== undefined, undefined, { timeout: TIMEOUT, polling: 50 });
  const b = await page.evaluate(() => window.__bomFirst);
  // The run's end: the idle summary "<n> docs".
  await page.waitForFunction((sel) => /^\s*\d[\d,]* docs\s*$/.test(document.querySelector(sel)?.textContent ?? ''), STATUS_ITEM, { timeout: 600000, polling: 100 });
  return { ms: b.t1 - b.t0, text: b.text.trim() };
}

async function round() {
  const server = await startServer({ workspace: dir, settings: { 'workbench.localHistory.enabled': false } });
  let wb;
  try {
    const url = server.url(dir, [['extensionDevelopmentPath', server.remoteUri(PROJECT_ROOT)]]);
    wb = await openWorkbench({ url });
    const { page } = wb;
    await waitForWorkbench(page, TIMEOUT);
    await page.locator(STATUS_ITEM).waitFor({ state: 'visible', timeout: TIMEOUT });
    await page.waitForTimeout(DELAY);
    await page.locator('.monaco-workbench').click({ position: { x: 640, y: 300 } }).catch(() => {});
    const first = await measureCommand(page);
    const second = await measureCommand(page);
    return { firstMs: first.ms, firstText: first.text, secondMs: second.ms, secondText: second.text };
  } finally {
    await wb?.close();
    await server.stop();
  }
}

if (!fs.existsSync(CODE_SERVER_MARKER)) {
  console.log(JSON.stringify({ skipped: 'the code-server stand-in is not installed (bash scripts/install-code-server.sh)' }));
  process.exit(0);
}
const rounds = [];
for (let i = 0; i < Number(roundsArg); i++) rounds.push(await round());
console.log(JSON.stringify({ delayMs: DELAY, rounds }));
process.exit(0);
