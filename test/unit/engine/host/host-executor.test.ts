// Host operations in a run: their own concurrency limit, the run's cancel and
// pause, failures confined to a document, and the per-operation cache (a warm run
// calls no host function). Inline engine; the host functions are fakes that count.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Engine } from '../../../../src/engine/engine';
import type { HostDocument, HostOperation, HostResult } from '../../../../src/engine/host/host-operation';
import type { Outcome } from '../../../../src/engine/types';
import { makeTree, removeTree } from '../../../helpers/tree';

const COUNTING = path.resolve(__dirname, '../../../fixtures/operations/counting.cjs');
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};
const byName = (outcomes: readonly Outcome[], name: string) => outcomes.find((o) => path.basename(o.path) === name)!;

/** A host operation that records its calls and how many overlapped. */
function recording(overrides: Partial<HostOperation> & { answer?: (doc: HostDocument) => Promise<HostResult> | HostResult } = {}) {
  const calls: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const op: HostOperation = {
    id: 'review',
    version: 1,
    accepts: ['.md'],
    ...overrides,
    run: async (doc, _signal, progress) => {
      calls.push(path.basename(doc.path));
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        progress(`reviewing ${path.basename(doc.path)}`);
        await turns(3);
        if (overrides.answer) return await overrides.answer(doc);
        const first = doc.text.split('\n')[0]!;
        return { findings: [{ rule: 'first-line', severity: 'info', message: first, range: { start: { line: 1, column: 1 }, end: { line: 1, column: first.length + 1 } } }], data: { chars: doc.text.length } };
      } finally {
        inFlight--;
      }
    },
  };
  return { op, calls, max: () => maxInFlight };
}

describe('host operations in a run', () => {
  let root: string;
  let engine: Engine;
  const files: Record<string, string> = {};
  for (let i = 0; i < 8; i++) files[`doc${i}.md`] = `Title ${i}\nbody\n`;
  files['notes.txt'] = 'not markdown\n';
  beforeEach(() => {
    root = makeTree(files);
    engine = new Engine({ concurrency: 0, workerModules: [COUNTING] });
  });
  afterEach(async () => {
    await engine.close();
    removeTree(root);
  });

  it('calls the function for the documents it accepts, at most `concurrency` at once; results, findings and the summary as a worker operation has them', async () => {
    const host = recording({ concurrency: 3 });
    engine.addHostOperation(host.op);
    const { summary, outcomes, findings } = await engine.run({ roots: [root], operations: [{ id: 'words' }, { id: 'review' }] }).done;
    assert.equal(summary.accounted, true);
    assert.deepEqual(host.calls.sort(), Object.keys(files).filter((f) => f.endsWith('.md')).sort());
    assert.equal(host.max(), 3, 'three calls overlapped, never more');
    const doc0 = byName(outcomes, 'doc0.md');
    assert.equal(doc0.kind, 'processed');
    assert.deepEqual(Object.keys(doc0.kind === 'processed' ? doc0.results : {}).sort(), ['review', 'words']);
    assert.deepEqual(doc0.kind === 'processed' && doc0.results.review && (doc0.results.review as { data: unknown }).data, { chars: 'Title 0\nbody\n'.length });
    const txt = byName(outcomes, 'notes.txt');
    assert.deepEqual(txt.kind === 'processed' ? Object.keys(txt.results) : [], ['words'], 'the filter keeps .txt from the host operation');
    assert.deepEqual(summary.operations.review, { documents: 8, findings: 8 });
    assert.deepEqual(
      findings.forFile(doc0.path).map((f) => [f.operation, f.rule, f.message]),
      [['review', 'first-line', 'Title 0']],
    );
  });

  it('a host function that throws fails that document with operation-error; the run and the other documents go on', async () => {
    const host = recording({
      answer: (doc) => {
        if (doc.path.endsWith('doc3.md')) throw new Error('model refused');
        return { data: 1 };
      },
    });
    engine.addHostOperation(host.op);
    const { summary, outcomes } = await engine.run({ roots: [root], operations: [{ id: 'words' }, { id: 'review' }] }).done;
    assert.equal(summary.state, 'finished');
    assert.deepEqual(summary.failedByReason, { 'operation-error': 1 });
    const bad = byName(outcomes, 'doc3.md');
    assert.equal(bad.kind, 'failed');
    assert.match(bad.kind === 'failed' ? bad.detail : '', /^review: Error: model refused$/);
    assert.equal(summary.counts.processed, 8);
  });

  it('a warm run calls no host function; a changed document calls it for that document alone', async () => {
    const host = recording();
    engine.addHostOperation(host.op);
    const ops = [{ id: 'words' }, { id: 'review' }];
    await engine.run({ roots: [root], operations: ops }).done;
    assert.equal(host.calls.length, 8);
    host.calls.length = 0;
    const warm = await engine.run({ roots: [root], operations: ops }).done;
    assert.equal(host.calls.length, 0, 'no call on a warm run');
    assert.equal(warm.summary.counts.cached, 9);
    assert.deepEqual(warm.findings.forFile(path.join(root, 'doc0.md')).map((f) => f.message), ['Title 0'], 'findings come back from the cache');
    require('node:fs').writeFileSync(path.join(root, 'doc5.md'), 'Changed\n');
    await engine.run({ roots: [root], operations: ops }).done;
    assert.deepEqual(host.calls, ['doc5.md']);
  });

  it('added to a cached run, a host operation runs alone: the worker operations are not run again', async () => {
    await engine.run({ roots: [root], operations: [{ id: 'words' }] }).done;
    const before = (globalThis as { countingFinishes?: Record<string, number> }).countingFinishes?.words ?? 0;
    const host = recording();
    engine.addHostOperation(host.op);
    const { outcomes } = await engine.run({ roots: [root], operations: [{ id: 'words' }, { id: 'review' }] }).done;
    assert.equal(host.calls.length, 8);
    assert.equal((globalThis as { countingFinishes?: Record<string, number> }).countingFinishes?.words ?? 0, before, 'words came from the cache');
    const doc1 = byName(outcomes, 'doc1.md');
    assert.deepEqual(doc1.kind === 'processed' ? Object.keys(doc1.results).sort() : doc1.kind, ['review', 'words']);
  });

  it('settings and version are part of the cache key: an operation registered again with new settings or version is called again', async () => {
    const host = recording({ settings: { model: 'a' } });
    engine.addHostOperation(host.op);
    await engine.run({ roots: [root], operations: [{ id: 'review' }] }).done;
    host.calls.length = 0;
    engine.addHostOperation({ ...host.op });
    await engine.run({ roots: [root], operations: [{ id: 'review' }] }).done;
    assert.equal(host.calls.length, 0, 'the same id, version and settings: cached');
    engine.addHostOperation({ ...host.op, settings: { model: 'b' } });
    await engine.run({ roots: [root], operations: [{ id: 'review' }] }).done;
    assert.equal(host.calls.length, 8);
    host.calls.length = 0;
    engine.addHostOperation({ ...host.op, settings: { model: 'b' }, version: 2 });
    await engine.run({ roots: [root], operations: [{ id: 'review' }] }).done;
    assert.equal(host.calls.length, 8);
  });

  it('a cancel stops new calls: the calls not started never start, their documents are skipped as cancelled, and all are accounted', async () => {
    let cancel = () => {};
    const host = recording({
      concurrency: 1,
      answer: () => {
        cancel();
        return {};
      },
    });
    engine.addHostOperation(host.op);
    const run = engine.run({ roots: [root], operations: [{ id: 'review' }] });
    cancel = () => run.cancel();
    const { summary } = await run.done;
    assert.equal(host.calls.length, 1, 'one call started before the cancel, no other after');
    assert.equal(summary.accounted, true);
    assert.equal(summary.state, 'cancelled');
    assert.equal(summary.counts.processed, 0, 'a cancelled document is not half done');
  });

  it('a cancel does not wait for a host function that ignores its signal', async () => {
    let started!: () => void;
    const call = new Promise<void>((resolve) => (started = resolve));
    const op: HostOperation = { id: 'stuck', version: 1, accepts: ['doc0.md'], run: () => (started(), new Promise<HostResult>(() => {})) };
    engine.addHostOperation(op);
    const run = engine.run({ roots: [root], operations: [{ id: 'stuck' }] });
    await call;
    run.cancel();
    const { summary, outcomes } = await run.done;
    assert.equal(summary.state, 'cancelled');
    assert.equal(byName(outcomes, 'doc0.md').kind, 'skipped');
  });

  it('pause holds new calls until resume', async () => {
    let pause = () => {};
    const host = recording({
      concurrency: 1,
      answer: () => {
        pause();
        pause = () => {};
        return {};
      },
    });
    engine.addHostOperation(host.op);
    const run = engine.run({ roots: [root], operations: [{ id: 'review' }] });
    pause = () => run.pause();
    await new Promise<void>((resolve) => run.on('state', ({ state }) => state === 'paused' && resolve()));
    await turns(20);
    assert.equal(host.calls.length, 1, 'no call starts while paused');
    run.resume();
    const { summary } = await run.done;
    assert.equal(host.calls.length, 8);
    assert.equal(summary.counts.processed, 8);
  });

  it('removing a host operation makes runs that name it fail to start', async () => {
    engine.addHostOperation(recording().op);
    engine.deleteHostOperation('review');
    assert.throws(() => engine.run({ roots: [root], operations: [{ id: 'review' }] }), /Unknown operation "review"/);
  });
});
