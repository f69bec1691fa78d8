// Bursts of paths handed on together once the burst is over (saves, configuration events).
import { strict as assert } from 'node:assert';
import { PathBatch, type Timers } from '../../../src/ui/pathBatch';

/** Timers run by hand: `elapse()` fires the one pending timer. */
function manualTimers() {
  let pending: { fn: () => void; ms: number; id: number } | undefined;
  let next = 0;
  const timers: Timers = {
    set: (fn, ms) => (pending = { fn, ms, id: ++next }).id,
    clear: (id) => {
      if (pending?.id === id) pending = undefined;
    },
  };
  return { timers, pending: () => pending, elapse: () => pending!.fn() };
}

describe('PathBatch', () => {
  it('hands on every path of a burst once, after the wait restarted by the last one', () => {
    const t = manualTimers();
    const fired: string[][] = [];
    const batch = new PathBatch(300, (paths) => fired.push(paths), t.timers);
    batch.add('/a');
    const first = t.pending()!.id;
    batch.add('/b');
    batch.add('/a');
    assert.notEqual(t.pending()!.id, first, 'the wait restarted');
    assert.equal(t.pending()!.ms, 300);
    assert.deepEqual(fired, []);
    t.elapse();
    assert.deepEqual(fired, [['/a', '/b']]);
    batch.add('/c');
    t.elapse();
    assert.deepEqual(fired, [['/a', '/b'], ['/c']]);
  });

  it('drops what is pending when disposed', () => {
    const t = manualTimers();
    const fired: string[][] = [];
    const batch = new PathBatch(300, (paths) => fired.push(paths), t.timers);
    batch.add('/a');
    batch.dispose();
    assert.equal(t.pending(), undefined);
    assert.deepEqual(fired, []);
  });
});
