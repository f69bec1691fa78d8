import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PriorityQueue } from '../../../src/engine/queue';

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
