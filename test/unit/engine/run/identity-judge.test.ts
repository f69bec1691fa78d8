// Identity checks of cached documents: sent to the executor in groups, judged
// later in slices, requeued after a cancel, a throwing listener reported.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IdentityJudge, type IdentityJudgeHooks } from '../../../../src/engine/run/identity-judge';
import type { Executor } from '../../../../src/engine/schedule/executors';
import { UNSTATED, type Candidate } from '../../../../src/engine/types';
import type { CacheEntry } from '../../../../src/engine/cache/cache';
import { makeTree, removeTree } from '../../../helpers/tree';

const cand = (p: string, seq = 0): Candidate => ({ path: p, root: '/r', size: UNSTATED, mtimeMs: UNSTATED, seq });
const entry = { size: 1, mtimeMs: 1, hash: 'h', json: '{}', cost: 1 } as CacheEntry;

interface Recorder extends IdentityJudgeHooks {
  judged: [Candidate, readonly (CacheEntry | undefined)[]][];
  requeued: Candidate[];
  pokes: number;
  warnings: string[];
  isCancelled: boolean;
}

function recorder(over: Partial<IdentityJudgeHooks> = {}): Recorder {
  const r: Recorder = {
    judged: [],
    requeued: [],
    pokes: 0,
    warnings: [],
    isCancelled: false,
    judge: (c, e) => void r.judged.push([c, e]),
    requeue: (c) => void r.requeued.push(c),
    cancelled: () => r.isCancelled,
    poke: () => void r.pokes++,
    warn: (m) => void r.warnings.push(m),
    ...over,
  };
  return r;
}

/** An executor whose stat answers size 10+i and mtime 100+i for the i-th path of each call. */
function executor(answer?: (paths: readonly string[]) => Promise<Float64Array>): Executor & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    stat: (paths: readonly string[]) => {
      calls.push([...paths]);
      if (answer) return answer(paths);
      const s = new Float64Array(paths.length * 2);
      paths.forEach((_, i) => {
        s[2 * i] = 10 + i;
        s[2 * i + 1] = 100 + i;
      });
      return Promise.resolve(s);
    },
  } as unknown as Executor & { calls: string[][] };
}

describe('IdentityJudge', () => {
  it('nothing checked: finish sends nothing', async () => {
    const ex = executor();
    const hooks = recorder();
    await new IdentityJudge(ex, hooks).finish();
    assert.deepEqual(ex.calls, []);
    assert.equal(hooks.pokes, 0);
  });

  it('judges each candidate with its stat applied and its entries, then pokes the dispatcher', async () => {
    const ex = executor();
    const hooks = recorder();
    const judge = new IdentityJudge(ex, hooks);
    judge.check(cand('/r/a', 1), [entry]);
    judge.check(cand('/r/b', 2), [undefined]);
    assert.deepEqual(ex.calls, [], 'waits for a group or the end');
    await judge.finish();
    assert.deepEqual(ex.calls, [['/r/a', '/r/b']]);
    assert.deepEqual(hooks.judged, [
      [{ path: '/r/a', root: '/r', size: 10, mtimeMs: 100, seq: 1 }, [entry]],
      [{ path: '/r/b', root: '/r', size: 11, mtimeMs: 101, seq: 2 }, [undefined]],
    ]);
    assert.ok(hooks.pokes >= 1);
    await judge.finish();
    assert.equal(ex.calls.length, 1, 'a second finish sends nothing again');
  });

  it('a path the stat did not find keeps its unstated figures (the read reports why)', async () => {
    const ex = executor((paths) => Promise.resolve(new Float64Array(paths.length * 2).fill(UNSTATED)));
    const hooks = recorder();
    const judge = new IdentityJudge(ex, hooks);
    const c = cand('/r/gone');
    judge.check(c, []);
    await judge.finish();
    assert.equal(hooks.judged[0]![0], c);
  });

  it('sends a group of 512 paths as soon as it is full', async () => {
    const ex = executor();
    const hooks = recorder();
    const judge = new IdentityJudge(ex, hooks);
    for (let i = 0; i < 511; i++) judge.check(cand(`/r/${i}`), []);
    assert.equal(ex.calls.length, 0);
    judge.check(cand('/r/511'), []);
    assert.equal(ex.calls.length, 1);
    assert.equal(ex.calls[0]!.length, 512);
    judge.check(cand('/r/512'), [entry]);
    await judge.finish();
    assert.deepEqual(ex.calls.map((c) => c.length), [512, 1]);
    const last = hooks.judged.find(([c]) => c.path === '/r/512')!;
    assert.deepEqual(last[1], [entry], 'the next group keeps its own entries');
  });

  it('an executor that cannot stat: the paths are statted on this thread', async () => {
    const root = makeTree({ 'a.md': 'hello\n' });
    try {
      const file = path.join(root, 'a.md');
      const hooks = recorder();
      const judge = new IdentityJudge(executor(() => Promise.reject(new Error('no worker'))), hooks);
      judge.check(cand(file), []);
      await judge.finish();
      const st = fs.statSync(file);
      assert.deepEqual([hooks.judged[0]![0].size, hooks.judged[0]![0].mtimeMs], [6, st.mtimeMs]);
      assert.deepEqual(hooks.warnings, []);
    } finally {
      removeTree(root);
    }
  });

  it('after a cancel, candidates go back to the queue instead of being judged', async () => {
    const hooks = recorder();
    hooks.isCancelled = true;
    const judge = new IdentityJudge(executor(), hooks);
    judge.check(cand('/r/a'), [entry]);
    await judge.finish();
    assert.deepEqual(hooks.judged, []);
    assert.deepEqual(hooks.requeued.map((c) => [c.path, c.size]), [['/r/a', 10]]);
  });

  it('a throwing judge stops its group and is reported as a warning, not thrown', async () => {
    let n = 0;
    const hooks = recorder({
      judge: () => {
        n++;
        throw new Error('listener broke');
      },
    });
    const judge = new IdentityJudge(executor(), hooks);
    judge.check(cand('/r/a'), []);
    judge.check(cand('/r/b'), []);
    await judge.finish();
    assert.equal(n, 1, 'the rest of the group is not judged');
    assert.deepEqual(hooks.warnings, ['identity checks stopped: listener broke']);
    const other = recorder({
      judge: () => {
        throw 'a string';
      },
    });
    const j2 = new IdentityJudge(executor(), other);
    j2.check(cand('/r/a'), []);
    await j2.finish();
    assert.deepEqual(other.warnings, ['identity checks stopped: a string']);
  });

  it('a group after a failed one is still judged', async () => {
    let calls = 0;
    const hooks = recorder({
      judge: (c) => {
        calls++;
        if (c.path === '/r/bad') throw new Error('x');
      },
    });
    const judge = new IdentityJudge(executor(), hooks);
    for (let i = 0; i < 511; i++) judge.check(cand(`/r/${i}`), []);
    judge.check(cand('/r/bad'), []); // the first group's last: sent now
    judge.check(cand('/r/next'), []);
    await judge.finish();
    assert.equal(calls, 513);
    assert.equal(hooks.warnings.length, 1);
  });

  it('judges in slices of about 8 ms: pokes the dispatcher and lets the event loop turn between them', async () => {
    const realNow = performance.now;
    let now = 0;
    performance.now = () => now;
    try {
      let judged = 0;
      const hooks = recorder({
        judge: () => {
          judged++;
          now += 1; // each judgement takes 1 ms
        },
      });
      const judge = new IdentityJudge(executor(), hooks);
      for (let i = 0; i < 100; i++) judge.check(cand(`/r/${i}`), []);
      await judge.finish();
      assert.equal(judged, 100);
      // Checked every 32 judgements: the slice ends at the 32nd (31 ms > 8), the 64th and the 96th.
      assert.equal(hooks.pokes, 4, 'three slices ended early, then the end');
    } finally {
      performance.now = realNow;
    }
  });

  it('a slice ends after more than 8 ms, not at 8 ms', async () => {
    const realNow = performance.now;
    let now = 0;
    performance.now = () => now;
    try {
      let judged = 0;
      const hooks = recorder({
        judge: () => {
          if (++judged === 31) now = 8; // exactly 8 ms when the 32nd looks at the clock
        },
      });
      const judge = new IdentityJudge(executor(), hooks);
      for (let i = 0; i < 100; i++) judge.check(cand(`/r/${i}`), []);
      await judge.finish();
      assert.equal(judged, 100);
      assert.equal(hooks.pokes, 1, 'no slice ended early: only the poke at the end');
    } finally {
      performance.now = realNow;
    }
  });

  it('a slice is measured from its own start', async () => {
    const realNow = performance.now;
    let now = 100;
    performance.now = () => now;
    try {
      let judged = 0;
      const hooks = recorder({
        judge: () => {
          if (++judged === 31) now += 9; // the first slice ends at its 32nd
        },
      });
      const judge = new IdentityJudge(executor(), hooks);
      for (let i = 0; i < 100; i++) judge.check(cand(`/r/${i}`), []);
      await judge.finish();
      assert.equal(hooks.pokes, 2, 'the second slice started at 109: no time passes in it');
    } finally {
      performance.now = realNow;
    }
  });

  it('a fast slice judges everything at once, with one poke', async () => {
    const realNow = performance.now;
    performance.now = () => 0;
    try {
      const hooks = recorder();
      const judge = new IdentityJudge(executor(), hooks);
      for (let i = 0; i < 100; i++) judge.check(cand(`/r/${i}`), []);
      await judge.finish();
      assert.equal(hooks.pokes, 1);
    } finally {
      performance.now = realNow;
    }
  });

  it('roomForMore waits while 8 checks are in flight', async () => {
    const pending: (() => void)[] = [];
    const ex = executor((paths) => new Promise((resolve) => pending.push(() => resolve(new Float64Array(paths.length * 2).fill(UNSTATED)))));
    const judge = new IdentityJudge(ex, recorder());
    const group = (k: number) => {
      for (let i = 0; i < 512; i++) judge.check(cand(`/r/${k}/${i}`), []);
    };
    for (let k = 0; k < 7; k++) group(k);
    await judge.roomForMore(); // 7 in flight: room
    group(7);
    let room = false;
    const waiting = judge.roomForMore().then(() => (room = true));
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(room, false, '8 in flight: no room');
    pending.shift()!();
    await waiting;
    assert.equal(room, true);
    for (const p of pending.splice(0)) p();
    await judge.finish();
  });
});
