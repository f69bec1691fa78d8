// The streamed JSON report (report/json-stream.ts) against the text toJson built
// whole: the same bytes, whatever form the results are in (an executor's text, a
// loaded cache file's bytes, parsed objects, several operations' entries).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SavedJson, type CacheEntry } from '../../../src/engine/cache/cache-entry';
import { Engine } from '../../../src/engine/engine';
import { FindingsStore } from '../../../src/engine/findings/store';
import type { RunReport } from '../../../src/engine/run/run';
import type { Outcome, Summary } from '../../../src/engine/types';
import { BUILTIN_REPORT_OMITS } from '../../../src/operations/report-omits';
import { toJson } from '../../../src/report/format';
import { jsonReportChunks } from '../../../src/report/json-stream';

const FIXTURES = path.resolve(__dirname, '../../fixtures');
type Omit = Readonly<Record<string, readonly string[]>>;
const meta = (roots: readonly string[], omit?: Omit) => ({ roots, generatedAt: '2026-01-01T00:00:00.000Z', ...(omit ? { omit } : {}) });

function streamed(report: RunReport, roots: readonly string[], omit?: Omit): string {
  return Buffer.concat([...jsonReportChunks(report, meta(roots, omit))]).toString('utf8');
}

/** The links results in a JSON report's documents. */
const linksResults = (text: string) =>
  (JSON.parse(text) as { documents: { results?: { links?: Record<string, unknown> } }[] }).documents.flatMap((d) => (d.results?.links ? [d.results.links] : []));

async function runOn(roots: string[], ops: string[], cacheFile?: string, load = false): Promise<RunReport> {
  const engine = new Engine({ concurrency: 0 });
  if (load && cacheFile) engine.cache.load(cacheFile);
  const report = await engine.run({ roots, operations: ops.map((id) => ({ id })) }).done;
  if (cacheFile) engine.cache.save(cacheFile);
  await engine.close();
  return report;
}

const summary = {
  counts: { discovered: 1, queued: 0, processed: 1, cached: 0, skipped: 0, failed: 0 },
  accounted: true,
  bytes: 1,
  elapsedMs: 1,
  docsPerSec: 1,
  mbPerSec: 0,
  peakRss: 1,
  cache: { hits: 0, misses: 1, evictions: 0, entries: 1, bytes: 1, hitRate: 0 },
  state: 'finished',
  skippedByReason: {},
  failedByReason: {},
  operations: {},
} as Summary;

describe('streamed JSON report', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bom-json-stream-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  for (const [name, roots, ops] of [
    ['workspace-a, analyze', [path.join(FIXTURES, 'workspace-a')], ['analyze']],
    ['the lint workspace, every operation', [path.join(FIXTURES, 'lint', 'workspace')], ['analyze', 'links', 'lint']],
    ['two roots, analyze and links', [path.join(FIXTURES, 'workspace-a'), path.join(FIXTURES, 'links')], ['analyze', 'links']],
  ] as const) {
    it(`writes toJson's bytes on ${name}: cold, warm from a cache file, and with results already parsed`, async () => {
      const cacheFile = path.join(tmp, `${name.replace(/\W+/g, '-')}.cache`);
      const cold = await runOn([...roots], [...ops], cacheFile);
      assert.ok(cold.entries && cold.entries.length === cold.outcomes.length);
      const coldText = streamed(cold, roots);
      assert.equal(coldText, toJson(cold, meta(roots)));
      const warm = await runOn([...roots], [...ops], cacheFile, true);
      assert.ok(warm.outcomes.some((o) => o.kind === 'cached'), 'the second run is warm');
      const warmText = streamed(warm, roots);
      // Parsed now (toJson reads every result): the stream then copies the objects.
      assert.equal(warmText, toJson(warm, meta(roots)));
      assert.equal(streamed(warm, roots), warmText);
      JSON.parse(warmText);
      if ((ops as readonly string[]).includes('lint')) {
        const lean = streamed(warm, roots, BUILTIN_REPORT_OMITS);
        assert.equal(lean, toJson(warm, meta(roots, BUILTIN_REPORT_OMITS)));
        const lint = (JSON.parse(lean) as { documents: { results?: { lint?: Record<string, unknown> } }[] }).documents.flatMap((d) => (d.results?.lint ? [d.results.lint] : []));
        assert.ok(lint.length > 0 && lint.every((r) => !('problems' in r) && !('configKey' in r)), 'lint problems are findings; the configuration key is the engine\'s');
      }
      if ((ops as readonly string[]).includes('links')) {
        // The links facts left out, as the command line and the editor write reports: the same bytes again, cold and warm.
        const omit = BUILTIN_REPORT_OMITS;
        const lean = [streamed(cold, roots, omit), streamed(warm, roots, omit)];
        assert.equal(lean[0], toJson(cold, meta(roots, omit)));
        assert.equal(lean[1], toJson(warm, meta(roots, omit)));
        const kept = linksResults(lean[1]);
        assert.ok(kept.length > 0 && kept.every((r) => Object.keys(r).join() === 'web'), 'facts and findings out, web links kept');
        const findings = (JSON.parse(lean[1]) as { findings: { operation: string }[] }).findings;
        assert.equal(findings.filter((f) => f.operation === 'links').length, warm.findings.all().filter((f) => f.operation === 'links').length, 'every links finding is listed once');
        assert.ok(linksResults(warmText).every((r) => 'anchors' in r && 'links' in r), 'without omit, every member is there');
      }
    });
  }

  it('copies any compact JSON as JSON.stringify writes it, from a string, a cache file\'s bytes or objects', () => {
    const values: unknown[] = [
      { a: {}, b: [], c: [[]], d: [{}], e: '', f: 'say "hi" \\ / \u0001 \n\t', g: 'é€😀', h: -0.5, i: 1e21, j: null, k: true, l: false },
      { deep: [[[{ x: [1, [2, [3, {}]]] }]]], 'key with "quotes"': { '{}[],:': '[{,:}]' } },
      { lone: '\ud800', tail: '\\' },
      {},
    ];
    values.forEach((value, n) => {
      const text = JSON.stringify(value);
      const saved = Buffer.from(`xx${text}yy`);
      const outcome: Outcome = { kind: 'processed', path: `/r/${n}.md`, root: '/r', size: 1, mtimeMs: 1, hash: 'h', source: 'disk', encoding: 'utf-8', ms: 1, results: JSON.parse(text) };
      const fromString: CacheEntry = { size: 1, mtimeMs: 1, hash: 'h', cost: 1, json: text };
      const fromBytes: CacheEntry = { size: 1, mtimeMs: 1, hash: 'h', cost: 1, json: new SavedJson(saved, 2, saved.length - 2) };
      const fromObject: CacheEntry = { size: 1, mtimeMs: 1, hash: 'h', cost: 1, results: JSON.parse(text) };
      const expected = toJson({ summary, outcomes: [outcome], findings: new FindingsStore() }, meta(['/r']));
      for (const entry of [fromString, fromBytes, fromObject]) {
        assert.equal(streamed({ summary, outcomes: [outcome], findings: new FindingsStore(), entries: [[entry]] }, ['/r']), expected);
      }
      assert.equal(streamed({ summary, outcomes: [outcome], findings: new FindingsStore() }, ['/r']), expected, 'without entries');
    });
  });

  it('leaves the omitted members out of results still unparsed (a cache file\'s bytes, an executor\'s text) as toJson does from objects', () => {
    const results = { links: { anchors: ['a'], links: [{ to: 'b' }], web: ['https://x'] }, analyze: { words: 2, links: 'kept: another operation' } };
    const omit = { links: ['anchors', 'links'] };
    const text = JSON.stringify(results);
    const saved = Buffer.from(`..${text}..`);
    // Each outcome its own objects: toJson parses through the outcome, never the entry the stream reads.
    const outcome = (): Outcome => ({ kind: 'processed', path: '/r/a.md', root: '/r', size: 1, mtimeMs: 1, hash: 'h', source: 'disk', encoding: 'utf-8', ms: 1, results: JSON.parse(text) });
    const expected = toJson({ summary, outcomes: [outcome()], findings: new FindingsStore() }, meta(['/r'], omit));
    assert.ok(!expected.includes('anchors') && expected.includes('"web":["https://x"]') && expected.includes('kept: another operation'));
    const fromBytes: CacheEntry = { size: 1, mtimeMs: 1, hash: 'h', cost: 1, json: new SavedJson(saved, 2, saved.length - 2) };
    const fromString: CacheEntry = { size: 1, mtimeMs: 1, hash: 'h', cost: 1, json: text };
    for (const entry of [fromBytes, fromString]) {
      assert.equal(streamed({ summary, outcomes: [outcome()], findings: new FindingsStore(), entries: [[entry]] }, ['/r'], omit), expected);
      assert.equal(entry.results, undefined, 'left unparsed');
    }
  });

  it('merges several entries as one results object, and writes an empty report', () => {
    const entries: CacheEntry[] = [
      { size: 1, mtimeMs: 1, hash: 'h', cost: 1, json: '{"analyze":{"words":1,"list":[]}}' },
      { size: 1, mtimeMs: 1, hash: 'h', cost: 1, json: '{}' },
      { size: 1, mtimeMs: 1, hash: 'h', cost: 1, json: '{"links":{"findings":[{"a":1}]}}' },
    ];
    const outcome: Outcome = {
      kind: 'cached',
      path: '/r/a.md',
      root: '/r',
      size: 1,
      mtimeMs: 1,
      hash: 'h',
      via: 'identity',
      results: { analyze: { words: 1, list: [] }, links: { findings: [{ a: 1 }] } },
    };
    const report: RunReport = { summary, outcomes: [outcome], findings: new FindingsStore(), entries: [entries] };
    assert.equal(streamed(report, ['/r']), toJson(report, meta(['/r'])));
    const empty: RunReport = { summary, outcomes: [], findings: new FindingsStore(), entries: [] };
    assert.equal(streamed(empty, ['/r']), toJson(empty, meta(['/r'])));
  });
});
