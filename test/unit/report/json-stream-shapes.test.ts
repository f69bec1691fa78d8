// The streamed JSON report against toJson for the shapes the fixture runs do not
// make: white space in saved results, skipped and failed documents, --fix's list,
// large documents over several chunks, empty entries, object-valued fields.
import assert from 'node:assert/strict';
import type { CacheEntry } from '../../../src/engine/cache/cache-entry';
import { FindingsStore } from '../../../src/engine/findings/store';
import type { RunReport } from '../../../src/engine/run/run';
import type { Outcome, Summary } from '../../../src/engine/types';
import { formatReport, toJson } from '../../../src/report/format';
import { formatReportChunks, jsonReportChunks } from '../../../src/report/json-stream';

const summary = { counts: { discovered: 1, queued: 0, processed: 1, cached: 0, skipped: 0, failed: 0 }, accounted: true } as unknown as Summary;
const meta = { roots: ['/r'], generatedAt: '2026-01-01T00:00:00.000Z' };
const streamed = (report: RunReport, m = meta) => Buffer.concat([...jsonReportChunks(report, m)]).toString('utf8');
const processed = (path: string, results: Record<string, unknown>, over: Partial<Outcome> = {}): Outcome =>
  ({ kind: 'processed', path, root: '/r', size: 1, mtimeMs: 1, hash: 'h', source: 'disk', encoding: 'utf-8', ms: 1.23456, results, ...over }) as Outcome;
const entry = (json: string): CacheEntry => ({ size: 1, mtimeMs: 1, hash: 'h', cost: 1, json });
const report = (outcomes: Outcome[], entries?: CacheEntry[][]): RunReport => ({ summary, outcomes, findings: new FindingsStore(), ...(entries ? { entries } : {}) }) as RunReport;

describe('the streamed JSON report: more shapes', () => {
  // Saved results are JSON.stringify's compact text (an executor made them; a cache
  // file's checksum vouches for its bytes) and are copied as they are: text with
  // white space in it still makes the same JSON, only not on one line.
  it('copies saved results with white space in them (space, tab, CR, LF) as the same JSON', () => {
    const results = { analyze: { a: [1, 2], b: 'x \t\r\n y', c: {}, d: [], e: -1.5e-7, f: true } };
    const spaced = '{ "analyze" :\t{ "a" : [ 1 ,\r\n2 ] , "b" : "x \\t\\r\\n y" ,\n"c" : { \t} , "d" : [\r\n] , "e" : -1.5e-7 , "f" : true } \n}';
    const r = report([processed('/r/a.md', results)], [[entry(spaced)]]);
    assert.ok(streamed(r).includes(spaced), 'copied as it is');
    assert.deepEqual(JSON.parse(streamed(r)), JSON.parse(toJson(r, meta)));
    const compact = report([processed('/r/a.md', results)], [[entry(JSON.stringify(results))]]);
    assert.equal(streamed(compact), toJson(compact, meta));
  });

  it('several entries with white space inside their braces, empty ones among them, merge into one object', () => {
    const r = report(
      [processed('/r/a.md', { lint: { n: 1 }, links: { m: [2] } })],
      [[entry('{ "lint" : { "n" : 1 } \r\n}'), entry('{ \n }'), entry('{"links":{"m":[2]}\t}'), entry('{}')]],
    );
    assert.deepEqual(JSON.parse(streamed(r)), JSON.parse(toJson(r, meta)));
    const compact = report(
      [processed('/r/a.md', { lint: { n: 1 }, links: { m: [2] } })],
      [[entry('{"lint":{"n":1}}'), entry('{}'), entry('{"links":{"m":[2]}}'), entry('{}')]],
    );
    assert.equal(streamed(compact), toJson(compact, meta));
    const allEmpty = report([processed('/r/a.md', {})], [[entry('{ }'), entry('{}')]]);
    assert.equal(streamed(allEmpty), toJson(allEmpty, meta));
  });

  it('no entries for a document: its results from the outcome', () => {
    const r = report([processed('/r/a.md', { analyze: { words: 3 } })], [[]]);
    assert.equal(streamed(r), toJson(r, meta));
  });

  it('skipped and failed documents (no results, their reason and detail), in path order with the others', () => {
    const outcomes = [
      { kind: 'failed', path: '/r/c.md', root: '/r', size: 3, mtimeMs: 2, reason: 'timeout', detail: 'after 5 s' },
      processed('/r/b.md', { analyze: { words: 1 } }),
      { kind: 'skipped', path: '/r/a.bin', root: '/r', size: 4, mtimeMs: 2, reason: 'binary' },
      { kind: 'cached', path: '/r/d.md', root: '/r', size: 1, mtimeMs: 1, hash: 'h', via: 'identity', results: { analyze: { words: 2 } } },
    ] as Outcome[];
    const r = report(outcomes);
    assert.equal(streamed(r), toJson(r, meta));
    assert.equal(streamed(report([...outcomes].reverse())), toJson(r, meta));
  });

  it('findings, streamed one at a time, are the same text as written at once: none, one, a few hundred', () => {
    for (const n of [0, 1, 255, 256, 257, 600]) {
      const store = new FindingsStore();
      const outcomes: Outcome[] = [];
      for (let d = 0; d < 3; d++) {
        const path = `/r/d${d}.md`;
        outcomes.push(processed(path, {}));
        const count = Math.floor(n / 3) + (d < n % 3 ? 1 : 0);
        store.set(
          path,
          'links',
          'document',
          Array.from({ length: count }, (_, i) => ({
            rule: i % 2 ? 'missing-file' : 'unused-definition',
            severity: i % 3 ? 'warning' : 'error',
            message: `Finding ${i} in “${path}” \u{1F600}`,
            range: { start: { line: i + 1, column: 1 }, end: { line: i + 1, column: 5 } },
            ...(i % 5 === 0 ? { fix: { description: 'Fix it', edits: [{ range: { start: { line: i + 1, column: 1 }, end: { line: i + 1, column: 5 } }, newText: 'x\ny' }] } } : {}),
          })) as never,
        );
      }
      const r = { summary, outcomes, findings: store } as RunReport;
      assert.equal(r.findings.all().length, n);
      assert.equal(streamed(r), toJson(r, meta), `${n} findings`);
    }
  });

  it('has an indented head, then each document, finding and fix as compact JSON on a line of its own', () => {
    const store = new FindingsStore();
    store.set('/r/a.md', 'links', 'document', [{ rule: 'missing-file', severity: 'error', message: 'Line\nbreak', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } }] as never);
    const outcomes = [processed('/r/a.md', { analyze: { words: 1, headings: [{ text: 'a\nb' }] } }), { kind: 'skipped', path: '/r/b.bin', root: '/r', size: 4, mtimeMs: 2, reason: 'binary' }] as Outcome[];
    const m = { ...meta, fixes: [{ path: '/r/a.md', status: 'fixed' as const, problems: 1 }] };
    const text = streamed({ summary, outcomes, findings: store } as RunReport, m);
    assert.ok(text.startsWith('{\n  "tool": "batch-ops",\n  "generatedAt": '), 'the head as JSON.stringify indents it (what the one write path recognises)');
    const lines = text.split('\n');
    const elements = (key: string) => {
      const from = lines.indexOf(`  "${key}": [`);
      assert.ok(from > 0, key);
      const out: unknown[] = [];
      for (let i = from + 1; !lines[i]!.startsWith('  ]'); i++) out.push(JSON.parse(lines[i]!.replace(/^ {4}/, '').replace(/,$/, '')));
      return out;
    };
    const parsed = JSON.parse(text) as { documents: unknown[]; findings: unknown[]; fixes: unknown[] };
    assert.deepEqual(elements('documents'), parsed.documents);
    assert.equal(parsed.documents.length, 2);
    assert.deepEqual(elements('findings'), parsed.findings);
    assert.deepEqual(elements('fixes'), parsed.fixes);
  });

  it("--fix's list after the findings", () => {
    const r = report([processed('/r/a.md', {})]);
    const m = { ...meta, fixes: [{ path: '/r/a.md', status: 'fixed' as const, problems: 2 }, { path: '/r/b.md', status: 'refused' as const, reason: 'changed' }] };
    assert.equal(streamed(r, m), toJson(r, m));
    const empty = report([]);
    assert.equal(streamed(empty, m), toJson(empty, m));
  });

  it('fields that are undefined are left out, object-valued ones indented in place', () => {
    const r = report([processed('/r/a.md', {}, { encoding: undefined, source: { kind: 'editor', n: [1, { x: null }] } as never, hash: null as never })]);
    assert.equal(streamed(r), toJson(r, meta));
  });

  it('large documents come in several chunks of about 64 KiB, and the text is the same', () => {
    const long = 'é'.repeat(70_000);
    const outcomes = Array.from({ length: 5 }, (_, i) => processed(`/r/${i}.md`, { analyze: { text: long, n: i, list: Array.from({ length: 100 }, (_, k) => k * 1.5) } }));
    const r = report(outcomes, outcomes.map((o) => [entry(JSON.stringify(o.kind === 'processed' ? o.results : {}))]));
    const chunks = [...jsonReportChunks(r, meta)];
    assert.ok(chunks.length >= 5, `${chunks.length} chunks`);
    for (const c of chunks) assert.ok(c.length > 0);
    assert.equal(Buffer.concat(chunks).toString('utf8'), toJson(r, meta));
    const one = report([processed('/r/x.md', { s: 'x'.repeat(200_000) })], [[entry(JSON.stringify({ s: 'x'.repeat(200_000) }))]]);
    assert.equal(streamed(one), toJson(one, meta), 'one token longer than a chunk');
    assert.equal(streamed(report(outcomes)), toJson(r, meta), 'results from the outcomes, without entries');
  });

  it('with reuse, a writer that is done with each chunk before the next gets the same text in less memory', () => {
    const outcomes = Array.from({ length: 400 }, (_, i) => processed(`/r/${i}.md`, { analyze: { text: 'é'.repeat(2_000), n: i } }));
    const r = report(outcomes, outcomes.map((o) => [entry(JSON.stringify(o.kind === 'processed' ? o.results : {}))]));
    const written: Buffer[] = [];
    const memory = new Set<ArrayBufferLike>();
    let chunks = 0;
    for (const chunk of jsonReportChunks(r, meta, { reuse: true })) {
      written.push(Buffer.from(chunk)); // written, as writeAtomic does, before the next is asked for
      memory.add(chunk.buffer);
      chunks++;
    }
    assert.equal(Buffer.concat(written).toString('utf8'), toJson(r, meta));
    assert.ok(chunks >= 20 && memory.size <= 3, `${chunks} chunks in ${memory.size} buffers`);
    // Without reuse, chunks are kept whole: a writer may queue them (standard output).
    const kept = [...jsonReportChunks(r, meta)];
    assert.equal(new Set(kept.map((c) => c.buffer)).size, kept.length);
    assert.equal(Buffer.concat(kept).toString('utf8'), toJson(r, meta));
  });

  it('a token of more than 64 bytes, numbers and literals up to their delimiter', () => {
    const results = { k: ['y'.repeat(63), 'z'.repeat(64), 'w'.repeat(65)], n: [12345678901234567890, 0, -0.25, null, false], o: { 'q': 1e300 } };
    const r = report([processed('/r/a.md', results)], [[entry(JSON.stringify(results))]]);
    assert.equal(streamed(r), toJson(r, meta));
  });

  it('formatReportChunks: JSON in chunks, the other formats as one text', () => {
    const r = report([processed('/r/a.md', { analyze: { words: 1 } })]);
    const json = [...formatReportChunks('json', r, meta)];
    assert.ok(json.length > 0 && json.every((c) => c instanceof Uint8Array), 'streamed as byte chunks, not made as one text');
    assert.equal(Buffer.concat(json.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))).toString('utf8'), toJson(r, meta));
    assert.deepEqual([...formatReportChunks('csv', r, meta)], [formatReport('csv', r, meta)]);
    assert.deepEqual([...formatReportChunks('table', r, meta)], [formatReport('table', r, meta)]);
  });
});
