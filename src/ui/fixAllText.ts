// What Fix All tells the user: the documents it left alone because they changed
// since they were analysed, and what it fixed. Whole sentences per number, not
// "document(s)": a translator gets each form, and English reads as English.
// Loads without an editor (unit tests): the glue passes vscode.l10n, tests pass
// englishL10n (see l10n.ts for why the type-only import of vscode).
import type * as _vscode from 'vscode';
import type { L10n } from './l10n';

/** Documents not fixed because they changed since they were analysed (they are analysed again). */
export function staleText(documents: number, l10n: L10n): string {
  return documents === 1
    ? l10n.t('1 document changed since it was analysed and was not fixed; it is being analysed again. Run Fix All again afterwards.')
    : l10n.t('{0} documents changed since they were analysed and were not fixed; they are being analysed again. Run Fix All again afterwards.', documents);
}

/** What was fixed: problems in documents, and documents fixed only in part (fixes left unticked in the preview). */
export function fixedText(done: { readonly problems: number; readonly documents: number; readonly partly: number }, l10n: L10n): string {
  const { problems, documents, partly } = done;
  if (partly === 0) {
    if (documents === 1) {
      return problems === 1 ? l10n.t('Batch Operations: fixed 1 problem in 1 document.') : l10n.t('Batch Operations: fixed {0} problems in 1 document.', problems);
    }
    return l10n.t('Batch Operations: fixed {0} problems in {1} documents.', problems, documents);
  }
  if (documents === 1) {
    return problems === 1
      ? l10n.t('Batch Operations: fixed 1 problem in 1 document, and some of the problems in {0} more (the fixes left unticked in the preview were not applied).', partly)
      : l10n.t('Batch Operations: fixed {0} problems in 1 document, and some of the problems in {1} more (the fixes left unticked in the preview were not applied).', problems, partly);
  }
  if (documents === 0) {
    return l10n.t('Batch Operations: fixed some of the problems in {0} documents (the fixes left unticked in the preview were not applied).', partly);
  }
  return l10n.t('Batch Operations: fixed {0} problems in {1} documents, and some of the problems in {2} more (the fixes left unticked in the preview were not applied).', problems, documents, partly);
}
