// The command line's bound on V8's young generation: when it sets which flag (fake
// hooks), and that V8 and Node behave as the bound relies on (a real child process).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CHECK_EVERY_MS, GROW_AGAIN, NEW_SPACE_BOUND, STOP_GROWING, boundYoungGeneration, type YoungGenerationHooks } from '../../../src/cli/young-generation';

const MiB = 1024 * 1024;

/** Hooks whose new space is `size`, whose timer is ticked by hand, and which record the flags set. */
function fakeHooks(size: number) {
  const fake = {
    size,
    flags: [] as string[],
    interval: undefined as number | undefined,
    tick: undefined as (() => void) | undefined,
    cancelled: 0,
  };
  const hooks: YoungGenerationHooks = {
    newSpaceBytes: () => fake.size,
    setFlags: (f) => void fake.flags.push(f),
    every(ms, check) {
      fake.interval = ms;
      fake.tick = check;
      return () => {
        fake.cancelled++;
        fake.tick = undefined;
      };
    },
  };
  return { fake, hooks };
}

describe('boundYoungGeneration', () => {
  it('lets the new space grow up to the bound, then stops its growth', () => {
    const { fake, hooks } = fakeHooks(4 * MiB);
    boundYoungGeneration(() => false, 8 * MiB, hooks);
    assert.equal(fake.interval, CHECK_EVERY_MS);
    fake.tick!();
    assert.deepEqual(fake.flags, [], 'below the bound: V8 grows it as it would');
    fake.size = 8 * MiB;
    fake.tick!();
    assert.deepEqual(fake.flags, [STOP_GROWING]);
    assert.equal(STOP_GROWING, '--semi-space-growth-factor=1');
  });

  it('checks at once, not only after the first interval', () => {
    const { fake, hooks } = fakeHooks(16 * MiB);
    boundYoungGeneration(() => false, 8 * MiB, hooks);
    assert.deepEqual(fake.flags, [STOP_GROWING]);
  });

  it('sets the flag again at every check past the bound (Node resets flags when a worker thread starts)', () => {
    const { fake, hooks } = fakeHooks(8 * MiB);
    boundYoungGeneration(() => false, 8 * MiB, hooks);
    fake.tick!();
    fake.tick!();
    assert.deepEqual(fake.flags, [STOP_GROWING, STOP_GROWING, STOP_GROWING]);
  });

  it('hands growth back and stops checking once the workers start', () => {
    const { fake, hooks } = fakeHooks(8 * MiB);
    let workers = false;
    boundYoungGeneration(() => workers, 8 * MiB, hooks);
    workers = true;
    fake.tick!();
    assert.deepEqual(fake.flags, [STOP_GROWING, GROW_AGAIN]);
    assert.equal(GROW_AGAIN, '--semi-space-growth-factor=2', "V8's default");
    assert.equal(fake.cancelled, 1);
  });

  it('sets nothing when the workers start before the bound was reached', () => {
    const { fake, hooks } = fakeHooks(2 * MiB);
    let workers = false;
    boundYoungGeneration(() => workers, 8 * MiB, hooks);
    workers = true;
    fake.tick!();
    assert.deepEqual(fake.flags, []);
    assert.equal(fake.cancelled, 1);
  });

  it('stops checking when told to, and lets the new space grow again', () => {
    const { fake, hooks } = fakeHooks(8 * MiB);
    boundYoungGeneration(() => false, 8 * MiB, hooks).stop();
    assert.equal(fake.cancelled, 1);
    assert.equal(fake.tick, undefined);
    assert.deepEqual(fake.flags, [STOP_GROWING, GROW_AGAIN]);
    const below = fakeHooks(2 * MiB);
    boundYoungGeneration(() => false, 8 * MiB, below.hooks).stop();
    assert.deepEqual(below.fake.flags, [], 'nothing to undo');
  });

  it('once stopped, stays stopped: a second stop and a compile set no flag', () => {
    const { fake, hooks } = fakeHooks(8 * MiB);
    const bound = boundYoungGeneration(() => false, 8 * MiB, hooks);
    bound.stop();
    bound.stop();
    assert.equal(bound.withStartFlags(() => 'compiled'), 'compiled');
    assert.deepEqual(fake.flags, [STOP_GROWING, GROW_AGAIN]);
    assert.equal(fake.cancelled, 1);
  });

  it("compiles with the flags as at start, and bounds again after (V8's code cache)", () => {
    const { fake, hooks } = fakeHooks(8 * MiB);
    const bound = boundYoungGeneration(() => false, 8 * MiB, hooks);
    assert.equal(
      bound.withStartFlags(() => fake.flags.at(-1)),
      GROW_AGAIN,
    );
    assert.deepEqual(fake.flags, [STOP_GROWING, GROW_AGAIN, STOP_GROWING]);
    assert.throws(() => bound.withStartFlags(() => { throw new Error('compile failed'); }), /compile failed/);
    assert.equal(fake.flags.at(-1), STOP_GROWING, 'bounded again after a throw');
    const below = fakeHooks(2 * MiB);
    assert.equal(boundYoungGeneration(() => false, 8 * MiB, below.hooks).withStartFlags(() => 7), 7);
    assert.deepEqual(below.fake.flags, []);
  });
});

/**
 * A child process that keeps what it allocates, a slice at a time with the event
 * loop turning between slices (as the command line's cache load does), and prints
 * its new space's largest size in MiB. `worker`: a worker thread starts halfway;
 * `counted`: the bound is told of it.
 */
function largestNewSpace(options: { bound: boolean; worker?: boolean; counted?: boolean }): number {
  const module = path.resolve(__dirname, '../../../src/cli/young-generation.ts');
  const script = `
    const v8 = require('node:v8');
    const { Worker } = require('node:worker_threads');
    const { boundYoungGeneration } = require(${JSON.stringify(module)});
    const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    let worker;
    if (${options.bound}) boundYoungGeneration(() => ${options.counted === true} && worker !== undefined);
    const kept = [];
    let largest = 0;
    let slice = 0;
    const step = () => {
      for (let i = 0; i < 2000; i++) kept.push({ n: i, text: 'entry ' + slice + ':' + i, list: [i, slice] });
      largest = Math.max(largest, newSpace());
      if (++slice === 150 && ${options.worker === true}) worker = new Worker('setTimeout(() => {}, 200)', { eval: true });
      if (slice < 300) setTimeout(step, 0);
      else { process.stdout.write(String(largest / 1048576)); process.exit(0); }
    };
    step();`;
  return Number(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' }));
}

describe('boundYoungGeneration in V8 (a child process)', function () {
  this.timeout(60_000);
  const bound = NEW_SPACE_BOUND / MiB;

  it('without the bound, what the run keeps grows the new space past it (what the bound is for)', () => {
    assert.ok(largestNewSpace({ bound: false }) > bound);
  });

  it('with the bound, the new space stays at it', () => {
    assert.ok(largestNewSpace({ bound: true }) <= bound);
  });

  it('stays at it after a worker thread starts, which puts the flag back to its default', () => {
    // Without setting the flag again, the new space grew to 32 MiB here; between a
    // worker's start and the next check it may grow once.
    assert.ok(largestNewSpace({ bound: true, worker: true }) <= 2 * bound);
  });

  it('grows again once the bound is told the workers started', () => {
    assert.ok(largestNewSpace({ bound: true, worker: true, counted: true }) > 2 * bound);
  });

  // Regression: with the bound in force, V8 refused the command line's code caches
  // (made under other flags) and they were written again at every run.
  it("V8 refuses cached code made or read under other flags; withStartFlags makes and reads it as at start", () => {
    const module = path.resolve(__dirname, '../../../src/cli/young-generation.ts');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bom-flags-'));
    // One process per step: V8 keeps the flags' hash once it has computed it.
    const step = (mode: string, file: string): string => {
      const script = `
        const vm = require('node:vm');
        const fs = require('node:fs');
        const { boundYoungGeneration } = require(${JSON.stringify(module)});
        const [mode, file] = process.argv.slice(1);
        const source = 'function f(x) { return x * 2; } f(21);';
        const compile = (cachedData) => new vm.Script(source, { filename: 'a.js', ...(cachedData ? { cachedData } : {}) });
        const make = (around) => { const s = around(() => compile()); s.runInThisContext(); fs.writeFileSync(file, around(() => s.createCachedData())); };
        const read = (around) => process.stdout.write(String(around(() => compile(fs.readFileSync(file)).cachedDataRejected)));
        const plain = (f) => f();
        if (mode === 'make' || mode === 'read') (mode === 'make' ? make : read)(plain);
        else {
          const bound = boundYoungGeneration(() => false, 0);
          const around = mode.endsWith('as-at-start') ? (f) => bound.withStartFlags(f) : plain;
          (mode.includes('make') ? make : read)(around);
          bound.stop();
        }
        process.exit(0);`;
      return execFileSync(process.execPath, ['--import', 'tsx', '-e', script, mode, file], { encoding: 'utf8' });
    };
    try {
      const atStart = path.join(dir, 'at-start');
      step('make', atStart);
      assert.equal(step('bounded-read', atStart), 'true', 'made at start, read under the bound: refused');
      assert.equal(step('bounded-read-as-at-start', atStart), 'false');
      const bounded = path.join(dir, 'bounded');
      step('bounded-make', bounded);
      assert.equal(step('read', bounded), 'true', 'made under the bound, read at start: refused');
      step('bounded-make-as-at-start', bounded);
      assert.equal(step('read', bounded), 'false');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
