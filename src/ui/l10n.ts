// The translation function the editor-free text modules take (memoryText.ts,
// lm/lmText.ts): vscode.l10n in the editor, englishL10n in unit tests. Each such
// module calls it as `l10n.t('literal', ...)` and imports vscode for nothing but
// the extractor (`import type * as _vscode`, erased when compiled): `npm run l10n`
// reads l10n.t(...) calls only in files that import vscode, and a string passed
// through a wrapper (`t(...)`) never reaches l10n/bundle.l10n.json, so no
// translator would ever see it (the language-model commands' strings did not).
import type * as vscode from 'vscode';

/** vscode.l10n in the editor; englishL10n in tests. */
export type L10n = Pick<typeof vscode.l10n, 't'>;

/** English with {0} placeholders filled: what vscode.l10n.t does with no bundle. */
export const englishL10n: L10n = {
  t: ((message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m))) as L10n['t'],
};
