// Browser-driven UI test: the real workbench (code-server + chromium), the
// extension loaded with extensionDevelopmentPath only (no test runner inside).
// Runs Batch Process Workspace from the command palette, waits for the status bar
// item's idle summary, opens the Batch Operations view and checks the Results
// tree, then saves screenshots of the tree and the status bar in test-results/.
//
//   node test/integration/ui/workbench.mjs     (run.mjs runs it after the suites)
//   BOM_HEADFUL=1 / BOM_STANDIN_VERBOSE=1       see the harness
import fs from 'node:fs';
import path from 'node:path';
import { openWorkbench, waitForWorkbench, runFromPalette, STATUS_ITEM } from '../harness/browser.mjs';
import { PROJECT_ROOT } from '../harness/paths.mjs';
import { startServer } from '../harness/server.mjs';

const TAG = '[ui]';
const WORKSPACE = path.join(PROJECT_ROOT, 'test', 'fixtures', 'workspace-a');
const OUT = path.join(PROJECT_ROOT, 'test-results');
const TIMEOUT = 60000;
const verbose = process.env.BOM_STANDIN_VERBOSE === '1';

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const server = await startServer({ workspace: WORKSPACE, verbose, settings: { 'workbench.localHistory.enabled': false } });
  let wb;
  try {
    const url = server.url(WORKSPACE, [['extensionDevelopmentPath', server.remoteUri(PROJECT_ROOT)]]);
    wb = await openWorkbench({ url, onBrowserLog: verbose ? (m) => process.stderr.write(`[browser] ${m}\n`) : undefined });
    const { page } = wb;
    await waitForWorkbench(page, TIMEOUT);

    // The item appears at start-up (onStartupFinished) before any run.
    const status = page.locator(STATUS_ITEM);
    await status.waitFor({ state: 'visible', timeout: TIMEOUT });
    console.log(`${TAG} status bar item at start-up: "${(await status.innerText()).trim()}"`);

    await page.locator('.monaco-workbench').click({ position: { x: 640, y: 300 } }).catch(() => {});
    await runFromPalette(page, 'Batch Process Workspace', TIMEOUT);

    // Finished: the item shows the idle summary "<n> docs" (while running it says "<p>% · <n> docs/s · ...").
    await page.waitForFunction(
      (sel) => /^\s*\d[\d,]* docs\s*$/.test(document.querySelector(sel)?.textContent ?? ''),
      STATUS_ITEM,
      { timeout: TIMEOUT },
    );
    const statusText = (await status.innerText()).trim();
    console.log(`${TAG} status bar item after the run: "${statusText}"`);
    if (!/^\d[\d,]* docs$/.test(statusText)) throw new Error(`unexpected status bar text "${statusText}"`);

    // Open the view container from the activity bar.
    const activity = page.locator('.activitybar .action-item a[aria-label^="Batch Operations"], .activitybar .action-label[aria-label^="Batch Operations"]').first();
    await activity.click({ timeout: TIMEOUT });
    const sidebar = page.locator('.part.sidebar');
    await sidebar.locator('.pane-header', { hasText: 'Results' }).waitFor({ state: 'visible', timeout: TIMEOUT });

    // The Results tree: workspace-a is expanded; documents say how many words.
    const wordsRow = sidebar.locator('.monaco-list-row', { has: page.locator('.label-description', { hasText: /words/ }) }).first();
    await wordsRow.waitFor({ state: 'visible', timeout: TIMEOUT });
    const rowText = (await wordsRow.innerText()).replace(/\s+/g, ' ').trim();
    console.log(`${TAG} results row: "${rowText}"`);
    if (!/[\d,]+ words · [\d.]+ min/.test(rowText)) throw new Error(`unexpected results row "${rowText}"`);
    const runRow = sidebar.locator('.monaco-list-row', { hasText: 'State' }).first();
    await runRow.waitFor({ state: 'visible', timeout: TIMEOUT });
    console.log(`${TAG} run row: "${(await runRow.innerText()).replace(/\s+/g, ' ').trim()}"`);

    // Expand notes.md to show its markers in the picture.
    const notes = sidebar.locator('.monaco-list-row', { hasText: 'notes.md' }).first();
    await notes.click();
    await page.keyboard.press('ArrowRight');
    await sidebar.locator('.monaco-list-row', { hasText: 'FIXME' }).first().waitFor({ state: 'visible', timeout: TIMEOUT });

    const treePng = path.join(OUT, 'ui-tree.png');
    const statusPng = path.join(OUT, 'ui-statusbar.png');
    const windowPng = path.join(OUT, 'ui-workbench.png');
    await sidebar.screenshot({ path: treePng });
    await status.hover();
    await page.locator('.monaco-hover, .workbench-hover').first().waitFor({ state: 'visible', timeout: 10000 }).catch(() => {});
    await page.locator('.part.statusbar').screenshot({ path: statusPng });
    await page.screenshot({ path: windowPng });
    // The Results view grouped by rule: workspace-a's README links to a fragment docs/guide.md does not have.
    await runFromPalette(page, 'Batch: Group Findings by Rule', TIMEOUT);
    const ruleRow = sidebar.locator('.monaco-list-row', { hasText: /Missing fragment in file \(1\)/ }).first();
    await ruleRow.waitFor({ state: 'visible', timeout: TIMEOUT });
    await ruleRow.click();
    await page.keyboard.press('ArrowRight');
    const readmeRow = sidebar.locator('.monaco-list-row', { hasText: 'README.md' }).first();
    await readmeRow.waitFor({ state: 'visible', timeout: TIMEOUT });
    await readmeRow.click();
    await page.keyboard.press('ArrowRight');
    await sidebar.locator('.monaco-list-row', { hasText: /getting-startd/ }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
    console.log(`${TAG} grouped by rule: "${(await ruleRow.innerText()).replace(/\s+/g, ' ').trim()}"`);
    const byRulePng = path.join(OUT, 'ui-by-rule.png');
    await sidebar.screenshot({ path: byRulePng });
    await runFromPalette(page, 'Batch: Group Findings by File', TIMEOUT);
    console.log(`${TAG} screenshots:\n  ${treePng}\n  ${statusPng}\n  ${windowPng}\n  ${byRulePng}`);
    console.log(`${TAG} ok`);
    return 0;
  } catch (err) {
    console.error(`${TAG} FAILED: ${err.stack || err.message}`);
    if (wb) await wb.page.screenshot({ path: path.join(OUT, 'ui-failure.png') }).catch(() => {});
    if (wb) console.error(`${TAG} failure screenshot: ${path.join(OUT, 'ui-failure.png')}`);
    return 1;
  } finally {
    await wb?.close();
    await server.stop();
  }
}

main().then((code) => process.exit(code), (err) => {
  console.error(`${TAG} error: ${err.stack || err}`);
  process.exit(1);
});
