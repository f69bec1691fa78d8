// Open the VS Code web workbench in Debian's chromium, driven by playwright-core.
//
//   const wb = await openWorkbench({ url: server.url(folder) });
//   await wb.page.locator('.monaco-workbench').waitFor();
//   await wb.close();
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './paths.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * @param {object} opts
 * @param {string} opts.url workbench URL (server.url(...))
 * @param {Record<string, Function>} [opts.expose] page functions exposed before navigation
 *   (e.g. codeAutomationLog / codeAutomationExit for extension tests)
 * @param {boolean} [opts.headless] default true (BOM_HEADFUL=1 turns it off)
 * @param {{width:number,height:number}} [opts.viewport] default 1280x800
 * @param {(msg: string) => void} [opts.onBrowserLog] receives the page's console messages
 * @param {(reason: string) => void} [opts.onCrash] page crashed / browser gone
 * @param {number} [opts.navigationTimeoutMs] default 60 s
 * @returns {Promise<{page: import('playwright-core').Page, context: import('playwright-core').BrowserContext, close: () => Promise<void>}>}
 */
export async function openWorkbench(opts) {
  const profileDir = fs.mkdtempSync(path.join('/tmp', 'bom-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? process.env.BOM_HEADFUL !== '1',
    args: CHROMIUM_ARGS,
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    env: { ...process.env, TMPDIR: profileDir },
    timeout: 60000,
    // Playwright would otherwise exit(130) on SIGINT before our cleanup runs.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await Promise.race([
      context.close().catch(() => {}),
      new Promise((r) => setTimeout(r, 10000)),
    ]);
    // If chromium hung on close, make sure it's gone.
    const proc = context.browser()?.process?.();
    try { proc?.kill('SIGKILL'); } catch { /* gone */ }
    fs.rmSync(profileDir, { recursive: true, force: true, maxRetries: 3 });
  };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    for (const [name, fn] of Object.entries(opts.expose ?? {})) {
      await page.exposeFunction(name, fn);
    }
    if (opts.onBrowserLog) {
      page.on('console', (m) => opts.onBrowserLog(`${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => opts.onBrowserLog(`pageerror: ${e.stack || e.message}`));
    }
    if (opts.onCrash) {
      page.on('crash', () => opts.onCrash('the workbench page crashed'));
      context.on('close', () => { if (!closed) opts.onCrash('the browser closed unexpectedly'); });
    }
    await page.goto(opts.url, { timeout: opts.navigationTimeoutMs ?? 60000, waitUntil: 'domcontentloaded' });
    return { page, context, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Wait until the workbench UI is rendered (for UI-driving tests). */
export async function waitForWorkbench(page, timeoutMs = 60000) {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
}

/** The Batch Operations status bar item. */
export const STATUS_ITEM = '[id="batch-operations.batch-operations.batchOperations.status"]';

/** Runs a command from the command palette: waits until it is the highlighted entry, then presses Enter. */
export async function runFromPalette(page, text, timeoutMs = 60000) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input[type="text"]');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(`>${text}`);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: text }).first().waitFor({ state: 'visible', timeout: timeoutMs });
  await page.keyboard.press('Enter');
}
