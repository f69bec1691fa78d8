// Browser-driven UI pictures of Review with Language Model: the real workbench
// (code-server + chromium) with our extension and the fake chat model
// (test/fixtures/fake-lm-extension) loaded for development. Runs "Batch: Review
// with Language Model" from the command palette over workspace-a plus a scratch
// document the fake model questions, screenshots the modal confirmation (model,
// documents, tokens), sends, and screenshots the findings in the Results view.
//
//   node test/integration/ui/lm.mjs     (run.mjs runs it after workbench.mjs)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkbench, waitForWorkbench, runFromPalette, STATUS_ITEM } from '../harness/browser.mjs';
import { PROJECT_ROOT } from '../harness/paths.mjs';
import { startServer } from '../harness/server.mjs';

const TAG = '[ui-lm]';
const WORKSPACE = path.join(PROJECT_ROOT, 'test', 'fixtures', 'workspace-a');
const SCRATCH = path.join(WORKSPACE, 'tmp-ui-lm');
const FAKE_LM = path.join(PROJECT_ROOT, 'test', 'fixtures', 'fake-lm-extension');
const OUT = path.join(PROJECT_ROOT, 'test-results');
const TIMEOUT = 60000;
const verbose = process.env.BOM_STANDIN_VERBOSE === '1';

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  fs.rmSync(SCRATCH, { recursive: true, force: true });
  fs.mkdirSync(SCRATCH, { recursive: true });
  fs.writeFileSync(path.join(SCRATCH, 'draft.md'), '# Draft\n\nThe moon is made of cheese. REVIEW-ME\n\nAll good here.\n\nREVIEW-ME: is this sentence clear?\n');
  const server = await startServer({ workspace: WORKSPACE, verbose, settings: { 'workbench.localHistory.enabled': false }, extraArgs: ['--enable-proposed-api', 'batch-operations-tests.fake-lm'] });
  // code-server loads one development extension per window: two are served as a folder of links (as harness/stand-in.mjs does).
  const devFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'bom-dev-'));
  fs.symlinkSync(PROJECT_ROOT, path.join(devFolder, '0-batch-operations'), 'dir');
  fs.symlinkSync(FAKE_LM, path.join(devFolder, '1-fake-lm'), 'dir');
  let wb;
  try {
    const url = server.url(WORKSPACE, [['extensionDevelopmentPath', server.remoteUri(devFolder)]]);
    wb = await openWorkbench({ url, onBrowserLog: verbose ? (m) => process.stderr.write(`[browser] ${m}\n`) : undefined });
    const { page } = wb;
    await waitForWorkbench(page, TIMEOUT);
    await page.locator(STATUS_ITEM).waitFor({ state: 'visible', timeout: TIMEOUT });
    await page.locator('.monaco-workbench').click({ position: { x: 640, y: 300 } }).catch(() => {});

    await runFromPalette(page, 'Batch: Review with Language Model', TIMEOUT);
    // The modal confirmation: the model, the documents, the estimated tokens, whether each fits one request.
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: TIMEOUT });
    const text = (await dialog.innerText()).replace(/\s+/g, ' ').trim();
    console.log(`${TAG} confirmation: "${text}"`);
    for (const want of [/Review \d+ documents with Fake LM\?/, /Model: Fake LM \(fake-lm\)/, /Estimated tokens sent: [\d,]+/, /fits one request/]) {
      if (!want.test(text)) throw new Error(`the confirmation lacks ${want}: "${text}"`);
    }
    const confirmPng = path.join(OUT, 'ui-review-confirm.png');
    await page.screenshot({ path: confirmPng });
    await dialog.locator('.monaco-button', { hasText: 'Send to Fake LM' }).first().click();

    // Done: the summary message; then the Results view with the scratch document's findings.
    await page.locator('.notifications-toasts .notification-toast', { hasText: /Review: \d+ finding/ }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
    const activity = page.locator('.activitybar .action-item a[aria-label^="Batch Operations"], .activitybar .action-label[aria-label^="Batch Operations"]').first();
    await activity.click({ timeout: TIMEOUT });
    const sidebar = page.locator('.part.sidebar');
    await sidebar.locator('.pane-header', { hasText: 'Results' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    const folderRow = sidebar.locator('.monaco-list-row', { hasText: 'tmp-ui-lm' }).first();
    await folderRow.waitFor({ state: 'visible', timeout: TIMEOUT });
    if ((await folderRow.getAttribute('aria-expanded')) !== 'true') {
      await folderRow.click();
      await page.keyboard.press('ArrowRight');
    }
    const draft = sidebar.locator('.monaco-list-row', { hasText: 'draft.md' }).first();
    await draft.waitFor({ state: 'visible', timeout: TIMEOUT });
    if ((await draft.getAttribute('aria-expanded')) !== 'true') {
      await draft.click();
      await page.keyboard.press('ArrowRight');
    }
    const finding = sidebar.locator('.monaco-list-row', { hasText: 'The fake model questions this line.' }).first();
    await finding.waitFor({ state: 'visible', timeout: TIMEOUT });
    console.log(`${TAG} results row: "${(await draft.innerText()).replace(/\s+/g, ' ').trim()}"; finding: "${(await finding.innerText()).replace(/\s+/g, ' ').trim()}"`);
    const resultsPng = path.join(OUT, 'ui-review-results.png');
    await page.screenshot({ path: resultsPng });
    console.log(`${TAG} screenshots:\n  ${confirmPng}\n  ${resultsPng}`);
    console.log(`${TAG} ok`);
    return 0;
  } catch (err) {
    console.error(`${TAG} FAILED: ${err.stack || err.message}`);
    if (wb) await wb.page.screenshot({ path: path.join(OUT, 'ui-lm-failure.png') }).catch(() => {});
    return 1;
  } finally {
    await wb?.close();
    await server.stop();
    fs.rmSync(SCRATCH, { recursive: true, force: true });
    fs.rmSync(devFolder, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (err) => {
  console.error(`${TAG} error: ${err.stack || err}`);
  process.exit(1);
});
