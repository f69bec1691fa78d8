// How review and enhance treat a model's failures: back-off on `blocked` (fake
// time, Retry-After honoured, bounded), retries on `connection`, a stop of the run
// on `no-permissions` / `not-found`, cancellation that starts no further request,
// and a request log without content.
import assert from 'node:assert/strict';
import type { HostDocument } from '../../../../src/engine/host/host-operation';
import { createReviewOperation, ModelError, type ModelRequestRecord } from '../../../../src/operations/review';
import { fakeClock, fakeModel, tehReviewer, type Reply } from '../../../helpers/fake-chat-model';

const NEVER = new AbortController().signal;
const SECRET = 'the secret sentence of the document';
const doc: HostDocument = { path: '/w/a.md', root: '/w', text: `${SECRET}\nteh end\n`, hash: 'h' };

/** Fails with the given errors in turn, then answers. */
function failing(...errors: ModelError[]): Reply {
  return (prompt, i) => {
    if (i < errors.length) throw errors[i]!;
    return tehReviewer(prompt);
  };
}

function setup(reply: Reply, clock = fakeClock()) {
  const model = fakeModel(reply);
  const records: ModelRequestRecord[] = [];
  const stops: ModelError[] = [];
  const op = createReviewOperation(model, { clock, onRequest: (r) => records.push(r), onStop: (e) => stops.push(e) });
  return { model, op, records, stops, clock };
}

describe('review: when the model fails', () => {
  it('blocked: waits as Retry-After says (when longer than the back-off), then succeeds', async () => {
    const { op, records, clock, model } = setup(failing(new ModelError('blocked', 'rate limited', 5000), new ModelError('blocked', 'rate limited')));
    const result = await op.run(doc, NEVER, () => undefined);
    assert.equal(result.findings!.length, 1);
    assert.deepEqual(clock.waits, [5000, 2000], 'Retry-After 5 s, then the doubled back-off');
    assert.equal(model.prompts.length, 3);
    assert.deepEqual(records.map((r) => r.outcome), ['blocked', 'blocked', 'ok']);
  });

  it('blocked: exponential back-off, a bounded number of times, then the document fails', async () => {
    const { op, clock, model } = setup(() => {
      throw new ModelError('blocked', 'quota exceeded');
    });
    await assert.rejects(op.run(doc, NEVER, () => undefined), (err: Error) => {
      assert.equal(err.name, 'model blocked');
      assert.match(err.message, /quota exceeded after 5 tries/);
      return true;
    });
    assert.deepEqual(clock.waits, [1000, 2000, 4000, 8000]);
    assert.equal(model.prompts.length, 5);
  });

  it('connection: a couple of retries, then the document fails', async () => {
    const { op, model, records } = setup(() => {
      throw new ModelError('connection', 'socket hang up');
    });
    await assert.rejects(op.run(doc, NEVER, () => undefined), /socket hang up after 3 tries/);
    assert.equal(model.prompts.length, 3);
    assert.deepEqual(records.map((r) => r.outcome), ['connection', 'connection', 'connection']);
  });

  it('connection: a retry that succeeds gives the findings', async () => {
    const { op, model } = setup(failing(new ModelError('connection', 'reset')));
    assert.equal((await op.run(doc, NEVER, () => undefined)).findings!.length, 1);
    assert.equal(model.prompts.length, 2);
  });

  for (const kind of ['no-permissions', 'not-found'] as const) {
    it(`${kind}: stops the run through onStop, fails the document, and retries nothing`, async () => {
      const { op, model, stops } = setup(() => {
        throw new ModelError(kind, 'HTTP 4xx');
      });
      await assert.rejects(op.run(doc, NEVER, () => undefined), kind === 'not-found' ? /the model was not found \(HTTP 4xx\): choose another model/ : /the model refused the request \(HTTP 4xx\): check the key/);
      assert.equal(model.prompts.length, 1);
      assert.deepEqual(stops.map((e) => e.kind), [kind]);
    });
  }

  it('other: no retry, the document fails with the message', async () => {
    const { op, model } = setup(() => {
      throw new Error('unexpected');
    });
    await assert.rejects(op.run(doc, NEVER, () => undefined), /unexpected/);
    assert.equal(model.prompts.length, 1);
  });
});

describe('review: cancellation', () => {
  it('a cancel while backing off ends the wait at once and sends nothing more', async () => {
    const clock = fakeClock(false);
    const { op, model } = setup(() => {
      throw new ModelError('blocked', 'busy', 60_000);
    }, clock);
    const controller = new AbortController();
    const running = op.run(doc, controller.signal, () => undefined);
    while (clock.waits.length === 0) await new Promise((r) => setImmediate(r));
    controller.abort();
    await assert.rejects(running);
    clock.release();
    await new Promise((r) => setImmediate(r));
    assert.equal(model.prompts.length, 1);
  });

  it('a cancel during a request of a document in parts starts no further part', async () => {
    const controller = new AbortController();
    const long = Array.from({ length: 200 }, (_, i) => `Sentence ${i} of a long document.`).join('\n');
    const model = fakeModel(async (prompt, _i, signal) => {
      controller.abort();
      await new Promise((r) => setImmediate(r));
      if (signal.aborted) throw new ModelError('cancelled', 'cancelled');
      return tehReviewer(prompt);
    }, { maxInputTokens: 800 });
    await assert.rejects(createReviewOperation(model).run({ ...doc, text: long }, controller.signal, () => undefined));
    assert.equal(model.prompts.length, 1);
  });

  it('an aborted signal sends no request at all', async () => {
    const { op, model } = setup(tehReviewer);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(op.run(doc, controller.signal, () => undefined));
    assert.equal(model.prompts.length, 0);
  });
});

describe('review: the request log', () => {
  it('one record per request with path, part, tokens, time and outcome, and nothing of the content', async () => {
    const clock = fakeClock();
    const { op, records } = setup(failing(new ModelError('blocked', 'wait', 1500)), clock);
    await op.run(doc, NEVER, () => undefined);
    assert.equal(records.length, 2);
    for (const r of records) assert.deepEqual(Object.keys(r).sort(), ['ms', 'operation', 'outcome', 'part', 'parts', 'path', 'tokensIn', 'tokensOut']);
    assert.deepEqual(records[1], { operation: 'review', path: '/w/a.md', part: 1, parts: 1, tokensIn: records[1]!.tokensIn, tokensOut: records[1]!.tokensOut, ms: 0, outcome: 'ok' });
    assert.ok(records[1].tokensIn > doc.text.length / 4 && records[1].tokensOut > 0); // records[1] is known since the deepEqual above
    assert.ok(!JSON.stringify(records).includes('secret'));
  });

  it('an answer that is not the JSON asked for is one record, outcome invalid-answer, and is not retried', async () => {
    const { op, records, model } = setup(() => ({ text: 'no JSON here' }));
    await assert.rejects(op.run(doc, NEVER, () => undefined), /not the JSON asked for/);
    assert.equal(model.prompts.length, 1);
    assert.deepEqual(records.map((r) => r.outcome), ['invalid-answer']);
  });
});
