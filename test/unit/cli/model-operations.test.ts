// The command line's review and enhance operations: set up from the options, no request sent.
import assert from 'node:assert/strict';
import { createModelOperations, requestLogLine, stopMessage } from '../../../src/cli/model-operations';
import { ModelError } from '../../../src/operations/review/model';

const options = { endpoint: 'http://127.0.0.1:9/v1', model: 'm', concurrency: 2 };
const hooks = { onStop: () => undefined };

describe('createModelOperations', () => {
  it('one host operation per model operation named, in the order review, enhance', () => {
    const r = createModelOperations({ ...options, instruction: 'x' }, ['enhance', 'analyze', 'review'], hooks, {});
    assert.equal(r.kind, 'ok');
    assert.deepEqual(r.kind === 'ok' && r.operations.map((o) => o.id), ['review', 'enhance']);
    const only = createModelOperations(options, ['review'], hooks, {});
    assert.deepEqual(only.kind === 'ok' && only.operations.map((o) => o.id), ['review']);
    const none = createModelOperations(options, ['analyze'], hooks, {});
    assert.deepEqual(none.kind === 'ok' && none.operations, []);
  });

  it('the endpoint\'s input limit and the concurrency reach the operations; the default limit otherwise', () => {
    const r = createModelOperations({ ...options, concurrency: 5, maxInputTokens: 300, instruction: 'x' }, ['review', 'enhance'], hooks, {});
    assert.equal(r.kind, 'ok');
    for (const op of r.kind === 'ok' ? r.operations : []) {
      assert.equal((op.settings as { maxInputTokens: number }).maxInputTokens, 300, op.id);
      assert.equal((op as { concurrency?: number }).concurrency, 5, op.id);
    }
    const d = createModelOperations(options, ['review'], hooks, {});
    assert.equal(d.kind === 'ok' && (d.operations[0]!.settings as { maxInputTokens: number }).maxInputTokens, 8192);
  });

  it('a key variable that is unset or empty is a usage error naming it; a set one is fine', () => {
    for (const env of [{}, { MY_KEY: '' }]) {
      assert.deepEqual(createModelOperations({ ...options, keyEnv: 'MY_KEY' }, ['review'], hooks, env), {
        kind: 'usage-error',
        message: '--model-key-env MY_KEY: that environment variable is not set',
      });
    }
    assert.equal(createModelOperations({ ...options, keyEnv: 'MY_KEY' }, ['review'], hooks, { MY_KEY: 'secret' }).kind, 'ok');
  });
});

describe('requestLogLine', () => {
  const record = { operation: 'review' as const, path: '/w/a.md', part: 2, parts: 3, tokensIn: 100, tokensOut: 7, ms: 12.6, outcome: 'ok' as const };
  it('names the part only for a document sent in several parts, and rounds the time', () => {
    assert.equal(requestLogLine(record), 'model review /w/a.md part 2/3: 100 tokens in, 7 out, 13 ms, ok');
    assert.equal(requestLogLine({ ...record, part: 1, parts: 1 }), 'model review /w/a.md: 100 tokens in, 7 out, 13 ms, ok');
  });
});

describe('stopMessage', () => {
  it('points at the key for a refusal, at the model for a model not found', () => {
    assert.match(stopMessage(new ModelError('no-permissions', 'HTTP 401')), /^stopped: the model refused the request \(HTTP 401\).* \(--model-key-env names the variable holding the key\)$/);
    assert.match(stopMessage(new ModelError('not-found', 'HTTP 404')), /^stopped: the model was not found \(HTTP 404\).* \(--model\)$/);
  });
});
