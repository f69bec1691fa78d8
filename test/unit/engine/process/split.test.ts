// A large file analysed in byte ranges (range.ts on the workers, split.ts on the
// engine's thread) must end exactly as streaming it through one thread does:
// same results, same SHA-1 of the bytes, same reasons and details when it fails.
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { Engine } from '../../../../src/engine/engine';
import { nodeFileSystem } from '../../../../src/engine/read/fs';
import { generatedOptions } from '../../../../src/engine/read/generated';
import { processDocument } from '../../../../src/engine/process/process';
import type { ProcessOptions } from '../../../../src/engine/process/job';
import { processRange, type RangeJob, type RangeOutcome } from '../../../../src/engine/process/range';
import { DEFAULT_READ } from '../../../../src/engine/read/read';
import { joinRanges, planRanges, runRanges, type Split } from '../../../../src/engine/process/split';
import type { Outcome } from '../../../../src/engine/types';
import { createAnalyze } from '../../../../src/operations/analyze';
import { makeTree, removeTree } from '../../../helpers/tree';

const generated = generatedOptions({ maxLineLength: 60, maxRunLength: 25 });

/** The document streamed through one thread (no ranges): what ranges must reproduce. */
function whole(file: string) {
  const size = fs.statSync(file).size;
  const options: ProcessOptions = { read: { ...DEFAULT_READ, wholeThreshold: 8, chunkBytes: 16, rangeBytes: 0 }, chunk: { maxChars: 40, overlap: 8 }, generated };
  return processDocument({ path: file, root: path.dirname(file), size, mtimeMs: 0 }, [createAnalyze()], options);
}

/** The same document in ranges of rangeBytes, each range on its own, joined in order. */
function ranged(file: string, rangeBytes: number, readBytes: number) {
  const size = fs.statSync(file).size;
  const bom = fs.readFileSync(file).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? 3 : 0;
  const split: Split = { kind: 'split', path: file, root: path.dirname(file), size, mtimeMs: 0, bom };
  const ops = [createAnalyze()];
  const answers = planRanges(split, rangeBytes).map((job) => processRange(job, ops, { read: { ...DEFAULT_READ, chunkBytes: readBytes }, generated }, nodeFileSystem));
  return joinRanges(split, ops, answers, 0);
}

/** The outcome without its timing. */
const strip = (o: object): Record<string, unknown> => {
  const { ms: _ms, ...rest } = o as Record<string, unknown>;
  return rest;
};

const PARTS = ['word ', 'Words. ', 'TODO fix ', '\n', '\r\n', '\n\n', '# Head\n', '```\n', 'é', '字', '😀', '…', '  ', 'x'.repeat(30), 'FIXME: ', '## Two ##\n'];

describe('a large file in byte ranges', function () {
  this.timeout(20_000);
  let root: string;
  afterEach(() => root && removeTree(root));

  it('gives the whole stream\'s outcome (results, SHA-1, reason and detail) wherever the ranges and reads fall (property)', () => {
    root = makeTree({});
    const file = path.join(root, 'doc.md');
    let splits = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PARTS), { minLength: 1, maxLength: 120 }), fc.integer({ min: 1, max: 97 }), fc.integer({ min: 1, max: 13 }), fc.boolean(), (parts, rangeBytes, readBytes, withBom) => {
        const bytes = Buffer.concat([withBom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(parts.join(''))]);
        fs.writeFileSync(file, bytes);
        const expected = strip(whole(file));
        const got = strip(ranged(file, rangeBytes, readBytes));
        assert.deepEqual(got, expected);
        if (got.kind === 'processed') {
          assert.equal(got.hash, crypto.createHash('sha1').update(bytes).digest('hex'));
          splits++;
        }
      }),
      { numRuns: 300 },
    );
    assert.ok(splits > 50, `${splits} documents were processed, not only skipped`);
  });

  it('names the document\'s line when a later range is generated, and the byte when it is not UTF-8', () => {
    root = makeTree({});
    const file = path.join(root, 'doc.md');
    fs.writeFileSync(file, 'short line\n'.repeat(40) + 'y '.repeat(40) + '\nmore\n');
    const long = ranged(file, 64, 16);
    assert.deepEqual([long.kind, (long as { reason?: string }).reason, (long as { detail?: string }).detail], ['skipped', 'generated', 'line 41 is longer than 60 characters (generated or minified)']);
    assert.deepEqual(strip(long), strip(whole(file)));

    fs.writeFileSync(file, Buffer.concat([Buffer.from('fine text\n'.repeat(30)), Buffer.from([0xc3, 0x28]), Buffer.from(' and on\n'.repeat(5))]));
    const bad = ranged(file, 50, 16);
    assert.deepEqual([bad.kind, (bad as { reason?: string }).reason, (bad as { detail?: string }).detail], ['skipped', 'invalid-encoding', 'not valid UTF-8 near byte 300']);
    assert.deepEqual(strip(bad), strip(whole(file)));
  });

  it('a range that holds no line start owns nothing and reads only its own span (a one-line file)', () => {
    root = makeTree({});
    const file = path.join(root, 'line.md');
    fs.writeFileSync(file, 'word '.repeat(2000));
    const off = generatedOptions({ maxLineLength: 0, maxRunLength: 0 });
    let read = 0;
    const counting = { ...nodeFileSystem, read: (fd: number, b: Uint8Array, o: number, l: number, p: number | null) => { const n = nodeFileSystem.read(fd, b, o, l, p); read += n; return n; } };
    const later = processRange({ path: file, size: 10_000, from: 4000, to: 5000, mode: 'map', bom: 0 }, [createAnalyze()], { read: { ...DEFAULT_READ, chunkBytes: 256 }, generated: off }, counting);
    assert.deepEqual(later, { kind: 'mapped', partials: [createAnalyze().empty()], newlines: 0 });
    assert.ok(read <= 1000, `read ${read} bytes`);
    // The first range owns the whole line, and the join equals one stream.
    const split: Split = { kind: 'split', path: file, root, size: 10_000, mtimeMs: 0, bom: 0 };
    const ops = [createAnalyze()];
    const answers = planRanges(split, 1000).map((job) => processRange(job, ops, { read: { ...DEFAULT_READ, chunkBytes: 256 }, generated: off }));
    const joined = joinRanges(split, ops, answers, 0);
    assert.equal(joined.kind === 'processed' && (joined.results.analyze as { words: number }).words, 2000);
  });

  it('fails changed-while-reading when the file no longer has the size it was split at', () => {
    root = makeTree({ 'doc.md': 'some words\n'.repeat(100) });
    const file = path.join(root, 'doc.md');
    const job: RangeJob = { path: file, size: 1100, from: 500, to: 1000, mode: 'map', bom: 0 };
    fs.appendFileSync(file, 'more\n');
    const o = processRange(job, [createAnalyze()], { read: { ...DEFAULT_READ, chunkBytes: 64 }, generated });
    assert.deepEqual(o, { kind: 'error', outcome: 'failed', reason: 'changed-while-reading', detail: `grew from 1100 to 1105 bytes while streamed: ${file}` });
  });

  it('starts no range after one that ends the document, none while paused, and none once cancelled', async () => {
    const split: Split = { kind: 'split', path: '/x', root: '/', size: 100, mtimeMs: 0, bom: 0 };
    const plan = planRanges(split, 10);
    assert.deepEqual(plan.map((j) => [j.mode, j.from, j.to]), [['hash', 0, 100], ...Array.from({ length: 10 }, (_, k) => ['map', k * 10, k * 10 + 10])]);
    const started: number[] = [];
    const answers = await runRanges(plan, async (job) => {
      started.push(job.from);
      const ends = job.mode === 'map' && job.from === 30;
      return (ends ? { kind: 'error', outcome: 'skipped', reason: 'invalid-encoding', detail: 'bad' } : job.mode === 'hash' ? { kind: 'hashed', hash: 'h' } : { kind: 'mapped', partials: [], newlines: 0 }) satisfies RangeOutcome;
    }, 2, new AbortController().signal);
    assert.ok(answers);
    assert.ok(started.length <= 6, `started ${started.length} of 11`);
    assert.equal(answers[4]?.kind, 'error');

    // Paused: nothing starts until the pause ends.
    let resume!: () => void;
    let pause: Promise<void> | undefined = new Promise<void>((r) => (resume = r));
    const during: number[] = [];
    const gated = runRanges(plan, async (job) => {
      during.push(job.from);
      return job.mode === 'hash' ? { kind: 'hashed', hash: 'h' } : { kind: 'mapped', partials: [], newlines: 0 };
    }, 2, new AbortController().signal, () => pause);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(during, [], 'nothing started while paused');
    pause = undefined;
    resume();
    assert.equal((await gated)?.filter((a) => a !== undefined).length, 11);

    const abort = new AbortController();
    const cancelled = await runRanges(plan, async () => {
      abort.abort();
      return { kind: 'hashed', hash: 'h' };
    }, 2, abort.signal);
    assert.equal(cancelled, undefined);
  });

  it('runs on the worker threads of a real engine: the same outcome as one stream, and the cache serves it next time', async () => {
    const body = Array.from({ length: 3000 }, (_, i) => (i % 50 === 0 ? `## Part ${i}\n` : `Line ${i} has some words, TODO maybe. 字😀\n`)).join('');
    root = makeTree({ 'big.md': body, 'small.md': 'two words\n' });
    const run = async (rangeBytes: number) => {
      const e = new Engine({ concurrency: 2 });
      try {
        const options = { roots: [root], discover: { streamLarge: true }, read: { wholeThreshold: 4096, rangeBytes } };
        const first = await e.run(options).done;
        const second = await e.run(options).done;
        return { first, second };
      } finally {
        await e.close();
      }
    };
    const big = (outcomes: readonly Outcome[]) => outcomes.find((o) => o.path.endsWith('big.md'))!;
    const split = await run(16 * 1024);
    const single = await run(0);
    const a = big(split.first.outcomes);
    const b = big(single.first.outcomes);
    assert.equal(a.kind, 'processed');
    assert.deepEqual(a.kind === 'processed' && a.results, b.kind === 'processed' && b.results);
    assert.equal(a.kind === 'processed' && a.hash, crypto.createHash('sha1').update(body).digest('hex'));
    assert.deepEqual(split.first.summary.operations, single.first.summary.operations);
    assert.equal(big(split.second.outcomes).kind, 'cached');
    assert.deepEqual(split.second.summary.operations, single.first.summary.operations);
  });
});
