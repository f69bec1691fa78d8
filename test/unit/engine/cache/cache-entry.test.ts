// A document's entries, one per operation: which holds an operation's results,
// found from their text without parsing it (src/engine/cache/cache-entry.ts).
import assert from 'node:assert/strict';
import { entryOf, SavedJson, type CacheEntry } from '../../../../src/engine/cache/cache-entry';

const stamp = { size: 1, mtimeMs: 2, hash: 'h', cost: 0 };
const text = (json: string): CacheEntry => ({ ...stamp, json });
const saved = (json: string): CacheEntry => {
  // Inside a larger buffer, as a loaded cache file's entries are.
  const bytes = Buffer.from(`key\t${json}\nnext line`, 'utf8');
  return { ...stamp, json: new SavedJson(bytes, 4, 4 + Buffer.byteLength(json)) };
};
const parsed = (results: Record<string, unknown>): CacheEntry => ({ ...stamp, results });

describe('entryOf', () => {
  for (const [kind, make] of [
    ['JSON text', text],
    ['bytes of a loaded file', saved],
  ] as const) {
    it(`finds the entry by its first key, in ${kind}, and parses none`, () => {
      const entries = [make('{"analyze":{"words":3,"text":"{\\"links\\":1}"}}'), make('{"links":{"links":[]}}')];
      assert.equal(entryOf(entries, 'links'), entries[1]);
      assert.equal(entryOf(entries, 'analyze'), entries[0]);
      assert.equal(entryOf(entries, 'lint'), undefined);
      assert.equal(entryOf(entries, 'link'), undefined, 'a prefix of an id is another id');
      assert.ok(entries.every((e) => e.results === undefined));
    });
  }

  it('finds an id that JSON escapes, and one that is not ASCII', () => {
    const entries = [saved('{"a\\"b":{}}'), saved('{"café":{}}')];
    assert.equal(entryOf(entries, 'a"b'), entries[0]);
    assert.equal(entryOf(entries, 'café'), entries[1]);
  });

  it('finds an entry already parsed by its members', () => {
    const entries = [parsed({ analyze: {} }), parsed({ links: {} })];
    assert.equal(entryOf(entries, 'links'), entries[1]);
    assert.equal(entryOf(entries, 'lint'), undefined);
  });

  for (const [kind, make] of [
    ['JSON text', text],
    ['bytes of a loaded file', saved],
  ] as const) {
    it(`parses an entry whose ${kind} starts some other way, rather than miss it`, () => {
      const odd = make(' { "links" : {} }');
      assert.equal(entryOf([make('{"analyze":{}}'), odd], 'links'), odd);
      assert.deepEqual(odd.results, { links: {} });
      const brace = make('{ "links": {} }');
      assert.equal(entryOf([brace], 'links'), brace, 'a brace, then not a quote');
    });
  }
});
