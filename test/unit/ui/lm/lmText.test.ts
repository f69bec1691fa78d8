// What the language-model commands tell the user (src/ui/lm/lmText.ts).
import assert from 'node:assert/strict';
import { englishL10n, type L10n } from '../../../../src/ui/l10n';
import { confirmationOf, noModelMessage, notPatchedText, stopAdvice } from '../../../../src/ui/lm/lmText';

const model = { id: 'gpt-4o', name: 'GPT-4o', vendor: 'copilot', family: 'gpt-4o', maxInputTokens: 64000 };

describe('language-model texts', () => {
  it('says what to do when nothing matches, naming the selector', () => {
    assert.match(noModelMessage({ vendor: 'copilot' }), /^No language model is available \(vendor "copilot"\): install and sign in .* change batchOperations\.lm\.vendor/);
    assert.match(noModelMessage({}), /\(any vendor\)/);
  });

  it('stop advice for the kinds that stop a run, none for the others', () => {
    assert.match(stopAdvice('no-permissions', 'GPT-4o')!, /GPT-4o refused .* Manage Language Model Access/);
    assert.match(stopAdvice('not-found', 'GPT-4o')!, /no longer available/);
    assert.equal(stopAdvice('blocked', 'GPT-4o'), undefined);
  });
});

describe('the confirmation', () => {
  it('names the model, the documents, the tokens, and that each fits one request', () => {
    const c = confirmationOf('review', model, { documents: 12, tokens: 34567, requests: 12, largestRequestTokens: 5000, fitsOneRequestEach: true });
    assert.equal(c.message, 'Review 12 documents with GPT-4o?');
    assert.equal(
      c.detail,
      [
        'Model: GPT-4o (copilot)',
        'Documents: 12',
        'Estimated tokens sent: 34,567',
        'Each document fits one request (largest 5,000 of 64,000 tokens): 12 requests.',
        'The text of these documents is sent to this model. Nothing is sent until you confirm.',
      ].join('\n'),
    );
  });
  it('says how many requests after splitting, and the instruction for Enhance', () => {
    const c = confirmationOf('enhance', model, { documents: 1, tokens: 200000, requests: 4, largestRequestTokens: 63000, fitsOneRequestEach: false }, 'Fix spelling');
    assert.equal(c.message, 'Enhance 1 document with GPT-4o?');
    assert.match(c.detail, /Instruction: Fix spelling/);
    assert.match(c.detail, /The document does not fit one request of 64,000 tokens: split into 4 requests\./);
    assert.equal(c.instruction, 'Fix spelling');
  });
  it('says one document in the singular, for either operation', () => {
    const one = { documents: 1, tokens: 10, requests: 1, largestRequestTokens: 10, fitsOneRequestEach: true };
    const three = { ...one, documents: 3, requests: 3 };
    assert.equal(confirmationOf('review', model, one).message, 'Review 1 document with GPT-4o?');
    assert.equal(confirmationOf('review', model, three).message, 'Review 3 documents with GPT-4o?');
    assert.equal(confirmationOf('enhance', model, three, 'Shorten').message, 'Enhance 3 documents with GPT-4o?');
    assert.match(confirmationOf('review', model, one).detail, /^The document fits one request \(10 of 64,000 tokens\)\.$/m);
    const split = { documents: 3, tokens: 300000, requests: 7, largestRequestTokens: 63000, fitsOneRequestEach: false };
    assert.match(confirmationOf('review', model, split).detail, /^Not every document fits one request of 64,000 tokens: split into 7 requests for 3 documents\.$/m);
  });

  it('says which documents Enhance did not patch, in the singular or the plural', () => {
    assert.equal(notPatchedText(1, englishL10n), '1 document changed since the model saw it and was not patched. Run Enhance again for it.');
    assert.equal(notPatchedText(4, englishL10n), '4 documents changed since the model saw them and were not patched. Run Enhance again for them.');
  });

  it('goes through the translation function it is given', () => {
    const marked: L10n = { t: ((tpl: string, ...args: string[]) => `«${englishL10n.t(tpl, ...args)}»`) as L10n['t'] };
    const c = confirmationOf('review', model, { documents: 2, tokens: 10, requests: 2, largestRequestTokens: 5, fitsOneRequestEach: true }, undefined, marked);
    assert.equal(c.message, '«Review 2 documents with GPT-4o?»');
    assert.ok(c.detail.split('\n').every((line) => line.startsWith('«') && line.endsWith('»')), 'every line of the detail');
    assert.equal(stopAdvice('not-found', 'GPT-4o', marked)?.startsWith('«'), true);
    assert.equal(noModelMessage({}, marked).startsWith('«'), true);
  });
});
