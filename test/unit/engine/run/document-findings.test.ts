// A settled document's findings go to the store, read from its cache entries
// without keeping the parse (src/engine/run/document-findings.ts).
import assert from 'node:assert/strict';
import type { CacheEntry } from '../../../../src/engine/cache/cache';
import { FindingsStore } from '../../../../src/engine/findings/store';
import { DocumentFindings } from '../../../../src/engine/run/document-findings';
import { cachedOutcome } from '../../../../src/engine/run/outcomes';
import type { DocumentFinding } from '../../../../src/operations/findings';
import type { Operation } from '../../../../src/operations/operation';

interface Counted {
  readonly todo: number;
}

const counter = {
  id: 'count',
  findings: (r: Counted): DocumentFinding[] =>
    Array.from({ length: r.todo }, (_, i) => ({ rule: 'todo', severity: 'info', message: `todo ${i}`, range: { start: { line: i + 1, column: 1 }, end: { line: i + 1, column: 2 } } })),
} as unknown as Operation;

const entryOf = (json: string): CacheEntry => ({ size: 1, mtimeMs: 1, hash: 'h', json, cost: json.length });

describe('DocumentFindings', () => {
  it('stores a document\'s findings from its entries, and leaves their results as JSON text', () => {
    const store = new FindingsStore();
    const noted = new DocumentFindings([counter], store);
    const entry = entryOf('{"count":{"todo":2}}');
    noted.note(cachedOutcome({ path: '/r/a.md', root: '/r', size: 1, mtimeMs: 1 }, [entry], 'identity'), [entry]);
    assert.deepEqual(store.forFile('/r/a.md').map((f) => f.message), ['todo 0', 'todo 1']);
    // Regression: reading them through the outcome parsed them for good, and every
    // document with findings kept its parsed results to the end of the run.
    assert.equal(entry.results, undefined, 'not kept parsed');
    assert.equal(entry.json, '{"count":{"todo":2}}', 'the text stays for the report');
  });

  it('reads a document\'s results through the outcome when it has no entries', () => {
    const store = new FindingsStore();
    new DocumentFindings([counter], store).note({ kind: 'cached', path: '/r/b.md', root: '/r', size: 1, mtimeMs: 1, hash: 'h', via: 'identity', results: { count: { todo: 1 } } });
    assert.equal(store.forFile('/r/b.md').length, 1);
  });
});
