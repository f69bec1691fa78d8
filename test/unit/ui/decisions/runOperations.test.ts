import assert from 'node:assert/strict';
import { runOperations } from '../../../../src/ui/decisions/runOperations';
import { RunWaiters } from '../../../../src/ui/decisions/runWaiters';

describe('a run\'s operations', () => {
  const configured = [{ id: 'analyze', settings: { markers: ['TODO'] } }, { id: 'links' }];
  const registered = [{ id: 'ext.review', settings: { model: 'x' }, accepts: ['.md'] }];
  it('by default: the settings\' operations, then every registered one', () => {
    assert.deepEqual(runOperations(undefined, configured, registered), [...configured, ...registered]);
  });
  it('a request that names operations runs those, in its order, with their settings and filters', () => {
    assert.deepEqual(runOperations(['ext.review', 'analyze', 'ext.review'], configured, registered), [registered[0], configured[0]]);
  });
  it('an id neither configured nor registered is passed on (the engine knows it, or says it does not)', () => {
    assert.deepEqual(runOperations(['lint'], configured, registered), [{ id: 'lint' }]);
  });
});

describe('waiting for a requested run', () => {
  type Req = { roots: string[] };
  const covers = (done: Req, req: Req) => req.roots.every((r) => done.roots.some((d) => r.startsWith(d)));
  it('settles a waiter with the report of its own run or of a run that covers it, and no other', async () => {
    const waiters = new RunWaiters<Req, string>(covers);
    const a: Req = { roots: ['/w/a'] };
    const b: Req = { roots: ['/w/b'] };
    const settled: string[] = [];
    void waiters.wait(a).then((r) => settled.push(`a:${r}`));
    void waiters.wait(b).then((r) => settled.push(`b:${r}`));
    waiters.finished({ roots: ['/w/b/x'] }, 'narrow');
    waiters.finished({ roots: ['/w'] }, 'wide');
    await Promise.resolve();
    await Promise.resolve();
    assert.deepEqual(settled.sort(), ['a:wide', 'b:wide']);
  });
  it('rejects the waiters of a request that will not run', async () => {
    const waiters = new RunWaiters<Req, string>(covers);
    const a: Req = { roots: ['/w/a'] };
    const waiting = waiters.wait(a);
    waiters.failed({ roots: ['/w/a'] }, new Error('other request'));
    waiters.failed(a, new Error('cancelled'));
    await assert.rejects(waiting, /cancelled/);
  });
});
