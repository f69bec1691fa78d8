// The run's limits: which one is reached first, and how many documents are left.
import assert from 'node:assert/strict';
import { LimitWatch } from '../../../../src/engine/run/limits';

const figures = (settled: number, bytes = 0, kept = 0) => ({ settled, bytes, kept });

describe('LimitWatch', () => {
  it('no limits: nothing is ever reached, documents left are unbounded', () => {
    const w = new LimitWatch(undefined);
    assert.equal(w.documentsLeft(1e9), Infinity);
    assert.equal(w.check(figures(1e9, 1e12, 1e9)), undefined);
    assert.equal(w.reached, undefined);
    assert.equal(new LimitWatch({}).documentsLeft(5), Infinity);
    assert.equal(new LimitWatch({}).check(figures(5, 5, 5)), undefined);
  });

  it('maxDocuments counts settled and in-flight documents as taken', () => {
    const w = new LimitWatch({ maxDocuments: 10 });
    assert.equal(w.documentsLeft(3), 7);
    w.inflight = 2;
    assert.equal(w.documentsLeft(3), 5);
    assert.equal(w.check(figures(7)), undefined, 'one left');
    assert.equal(w.check(figures(8)), 'maxDocuments', 'none left');
    assert.equal(w.reached, 'maxDocuments');
  });

  it('maxBytes is reached at the limit, not before', () => {
    const w = new LimitWatch({ maxBytes: 100 });
    assert.equal(w.check(figures(1, 99)), undefined);
    assert.equal(w.check(figures(1, 100)), 'maxBytes');
  });

  it('maxResults is reached when as many outcomes are kept', () => {
    const w = new LimitWatch({ maxResults: 3 });
    assert.equal(w.check(figures(9, 9, 2)), undefined);
    assert.equal(w.check(figures(9, 9, 3)), 'maxResults');
  });

  it('the first limit reached is kept: a later check reports nothing', () => {
    const w = new LimitWatch({ maxBytes: 10, maxResults: 1 });
    assert.equal(w.check(figures(0, 10, 5)), 'maxBytes', 'bytes are checked before results');
    assert.equal(w.check(figures(0, 10, 5)), undefined);
    assert.equal(w.reached, 'maxBytes');
  });

  it('documents are checked before bytes, bytes before results', () => {
    assert.equal(new LimitWatch({ maxDocuments: 1, maxBytes: 1, maxResults: 1 }).check(figures(1, 1, 1)), 'maxDocuments');
    assert.equal(new LimitWatch({ maxDocuments: 2, maxBytes: 1, maxResults: 1 }).check(figures(1, 1, 1)), 'maxBytes');
    assert.equal(new LimitWatch({ maxDocuments: 2, maxBytes: 2, maxResults: 1 }).check(figures(1, 1, 1)), 'maxResults');
  });
});
