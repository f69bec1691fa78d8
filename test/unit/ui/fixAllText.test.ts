// What Fix All tells the user, in whole sentences for each number (src/ui/fixAllText.ts).
import assert from 'node:assert/strict';
import { englishL10n, type L10n } from '../../../src/ui/l10n';
import { fixedText, staleText } from '../../../src/ui/fixAllText';

const unticked = '(the fixes left unticked in the preview were not applied).';

describe('Fix All texts', () => {
  it('says which documents changed since they were analysed, in the singular or the plural', () => {
    assert.equal(staleText(1, englishL10n), '1 document changed since it was analysed and was not fixed; it is being analysed again. Run Fix All again afterwards.');
    assert.equal(staleText(3, englishL10n), '3 documents changed since they were analysed and were not fixed; they are being analysed again. Run Fix All again afterwards.');
  });

  it('says what it fixed, each number in its own form', () => {
    const cases: [number, number, number, string][] = [
      [1, 1, 0, 'Batch Operations: fixed 1 problem in 1 document.'],
      [4, 1, 0, 'Batch Operations: fixed 4 problems in 1 document.'],
      [9, 3, 0, 'Batch Operations: fixed 9 problems in 3 documents.'],
      [1, 1, 2, `Batch Operations: fixed 1 problem in 1 document, and some of the problems in 2 more ${unticked}`],
      [5, 1, 1, `Batch Operations: fixed 5 problems in 1 document, and some of the problems in 1 more ${unticked}`],
      [7, 2, 3, `Batch Operations: fixed 7 problems in 2 documents, and some of the problems in 3 more ${unticked}`],
      [0, 0, 2, `Batch Operations: fixed some of the problems in 2 documents ${unticked}`],
    ];
    for (const [problems, documents, partly, text] of cases) assert.equal(fixedText({ problems, documents, partly }, englishL10n), text);
  });

  it('goes through the translation function it is given', () => {
    const marked: L10n = { t: ((tpl: string, ...args: string[]) => `«${englishL10n.t(tpl, ...args)}»`) as L10n['t'] };
    assert.equal(staleText(2, marked).startsWith('«'), true);
    assert.equal(fixedText({ problems: 1, documents: 1, partly: 0 }, marked).startsWith('«'), true);
  });
});
