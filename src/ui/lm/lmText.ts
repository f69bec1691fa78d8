// What the language-model commands tell the user: the confirmation before anything
// is sent, why a run stopped and what to do, and that no model matched. Editor-free
// (unit tests pass englishL10n), its strings in l10n.t('...') calls the l10n
// extractor finds (see ../l10n.ts); the decisions they describe are in
// ../decisions/lm.ts.
import type * as _vscode from 'vscode';
import type { ModelErrorKind } from '../../operations/review/model';
import { selectorText, type Estimate, type LmConfirmation, type LmSettings, type ModelCandidate } from '../decisions/lm';
import { englishL10n, type L10n } from '../l10n';

const num = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * The confirmation's text: the model, the number of documents, the estimated
 * tokens, and whether every document fits one request (else how many requests
 * after splitting), in the user's language.
 */
export function confirmationOf(operation: 'review' | 'enhance', model: ModelCandidate, estimate: Estimate, instruction?: string, l10n: L10n = englishL10n): LmConfirmation {
  const name = model.name || model.id;
  const message =
    operation === 'review'
      ? estimate.documents === 1
        ? l10n.t('Review 1 document with {0}?', name)
        : l10n.t('Review {0} documents with {1}?', num(estimate.documents), name)
      : estimate.documents === 1
        ? l10n.t('Enhance 1 document with {0}?', name)
        : l10n.t('Enhance {0} documents with {1}?', num(estimate.documents), name);
  const fits = estimate.fitsOneRequestEach
    ? estimate.requests === 1
      ? l10n.t('The document fits one request ({0} of {1} tokens).', num(estimate.largestRequestTokens), num(model.maxInputTokens))
      : l10n.t('Each document fits one request (largest {0} of {1} tokens): {2} requests.', num(estimate.largestRequestTokens), num(model.maxInputTokens), num(estimate.requests))
    : estimate.documents === 1
      ? l10n.t('The document does not fit one request of {0} tokens: split into {1} requests.', num(model.maxInputTokens), num(estimate.requests))
      : l10n.t('Not every document fits one request of {0} tokens: split into {1} requests for {2} documents.', num(model.maxInputTokens), num(estimate.requests), num(estimate.documents));
  const detail = [
    l10n.t('Model: {0} ({1})', name, model.vendor),
    ...(instruction ? [l10n.t('Instruction: {0}', instruction)] : []),
    l10n.t('Documents: {0}', num(estimate.documents)),
    l10n.t('Estimated tokens sent: {0}', num(estimate.tokens)),
    fits,
    l10n.t('The text of these documents is sent to this model. Nothing is sent until you confirm.'),
  ].join('\n');
  return {
    operation,
    model: name,
    vendor: model.vendor,
    maxInputTokens: model.maxInputTokens,
    ...estimate,
    ...(instruction ? { instruction } : {}),
    message,
    detail,
  };
}

/** Why a run stopped and what to do, for a model error that stops it; undefined for the kinds that do not. */
export function stopAdvice(kind: ModelErrorKind, model: string, l10n: L10n = englishL10n): string | undefined {
  if (kind === 'no-permissions')
    return l10n.t(
      'Batch Operations stopped: {0} refused the request (no permission to use it). Allow it (Accounts menu → Manage Language Model Access, or the consent prompt), or choose another model with batchOperations.lm.vendor / batchOperations.lm.family.',
      model,
    );
  if (kind === 'not-found') return l10n.t('Batch Operations stopped: {0} is no longer available (its provider was removed or signed out). Sign in again, or change batchOperations.lm.vendor / batchOperations.lm.family.', model);
  return undefined;
}

/** Nothing matched the settings. */
export function noModelMessage(s: Pick<LmSettings, 'vendor' | 'family'>, l10n: L10n = englishL10n): string {
  return l10n.t(
    'No language model is available ({0}): install and sign in to a language model provider (such as GitHub Copilot), or change batchOperations.lm.vendor / batchOperations.lm.family.',
    selectorText(s),
  );
}

/** Enhance's patches not applied to documents that changed since the model saw them. */
export function notPatchedText(documents: number, l10n: L10n): string {
  return documents === 1
    ? l10n.t('1 document changed since the model saw it and was not patched. Run Enhance again for it.')
    : l10n.t('{0} documents changed since the model saw them and were not patched. Run Enhance again for them.', documents);
}
