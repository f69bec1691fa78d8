// Browser-driven UI picture of Fix All's refactor preview: the real workbench
// (code-server + chromium) with our extension loaded for development, opened on a
// scratch folder inside workspace-a (tmp-ui-fix, removed after) whose Markdown
// files have fixable problems: trailing spaces (MD009), multiple blank lines
// (MD012) and a link to a misspelled file (links/missing-file). Runs "Batch Process
// Workspace", waits for the status bar's idle summary, runs "Batch: Fix All in
// Workspace", waits for VS Code's Refactor Preview panel, groups it by type (the
// rule labels of decisions/fixAll.ts), checks the labels and screenshots it
// (test-results/ui-fix-preview.png); ticks the files (entries needing confirmation
// start unticked), screenshots again (ui-fix-preview-checked.png), presses Apply
// and checks the files on disk.
// The scratch folder is the workspace so that Fix All in Workspace touches nothing else.
//
//   node test/integration/ui/fix-preview.mjs     (run.mjs runs it after lm.mjs)
import fs from 'node:fs';
import path from 'node:path';
import { openWorkbench, waitForWorkbench, runFromPalette, STATUS_ITEM } from '../harness/browser.mjs';
import { PROJECT_ROOT } from '../harness/paths.mjs';
import { startServer } from '../harness/server.mjs';

const TAG = '[ui-fix-preview]';
const SCRATCH = path.join(PROJECT_ROOT, 'test', 'fixtures', 'workspace-a', 'tmp-ui-fix');
const OUT = path.join(PROJECT_ROOT, 'test-results');
const TIMEOUT = 60000;
const verbose = process.env.BOM_STANDIN_VERBOSE === '1';

/** The scratch files, and what Fix All makes of them. */
const FILES = {
  'trailing.md': {
    before: '# Trailing\n\nA line with trailing spaces.   \nAnother one. \n',
    after: '# Trailing\n\nA line with trailing spaces.\nAnother one.\n',
  },
  'blanks.md': {
    before: '# Blanks\n\nFirst paragraph.\n\n\n\nSecond paragraph.\n',
    after: '# Blanks\n\nFirst paragraph.\n\nSecond paragraph.\n',
  },
  'links.md': {
    before: '# Links\n\nSee [the guide](guide.md) and [the other guide](guid.md).\n',
    after: '# Links\n\nSee [the guide](guide.md) and [the other guide](guide.md).\n',
  },
  'guide.md': { before: '# Guide\n', after: '# Guide\n' },
};
/** The refactor preview's groups (decisions/fixAll.ts fixGroupLabel). */
const LABELS = ['MD009/no-trailing-spaces: Trailing spaces', 'MD012/no-multiple-blanks: Multiple consecutive blank lines', 'Missing file (missing-file)'];

/** Resolves when every file has its fixed content on disk (checked on each change of the folder). */
function filesFixed(timeoutMs) {
  const fixed = () => Object.entries(FILES).every(([name, { after }]) => fs.readFileSync(path.join(SCRATCH, name), 'utf8') === after);
  return new Promise((resolve, reject) => {
    const watcher = fs.watch(SCRATCH, () => {
      if (fixed()) done();
    });
    const timer = setTimeout(() => {
      watcher.close();
      const now = Object.fromEntries(Object.keys(FILES).map((name) => [name, fs.readFileSync(path.join(SCRATCH, name), 'utf8')]));
      reject(new Error(`the files were not fixed on disk: ${JSON.stringify(now)}`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      watcher.close();
      resolve();
    };
    if (fixed()) done();
  });
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  fs.rmSync(SCRATCH, { recursive: true, force: true });
  fs.mkdirSync(SCRATCH, { recursive: true });
  for (const [name, { before }] of Object.entries(FILES)) fs.writeFileSync(path.join(SCRATCH, name), before);
  const server = await startServer({ workspace: SCRATCH, verbose, settings: { 'workbench.localHistory.enabled': false } });
  let wb;
  try {
    const url = server.url(SCRATCH, [['extensionDevelopmentPath', server.remoteUri(PROJECT_ROOT)]]);
    wb = await openWorkbench({ url, onBrowserLog: verbose ? (m) => process.stderr.write(`[browser] ${m}\n`) : undefined });
    const { page } = wb;
    await waitForWorkbench(page, TIMEOUT);
    const status = page.locator(STATUS_ITEM);
    await status.waitFor({ state: 'visible', timeout: TIMEOUT });
    await page.locator('.monaco-workbench').click({ position: { x: 640, y: 300 } }).catch(() => {});

    // Analyse the scratch workspace; finished when the status bar item shows its idle summary "<n> docs".
    await runFromPalette(page, 'Batch Process Workspace', TIMEOUT);
    await page.waitForFunction((sel) => /^\s*\d[\d,]* docs\s*$/.test(document.querySelector(sel)?.textContent ?? ''), STATUS_ITEM, { timeout: TIMEOUT });
    console.log(`${TAG} status bar item after the run: "${(await status.innerText()).trim()}"`);

    // Fix All: one WorkspaceEdit whose entries need confirmation, so VS Code shows the Refactor Preview panel.
    await runFromPalette(page, 'Batch: Fix All in Workspace', TIMEOUT);
    const preview = page.locator('.bulk-edit-panel[data-state="data"]');
    await preview.waitFor({ state: 'visible', timeout: TIMEOUT });
    await preview.locator('.monaco-list-row', { hasText: 'trailing.md' }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
    // Room for every group: the panel maximised.
    await page.locator('.part.panel .action-label[aria-label^="Maximize Panel Size"]').first().click({ timeout: TIMEOUT });
    await page.locator('.part.panel .action-label[aria-label^="Restore Panel Size"]').first().waitFor({ state: 'visible', timeout: TIMEOUT });
    // By default the preview groups the changes by file; the rule labels are its groups by type.
    await page.locator('.part.panel .action-label[aria-label="Group Changes By Type"]').first().click({ timeout: TIMEOUT });
    const categories = preview.locator('.monaco-tl-contents.category');
    await categories.filter({ hasText: LABELS[0] }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
    // Each rule's group expanded: its files and their changes.
    for (const label of LABELS) {
      const row = preview.locator('.monaco-list-row', { has: page.locator('.monaco-tl-contents.category', { hasText: label }) }).first();
      await row.waitFor({ state: 'visible', timeout: TIMEOUT });
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
      await preview.locator('.monaco-list-row[aria-expanded="true"]', { has: page.locator('.monaco-tl-contents.category', { hasText: label }) }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
    }
    const shown = (await categories.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    console.log(`${TAG} preview groups: ${JSON.stringify(shown)}`);
    for (const label of LABELS) {
      if (!shown.some((t) => t.includes(label))) throw new Error(`the refactor preview lacks the group "${label}": ${JSON.stringify(shown)}`);
    }
    const fileRow = (name) => preview.locator('.monaco-list-row', { has: page.locator('.monaco-tl-contents:not(.textedit)', { hasText: name }) }).first();
    for (const name of ['trailing.md', 'blanks.md', 'links.md']) await fileRow(name).waitFor({ state: 'visible', timeout: TIMEOUT });
    // Every change's row, links.md's last (the preview renders each change's line once its document is read).
    await preview.locator('.monaco-tl-contents.textedit', { hasText: 'guid.md' }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
    await page.waitForFunction((el) => el.querySelectorAll('.monaco-tl-contents.textedit').length === 5, await preview.elementHandle(), { timeout: TIMEOUT });
    const rows = (await preview.locator('.monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    console.log(`${TAG} preview rows:\n  ${rows.join('\n  ')}`);
    // Entries that need confirmation start unticked in VS Code's preview: nothing is applied until the user ticks them.
    const boxes = preview.locator('input.edit-checkbox');
    const ticked = await boxes.evaluateAll((els) => els.map((e) => e.checked));
    console.log(`${TAG} checkboxes at first: ${ticked.filter(Boolean).length} of ${ticked.length} ticked`);
    if (ticked.length !== 8 || ticked.some(Boolean)) throw new Error(`expected 8 unticked checkboxes (3 files, 5 changes): ${JSON.stringify(ticked)}`);
    const previewPng = path.join(OUT, 'ui-fix-preview.png');
    await page.screenshot({ path: previewPng });

    // Tick each file (under its rule), as a user accepts the changes; every checkbox is then ticked.
    for (const name of ['trailing.md', 'blanks.md', 'links.md']) await fileRow(name).locator('input.edit-checkbox').check({ timeout: TIMEOUT });
    await page.waitForFunction((el) => [...el.querySelectorAll('input.edit-checkbox')].every((e) => e.checked), await preview.elementHandle(), { timeout: TIMEOUT });
    const checkedPng = path.join(OUT, 'ui-fix-preview-checked.png');
    await page.screenshot({ path: checkedPng });

    // Apply: the files change on disk (the command saves what the edit opened), and it says what it fixed.
    const onDisk = filesFixed(TIMEOUT);
    await preview.locator('.buttons .monaco-button', { hasText: 'Apply' }).first().click();
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: /fixed \d+ problems? in \d+ documents?\./ }).first();
    await toast.waitFor({ state: 'visible', timeout: TIMEOUT });
    console.log(`${TAG} message: "${(await toast.innerText()).replace(/\s+/g, ' ').trim()}"`);
    await onDisk;
    console.log(`${TAG} files fixed on disk: ${Object.keys(FILES).join(', ')}`);
    console.log(`${TAG} screenshots:\n  ${previewPng}\n  ${checkedPng}`);
    console.log(`${TAG} ok`);
    return 0;
  } catch (err) {
    console.error(`${TAG} FAILED: ${err.stack || err.message}`);
    if (wb) await wb.page.screenshot({ path: path.join(OUT, 'ui-fix-preview-failure.png') }).catch(() => {});
    if (wb) console.error(`${TAG} failure screenshot: ${path.join(OUT, 'ui-fix-preview-failure.png')}`);
    return 1;
  } finally {
    await wb?.close();
    await server.stop();
    fs.rmSync(SCRATCH, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (err) => {
  console.error(`${TAG} error: ${err.stack || err}`);
  process.exit(1);
});
