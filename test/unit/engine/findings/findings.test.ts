// Operations become plural: results cached per operation, findings in one store,
// and a workspace phase resolved from cached facts without reading files.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../../../../src/engine/engine';
import { FindingsStore } from '../../../../src/engine/findings/store';
import type { WorkspaceResolver } from '../../../../src/operations/operation';
import { makeTree, removeTree } from '../../../helpers/tree';

const COUNTING = path.resolve(__dirname, '../../../fixtures/operations/counting.cjs');
const finishes = () => ({ ...((globalThis as { countingFinishes?: Record<string, number> }).countingFinishes ?? {}) });
const delta = (before: Record<string, number>) => {
  const now = finishes();
  return Object.fromEntries(Object.keys(now).map((k) => [k, (now[k] ?? 0) - (before[k] ?? 0)]).filter(([, n]) => n !== 0));
};

describe('operations and findings', () => {
  let root: string;
  let engine: Engine;
  beforeEach(() => {
    root = makeTree({ 'alice.md': 'hello @bob and @carol\n', 'bob.md': 'I am LOUD\n@alice\n', 'notes.txt': 'NASA said so\n' });
    engine = new Engine({ concurrency: 0, workerModules: [COUNTING] });
  });
  afterEach(async () => {
    await engine.close();
    removeTree(root);
  });

  it('caches results per operation: adding one runs only it, and a warm run reads nothing', async () => {
    let before = finishes();
    const first = await engine.run({ roots: [root], operations: [{ id: 'words' }] }).done;
    assert.deepEqual(delta(before), { words: 3 });
    assert.equal(first.summary.counts.processed, 3);

    before = finishes();
    const second = await engine.run({ roots: [root], operations: [{ id: 'words' }, { id: 'mentions' }] }).done;
    assert.deepEqual(delta(before), { mentions: 2 }, 'words came from the cache, mentions ran on the two .md files');
    assert.deepEqual(second.summary.counts, { discovered: 3, queued: 0, processed: 2, cached: 1, skipped: 0, failed: 0 });
    const bob = second.outcomes.find((o) => o.path.endsWith('bob.md'))!;
    assert.ok(bob.kind === 'processed');
    assert.deepEqual(Object.keys(bob.results).sort(), ['mentions', 'words'], 'the cached and the fresh results together');

    before = finishes();
    const third = await engine.run({ roots: [root], operations: [{ id: 'words' }, { id: 'mentions' }] }).done;
    assert.deepEqual(delta(before), {});
    assert.equal(third.summary.counts.cached, 3);
  });

  it("collects the operations' notices, each once, from fresh and from cached results", async () => {
    const cold = await engine.run({ roots: [root], operations: [{ id: 'words' }] }).done;
    assert.deepEqual(cold.notices, ['someone is shouting'], 'two documents shout: one notice');
    const warm = await engine.run({ roots: [root], operations: [{ id: 'words' }] }).done;
    assert.equal(warm.summary.counts.cached, 3);
    assert.deepEqual(warm.notices, ['someone is shouting'], 'a warm run says it again');
    const quiet = await engine.run({ roots: [root], operations: [{ id: 'mentions' }] }).done;
    assert.deepEqual(quiet.notices, []);
  });

  it('puts every document finding in the store, with operation, file and range', async () => {
    const { findings } = await engine.run({ roots: [root], operations: [{ id: 'words' }] }).done;
    assert.deepEqual(
      findings.all().map((f) => [f.operation, f.rule, path.basename(f.file), f.range.start.line, f.range.start.column, f.range.end.column]),
      [
        ['words', 'shout', 'bob.md', 1, 6, 10],
        ['words', 'shout', 'notes.txt', 1, 1, 5],
      ],
    );
  });

  it('resolves the workspace phase after the documents, and again from cached facts without reading a file', async () => {
    const ops = [{ id: 'mentions' }];
    const first = await engine.run({ roots: [root], operations: ops }).done;
    const unknown = (store: FindingsStore) => store.all().filter((f) => f.rule === 'unknown-mention').map((f) => `${path.basename(f.file)}:${f.range.start.line}:${f.range.start.column}`);
    assert.deepEqual(unknown(first.findings), ['alice.md:1:16'], '@carol has no document, @bob and @alice do');

    const before = finishes();
    const warm = await engine.run({ roots: [root], operations: ops }).done;
    assert.deepEqual(delta(before), {}, 'nothing read or processed');
    assert.equal(warm.summary.counts.cached, 2);
    assert.deepEqual(unknown(warm.findings), ['alice.md:1:16']);
  });

  it('a kept resolver re-resolves only what a run set again; the store updates just that document', async () => {
    const store = new FindingsStore();
    const resolvers = new Map<string, WorkspaceResolver>();
    await engine.run({ roots: [root], operations: [{ id: 'mentions' }], findings: store, resolvers }).done;
    const resolver = resolvers.get('mentions') as WorkspaceResolver & { resolved: number };
    assert.equal(resolver.resolved, 2);
    fs.writeFileSync(path.join(root, 'carol.md'), 'new here\n');
    const changed: string[][] = [];
    store.onDidChange((paths) => changed.push(paths.map((p) => path.basename(p))));
    await engine.run({ roots: [path.join(root, 'carol.md')], operations: [{ id: 'mentions' }], findings: store, resolvers }).done;
    assert.equal(resolver.resolved, 3, 'one more document resolved, not the workspace again');
    assert.deepEqual(changed, [], 'carol.md has no findings and alice.md was not re-resolved by this resolver');
  });

  it('applies the user severities on read, and "off" drops a rule', async () => {
    const store = new FindingsStore({ shout: 'off', 'mentions/unknown-mention': 'warning' });
    await engine.run({ roots: [root], operations: [{ id: 'words' }, { id: 'mentions' }], findings: store }).done;
    assert.deepEqual(
      store.all().map((f) => [f.rule, f.severity]),
      [['unknown-mention', 'warning']],
    );
    assert.equal(store.size, 3, 'the store keeps what it was given; severities apply when read');
  });
});

// all() keeps its sorted list until the store changes (a run's end reads it for
// the report, the exit status and the counts): every change must show.
describe('FindingsStore.all', () => {
  const at = (line: number, rule = 'r') => ({ rule, severity: 'warning' as const, message: rule, range: { start: { line, column: 1 }, end: { line, column: 2 } } });
  const keys = (store: FindingsStore) => store.all().map((f) => `${f.file}:${f.range.start.line}:${f.rule}:${f.severity}`);

  it('orders files as compareFindings does (code units: upper case, then lower, then accents) and positions within each', () => {
    const store = new FindingsStore();
    for (const file of ['b.md', 'é.md', 'B.md', 'a.md']) store.set(file, 'op', 'document', [at(9), at(2)]);
    assert.deepEqual(keys(store), ['B.md:2:r:warning', 'B.md:9:r:warning', 'a.md:2:r:warning', 'a.md:9:r:warning', 'b.md:2:r:warning', 'b.md:9:r:warning', 'é.md:2:r:warning', 'é.md:9:r:warning']);
  });

  it('shows every kind of change after a first read, and a caller cannot change what the next one gets', () => {
    const store = new FindingsStore();
    store.set('a.md', 'op', 'document', [at(1)]);
    const first = store.all();
    first.pop();
    assert.deepEqual(keys(store), ['a.md:1:r:warning']);
    store.set('b.md', 'op', 'workspace', [at(3)]);
    assert.deepEqual(keys(store), ['a.md:1:r:warning', 'b.md:3:r:warning']);
    store.setSeverities({ r: 'error' });
    assert.deepEqual(keys(store), ['a.md:1:r:error', 'b.md:3:r:error']);
    assert.deepEqual(store.counts(['op', 'other']), { op: { error: 2, warning: 0, info: 0 }, other: { error: 0, warning: 0, info: 0 } });
    store.delete('a.md');
    assert.deepEqual(keys(store), ['b.md:3:r:error']);
    store.set('c.md', 'other', 'document', [at(5, 's')]);
    assert.equal(store.all().length, 2);
    store.deleteOperation('op');
    assert.deepEqual(keys(store), ['c.md:5:s:warning']);
    assert.deepEqual(store.counts(), { other: { error: 0, warning: 1, info: 0 } });
    store.set('c.md', 'other', 'document', []);
    assert.deepEqual(keys(store), []);
  });
});
