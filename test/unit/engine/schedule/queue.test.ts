import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PriorityQueue } from '../../../../src/engine/schedule/queue';

const item = (path: string, seq: number) => ({ path, seq });

describe('PriorityQueue', () => {
  it('pops by priority, ties in discovery order', () => {
    const q = new PriorityQueue<{ path: string; seq: number }>();
    q.push(item('c', 3), 0);
    q.push(item('a', 1), 0);
    q.push(item('v', 4), 2);
    q.push(item('b', 2), 0);
    q.push(item('t', 5), 1);
    assert.deepEqual(q.popMany(10).map((i) => i.path), ['v', 't', 'a', 'b', 'c']);
    assert.equal(q.pop(), undefined);
  });

  it('bump raises an item while others wait, and never lowers one', () => {
    const q = new PriorityQueue<{ path: string; seq: number }>();
    q.pushMany([item('a', 1), item('b', 2), item('c', 3)]);
    assert.equal(q.bump('c', 5), true);
    assert.equal(q.bump('missing', 5), false);
    assert.equal(q.pop()!.path, 'c');
    q.push(item('d', 4), 9);
    assert.equal(q.bump('d', 1), true);
    assert.equal(q.priorityOf('d'), 9);
    assert.equal(q.pop()!.path, 'd');
  });

  it('a path pushed twice stays once, with the higher priority', () => {
    const q = new PriorityQueue<{ path: string; seq: number }>();
    q.push(item('a', 1), 0);
    q.push(item('b', 2), 0);
    q.push(item('b', 2), 3);
    assert.equal(q.size, 2);
    assert.equal(q.pop()!.path, 'b');
  });

  it('orders any sequence of pushes, bumps and pops like a sort (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), { maxLength: 200 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 9 })), { maxLength: 50 }),
        (pushes, bumps) => {
          const q = new PriorityQueue<{ path: string; seq: number }>();
          const prio = new Map<string, number>();
          pushes.forEach(([p], seq) => {
            q.push(item(`f${seq}`, seq), p);
            prio.set(`f${seq}`, p);
          });
          for (const [k, p] of bumps) {
            if (pushes.length === 0) break;
            const path = `f${k % pushes.length}`;
            q.bump(path, p);
            prio.set(path, Math.max(prio.get(path)!, p));
          }
          const expected = [...prio.entries()]
            .map(([path, p]) => ({ path, p, seq: Number(path.slice(1)) }))
            .sort((a, b) => b.p - a.p || a.seq - b.seq)
            .map((e) => e.path);
          assert.deepEqual(q.drain().map((i) => i.path), expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('interleaved pushes, bumps and pops agree with a sorted list (property)', () => {
    type Op = { kind: 'push'; p: number } | { kind: 'bump'; k: number; p: number } | { kind: 'pop' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), p: fc.oneof(fc.constant(0), fc.integer({ min: -2, max: 4 })) }),
      fc.record({ kind: fc.constant('bump' as const), k: fc.nat(), p: fc.integer({ min: -2, max: 6 }) }),
      fc.record({ kind: fc.constant('pop' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const q = new PriorityQueue<{ path: string; seq: number }>();
        let model: { path: string; seq: number; p: number }[] = [];
        let seq = 0;
        for (const o of ops) {
          if (o.kind === 'push') {
            const path = `f${seq}`;
            q.push(item(path, seq), o.p);
            model.push({ path, seq: seq++, p: o.p });
          } else if (o.kind === 'bump') {
            if (model.length === 0) {
              assert.equal(q.bump('nothing', o.p), false);
              continue;
            }
            const m = model[o.k % model.length]!;
            assert.equal(q.bump(m.path, o.p), true);
            m.p = Math.max(m.p, o.p);
          } else {
            model.sort((a, b) => b.p - a.p || a.seq - b.seq);
            const want = model.shift();
            assert.equal(q.pop()?.path, want?.path);
          }
          assert.equal(q.size, model.length);
          model = model.slice();
        }
        model.sort((a, b) => b.p - a.p || a.seq - b.seq);
        assert.deepEqual(q.drain().map((i) => i.path), model.map((m) => m.path));
      }),
      { numRuns: 300 },
    );
  });
});

// The FIFO of base-priority items is compacted (its popped front sliced off) once
// more than 1,024 items were popped from it and they are over half of it. The
// properties above stop at 300 operations, far before that.
describe('PriorityQueue: FIFO compaction', () => {
  type Item = { path: string; seq: number };
  const internals = (q: PriorityQueue<Item>) => q as unknown as { fifo: unknown[]; head: number };

  /** The item a correct queue pops next: highest priority, then lowest seq (a linear scan, no heap). */
  const takeBest = (model: { path: string; seq: number; p: number }[]) => {
    if (model.length === 0) return undefined;
    let best = 0;
    for (let i = 1; i < model.length; i++) {
      const m = model[i]!;
      const b = model[best]!;
      if (m.p > b.p || (m.p === b.p && m.seq < b.seq)) best = i;
    }
    return model.splice(best, 1)[0];
  };

  it('keeps discovery order and every item across compactions of the FIFO', () => {
    const q = new PriorityQueue<Item>();
    let seq = 0;
    const push = () => {
      q.push(item(`f${seq}`, seq), 0);
      seq++;
    };
    for (let i = 0; i < 3000; i++) push();
    const firstFifo = internals(q).fifo;
    const popped: number[] = [];
    // Pop two for each one pushed: the front passes 1,024 while the FIFO still holds items.
    while (popped.length < 4000) {
      popped.push(q.pop()!.seq);
      popped.push(q.pop()!.seq);
      push();
    }
    assert.notEqual(internals(q).fifo, firstFifo, 'the FIFO was compacted (the test reached the branch)');
    assert.ok(internals(q).head < 1024, `head ${internals(q).head} was reset by compaction`);
    assert.deepEqual(popped, Array.from({ length: 4000 }, (_, i) => i), 'popped in discovery order, none lost or repeated');
    assert.equal(q.size, seq - 4000);
    assert.deepEqual(q.drain().map((i) => i.seq), Array.from({ length: seq - 4000 }, (_, i) => 4000 + i));
    assert.equal(q.size, 0);
    assert.equal(q.pop(), undefined);
  });

  it('interleaved pushes, bumps and pops agree with a naive model well past compaction (property)', function () {
    this.timeout(60_000);
    type Op = { kind: 'push'; p: number } | { kind: 'bump'; k: number; p: number } | { kind: 'pop' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      // Mostly base priority, as in a real run: those go through the FIFO.
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('push' as const), p: fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -2, max: 4 }) }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('bump' as const), k: fc.nat(), p: fc.integer({ min: -2, max: 6 }) }) },
      // More pops than pushes: the popped front of the FIFO soon outweighs the rest of it.
      { weight: 6, arbitrary: fc.record({ kind: fc.constant('pop' as const) }) },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1100, max: 1300 }), fc.array(op, { minLength: 2500, maxLength: 3500 }), (prefix, ops) => {
        const q = new PriorityQueue<Item>();
        const model: { path: string; seq: number; p: number }[] = [];
        let seq = 0;
        const push = (p: number) => {
          const path = `f${seq}`;
          q.push(item(path, seq), p);
          model.push({ path, seq: seq++, p });
        };
        // A long run of base-priority items first, so that pops go well past 1,024 while the FIFO is not empty.
        for (let i = 0; i < prefix; i++) push(0);
        let compactions = 0;
        for (const o of ops) {
          const fifo = internals(q).fifo;
          if (o.kind === 'push') push(o.p);
          else if (o.kind === 'bump') {
            if (model.length === 0) continue;
            const m = model[o.k % model.length]!;
            assert.equal(q.bump(m.path, o.p), true);
            m.p = Math.max(m.p, o.p);
          } else {
            assert.equal(q.pop()?.path, takeBest(model)?.path);
            // A new FIFO that is not empty: the front was sliced off (emptying it also makes a new one, an empty one).
            if (internals(q).fifo !== fifo && internals(q).fifo.length > 0) compactions++;
          }
          assert.equal(q.size, model.length);
        }
        assert.ok(compactions > 0, 'the run went past compaction');
        const rest: string[] = [];
        for (let m = takeBest(model); m; m = takeBest(model)) rest.push(m.path);
        assert.deepEqual(q.drain().map((i) => i.path), rest);
      }),
      { numRuns: 25 },
    );
  });
});

// Found by mutation testing (npm run mutate -- src/engine/schedule/queue.ts): behaviour no test pinned.
describe('PriorityQueue: the rest of its surface', () => {
  type Item = { path: string; seq: number };

  it('has() and priorityOf() know queued paths only; priorityOf of an unknown path is undefined', () => {
    const q = new PriorityQueue<Item>();
    q.push(item('a', 1), 0);
    q.push(item('b', 2), 3);
    assert.deepEqual([q.has('a'), q.has('b'), q.has('c')], [true, true, false]);
    assert.deepEqual([q.priorityOf('a'), q.priorityOf('b'), q.priorityOf('c')], [0, 3, undefined]);
    q.pop();
    assert.equal(q.has('b'), false, 'popped: no longer queued');
    assert.equal(q.priorityOf('b'), undefined);
  });

  it('peek() shows what pop() takes next, without taking it, from the FIFO and the heap alike', () => {
    const q = new PriorityQueue<Item>();
    assert.equal(q.peek(), undefined);
    q.push(item('fifo1', 1), 0);
    q.push(item('fifo2', 2), 0);
    assert.equal(q.peek()?.path, 'fifo1', 'only the FIFO');
    q.push(item('low', 3), -1);
    assert.equal(q.peek()?.path, 'fifo1', 'the FIFO front before a lower priority in the heap');
    q.push(item('high', 4), 2);
    assert.equal(q.peek()?.path, 'high', 'a higher priority in the heap before the FIFO');
    assert.equal(q.size, 4, 'peek takes nothing');
    const order: string[] = [];
    while (q.size > 0) {
      const next = q.peek()!.path;
      assert.equal(q.pop()!.path, next);
      order.push(next);
    }
    assert.deepEqual(order, ['high', 'fifo1', 'fifo2', 'low']);
    assert.equal(q.peek(), undefined);
  });

  it('popMany(n) takes at most n', () => {
    const q = new PriorityQueue<Item>();
    q.pushMany([item('a', 1), item('b', 2), item('c', 3)]);
    assert.deepEqual(q.popMany(2).map((i) => i.path), ['a', 'b']);
    assert.deepEqual(q.popMany(0), []);
    assert.deepEqual(q.popMany(5).map((i) => i.path), ['c']);
  });

  it('a drained FIFO lets go of its popped items (a big run must not hold them all)', () => {
    const q = new PriorityQueue<Item>();
    for (let i = 0; i < 100; i++) q.push(item(`f${i}`, i), 0);
    q.drain();
    assert.equal(q.peek(), undefined);
    assert.equal((q as unknown as { fifo: unknown[] }).fifo.length, 0);
  });
});
