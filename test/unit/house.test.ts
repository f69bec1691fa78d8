// The house rules a newcomer relies on: the import graph of src/ has no circle
// (type-only imports count: a circle of types still ties the modules together),
// and no file of src/ grows past 400 lines unless it is listed here with why.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SRC = path.resolve(__dirname, '..', '..', 'src');

/** Files allowed over 400 lines, with the reason. */
const LONG_FILES: Record<string, string> = {
  'engine/run/run.ts': 'BatchRun, the run itself: discovery, dispatch and settling share one state (queue, tally, limits, gate); each of its other jobs is a file beside it in engine/run/',
};

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.ts$/.test(e.name) ? [p] : [];
  });
}

/** The relative imports of a module, resolved to files of src/. */
export function localImports(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const base = path.resolve(path.dirname(file), m[1] as string);
    const found = [base, `${base}.ts`, path.join(base, 'index.ts')].find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
    if (found) out.push(found);
  }
  return out;
}

/** Every cycle's first appearance in a depth-first walk, as a list of files. */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (n: string): void => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      if (state.get(m) === 'open') cycles.push([...stack.slice(stack.indexOf(m)), m]);
      else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of graph.keys()) if (!state.has(n)) visit(n);
  return cycles;
}

describe('the house', () => {
  it('finds a cycle when there is one (self-check)', () => {
    assert.deepEqual(findCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]])), [['a', 'b', 'c', 'a']]);
    assert.deepEqual(findCycles(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]])), []);
  });

  it('no import circle in src/ (the process -> split -> range -> process one is gone)', () => {
    const graph = new Map(files(SRC).map((f) => [f, localImports(f, fs.readFileSync(f, 'utf8'))] as const));
    assert.ok(graph.size > 50, 'the sources are where the test looks');
    const cycles = findCycles(graph).map((c) => c.map((f) => path.relative(SRC, f)).join(' -> '));
    assert.deepEqual(cycles, []);
  });

  it('no file of src/ over 400 lines but the ones listed with a reason', () => {
    const long = files(SRC)
      .map((f) => [path.relative(SRC, f), fs.readFileSync(f, 'utf8').split('\n').length] as const)
      .filter(([f, n]) => n > 400 && !(f in LONG_FILES))
      .map(([f, n]) => `${f} (${n} lines)`);
    assert.deepEqual(long, []);
  });
});
