import assert from 'node:assert/strict';
import { chooseModel, DEFAULT_INSTRUCTIONS, documentsToEstimate, instructionChoices, lmSettings, modelErrorKindOf, requestLogLine } from '../../../../src/ui/decisions/lm';

const model = { id: 'gpt-4o', name: 'GPT-4o', vendor: 'copilot', family: 'gpt-4o', maxInputTokens: 64000 };

describe('language-model settings', () => {
  it('blank vendor and family mean any; the concurrency is a whole number from 1 to 16, else 2', () => {
    assert.deepEqual(lmSettings({ vendor: ' ', family: '', maxConcurrentRequests: 3.7 }), { maxConcurrentRequests: 3, instructions: [...DEFAULT_INSTRUCTIONS] });
    assert.equal(lmSettings({ maxConcurrentRequests: 0 }).maxConcurrentRequests, 2);
    assert.equal(lmSettings({ maxConcurrentRequests: 'x' }).maxConcurrentRequests, 2);
    assert.equal(lmSettings({ maxConcurrentRequests: 1000 }).maxConcurrentRequests, 16);
    assert.deepEqual(lmSettings({ vendor: ' copilot ', family: 'gpt-4o' }), { vendor: 'copilot', family: 'gpt-4o', maxConcurrentRequests: 2, instructions: [...DEFAULT_INSTRUCTIONS] });
  });
  it('instructions: the setting\'s, trimmed and without duplicates; the defaults when it gives none', () => {
    assert.deepEqual(instructionChoices([' Shorten ', 'Shorten', '', 3, 'Translate to French']), ['Shorten', 'Translate to French']);
    assert.deepEqual(instructionChoices([]), [...DEFAULT_INSTRUCTIONS]);
    assert.deepEqual(instructionChoices('nope'), [...DEFAULT_INSTRUCTIONS]);
  });
});

describe('choosing a model', () => {
  it('none, one, or a pick labelled by name and described by vendor, family and input size', () => {
    assert.deepEqual(chooseModel([]), { kind: 'none' });
    assert.deepEqual(chooseModel([model]), { kind: 'one', index: 0 });
    assert.deepEqual(chooseModel([model, { ...model, id: 'o1', name: '' }]), {
      kind: 'pick',
      items: [
        { label: 'GPT-4o', description: 'copilot · gpt-4o · 64,000 tokens' },
        { label: 'o1', description: 'copilot · gpt-4o · 64,000 tokens' },
      ],
    });
  });
});

describe('vscode.lm errors', () => {
  it('map by code string; cancellation wins; the rest is other', () => {
    assert.equal(modelErrorKindOf({ name: 'LanguageModelError', code: 'Blocked' }, false), 'blocked');
    assert.equal(modelErrorKindOf({ name: 'LanguageModelError', code: 'NoPermissions' }, false), 'no-permissions');
    assert.equal(modelErrorKindOf({ name: 'LanguageModelError', code: 'NotFound' }, false), 'not-found');
    assert.equal(modelErrorKindOf({ name: 'LanguageModelError', code: 'Blocked' }, true), 'cancelled');
    assert.equal(modelErrorKindOf({ name: 'Canceled' }, false), 'cancelled');
    assert.equal(modelErrorKindOf({ code: 'ECONNRESET' }, false), 'connection');
    assert.equal(modelErrorKindOf(new Error('boom'), false), 'other');
    assert.equal(modelErrorKindOf(undefined, false), 'other');
  });
});

describe('the request log', () => {
  it('a line per request: document, part, tokens, time, outcome; nothing else', () => {
    assert.equal(
      requestLogLine({ operation: 'review', path: '/w/a.md', part: 2, parts: 3, tokensIn: 900, tokensOut: 40, ms: 812.4, outcome: 'ok' }),
      'review: /w/a.md part 2/3: ok, 900 tokens in, 40 out, 812 ms',
    );
  });
});

describe('documents to estimate', () => {
  it('those the operation accepts, in path order', () => {
    assert.deepEqual(
      documentsToEstimate([{ path: '/w/b.md' }, { path: '/w/x.png' }, { path: '/w/a.md' }], (p) => p.endsWith('.md')).map((d) => d.path),
      ['/w/a.md', '/w/b.md'],
    );
  });
});
