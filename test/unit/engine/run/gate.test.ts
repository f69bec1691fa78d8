// The run's gate: pause and resume, the dispatcher's sleep and wake-up, discovery's drain wait.
import assert from 'node:assert/strict';
import { RunGate } from '../../../../src/engine/run/gate';

/** Whether a promise has settled, after the pending microtasks ran. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await new Promise<void>((resolve) => setImmediate(resolve));
  return done;
}

describe('RunGate', () => {
  it('runs until closed: close pauses, open resumes whoever waited', async () => {
    const g = new RunGate();
    assert.equal(g.resumed, undefined);
    g.close();
    const waiting = g.resumed!;
    assert.ok(waiting instanceof Promise);
    assert.equal(await settled(waiting), false);
    g.close();
    assert.equal(g.resumed, waiting, 'closing again keeps the same pause');
    g.open();
    assert.equal(g.resumed, undefined);
    assert.equal(await settled(waiting), true);
    g.open(); // opening an open gate does nothing
    assert.equal(g.resumed, undefined);
  });

  it('a second pause is a new wait', async () => {
    const g = new RunGate();
    g.close();
    const first = g.resumed!;
    g.open();
    g.close();
    const second = g.resumed!;
    assert.notEqual(second, first);
    assert.equal(await settled(second), false);
    g.open();
    assert.equal(await settled(second), true);
  });

  it('sleep lasts until a poke; a poke with no sleeper is lost', async () => {
    const g = new RunGate();
    g.poke();
    const s = g.sleep();
    assert.equal(await settled(s), false);
    g.poke();
    assert.equal(await settled(s), true);
    const again = g.sleep();
    assert.equal(await settled(again), false, 'the earlier poke does not carry over');
    g.poke();
    assert.equal(await settled(again), true);
  });

  it('discovery waits for the drain until released; draining says whether it waits', async () => {
    const g = new RunGate();
    assert.equal(g.draining, false);
    g.releaseDrain();
    const w = g.waitForDrain();
    assert.equal(g.draining, true);
    assert.equal(await settled(w), false);
    g.releaseDrain();
    assert.equal(g.draining, false);
    assert.equal(await settled(w), true);
  });
});
