// The command line's bound on its main thread's young generation (V8's new
// space, where objects are made and most die).
//
// V8 doubles the new space (up to 16 MiB a semi-space, 32 MiB in all, on Node 20)
// each time enough objects survive it, and a run keeps many: a warm run over tldr
// loads 38,000 cache entries and keeps an outcome per document. Those 32 MiB were
// a fifth of the run's peak memory and bought no time: with the new space held at
// 8 MiB, warm tldr peaked at 126-130 MiB instead of 146-151 in the same time and
// CPU time (7 and 9 interleaved runs). Runs with worker threads are left alone
// once the workers start (see boundYoungGeneration).
//
// Node sizes the young generation only at start (--max-semi-space-size), which
// `node dist/cli.js` does not pass, and has no API for it later. V8 reads
// --semi-space-growth-factor each time it grows the new space, so once the new
// space has reached the bound, a growth factor of 1 keeps it there. Flags are the
// process's: the command line sets them for its own process, and the editor never
// does (its extension host is shared with every other extension). Each check costs
// about 1 microsecond, 7 when it sets the flag.
//
// V8's code cache carries a hash of the flags it was made under and is refused
// under others: made or read while the bound was in force, the command line's
// code caches were refused and written again at every run (rust-rfcs: 30-40 ms
// more a run). They are made and read with the flags as at start (withStartFlags).
import * as v8 from 'node:v8';

/** The new space (both semi-spaces) stops growing once it holds this many bytes. */
export const NEW_SPACE_BOUND = 8 * 1024 * 1024;

/** How often the bound is checked: often enough that the new space grows at most once between two looks. */
export const CHECK_EVERY_MS = 4;

/** The V8 flag that stops the new space growing, and the default that lets it grow again. */
export const STOP_GROWING = '--semi-space-growth-factor=1';
export const GROW_AGAIN = '--semi-space-growth-factor=2';

export interface YoungGenerationHooks {
  /** The new space's size in bytes, both semi-spaces. */
  newSpaceBytes(): number;
  setFlags(flags: string): void;
  /** Calls `check` every `ms` until the returned function is called; must not keep the process alive. */
  every(ms: number, check: () => void): () => void;
}

function newSpaceBytes(): number {
  return v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
}

const NODE_HOOKS: YoungGenerationHooks = {
  newSpaceBytes,
  setFlags: (flags) => v8.setFlagsFromString(flags),
  every(ms, check) {
    const timer = setInterval(check, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** A bound in force: see boundYoungGeneration. */
export interface YoungGenerationBound {
  /** Stops checking and lets the new space grow again. */
  stop(): void;
  /**
   * Runs `compile` with V8's flags as at start, as V8's code cache needs (see
   * CompileCache.compileWith). The bound is back in force when it returns.
   */
  withStartFlags<T>(compile: () => T): T;
}

/**
 * Stops the new space growing once it reaches `bound` bytes, checked every
 * CHECK_EVERY_MS while the event loop turns (long synchronous work should yield,
 * as the command line's cache load does), until `workersStarted()`: worker
 * threads read the same flag, and a worker held to its first new space took a
 * cold run over tldr 10% more CPU time. Then growth is handed back (the default
 * factor) and the checks end. Until then every check that finds the bound reached
 * sets the flag again: Node puts V8's flags back to their defaults when a worker
 * thread starts (measured on Node 20), and a worker may come and go (a large
 * file's ranges).
 */
export function boundYoungGeneration(workersStarted: () => boolean, bound = NEW_SPACE_BOUND, hooks: YoungGenerationHooks = NODE_HOOKS): YoungGenerationBound {
  let bounded = false;
  let cancel: (() => void) | undefined;
  const stop = () => {
    cancel?.();
    cancel = undefined;
    if (bounded) hooks.setFlags(GROW_AGAIN);
    bounded = false;
  };
  const check = () => {
    if (workersStarted()) return stop();
    if (hooks.newSpaceBytes() < bound) return;
    hooks.setFlags(STOP_GROWING);
    bounded = true;
  };
  cancel = hooks.every(CHECK_EVERY_MS, check);
  check();
  return {
    stop,
    withStartFlags<T>(compile: () => T): T {
      if (!bounded) return compile();
      hooks.setFlags(GROW_AGAIN);
      try {
        return compile();
      } finally {
        hooks.setFlags(STOP_GROWING);
      }
    },
  };
}
