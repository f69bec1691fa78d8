// The views' refresh throttle (src/ui/throttle.ts has no editor dependency).
import assert from 'node:assert/strict';
import { Throttle } from '../../../src/ui/throttle';

describe('Throttle', () => {
  it('fires at once, then coalesces calls into one trailing call per interval', async () => {
    let calls = 0;
    const t = new Throttle(40, () => calls++);
    t.schedule();
    assert.equal(calls, 1);
    for (let i = 0; i < 50; i++) t.schedule();
    assert.equal(calls, 1);
    await new Promise((r) => setTimeout(r, 70));
    assert.equal(calls, 2);
    await new Promise((r) => setTimeout(r, 70));
    assert.equal(calls, 2, 'no call without a schedule');
    t.dispose();
  });

  it('flush runs now and drops the pending call', async () => {
    let calls = 0;
    const t = new Throttle(40, () => calls++);
    t.schedule();
    t.schedule();
    t.flush();
    assert.equal(calls, 2);
    await new Promise((r) => setTimeout(r, 70));
    assert.equal(calls, 2);
    t.dispose();
  });
});
