// Members left out of compact JSON without parsing it (src/report/json-members.ts),
// against JSON.parse and delete on any value.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { skipValue, withoutMembers } from '../../../src/report/json-members';

const bytes = (s: string) => Buffer.from(s, 'utf8');
const omitting = (entries: Record<string, string[]>) => new Map(Object.entries(entries).map(([k, v]) => [k, new Set(v)]));

describe('JSON members left out', () => {
  it('skips any value to just past its end', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const src = bytes(`${text},"next"`);
        assert.equal(skipValue(src, 0, src.length), Buffer.byteLength(text));
      }),
      { numRuns: 500 },
    );
  });

  it("leaves out an operation's named members and keeps everything else, for any results", () => {
    const names = fc.constantFrom('anchors', 'links', 'findings', 'web', 'a"b', 'é', 'x');
    const results = fc.dictionary(fc.constantFrom('links', 'analyze', 'lint'), fc.oneof(fc.dictionary(names, fc.jsonValue()), fc.jsonValue()));
    fc.assert(
      fc.property(results, fc.array(names), (value, leave) => {
        const text = JSON.stringify(value);
        const src = bytes(`  ${text} `);
        const out = withoutMembers(src, 2, 2 + Buffer.byteLength(text), omitting({ links: leave }));
        const expected = JSON.parse(text) as Record<string, unknown>;
        const links = expected.links;
        if (links !== null && typeof links === 'object' && !Array.isArray(links)) for (const k of leave) delete (links as Record<string, unknown>)[k];
        assert.deepEqual(out === undefined ? JSON.parse(text) : JSON.parse(out.toString('utf8')), expected);
      }),
      { numRuns: 500 },
    );
  });

  it('copies an entry without the operation as it is (undefined: nothing to do)', () => {
    const src = bytes('{"analyze":{"words":3,"links":[1]}}');
    assert.equal(withoutMembers(src, 0, src.length, omitting({ links: ['links'] })), undefined);
    const linked = bytes('{"links":{"anchors":["a"],"links":[["b.md","",1,1,2,2,3,0]],"findings":[],"web":{"x.org":2}}}');
    assert.equal(withoutMembers(linked, 0, linked.length, omitting({ links: ['anchors', 'links'] }))?.toString(), '{"links":{"findings":[],"web":{"x.org":2}}}');
  });

  it("leaves an entry alone that names the operation only in a value or a deeper key", () => {
    const omit = omitting({ links: ['anchors'] });
    for (const text of ['{"analyze":{"headings":[{"text":"links"}]}}', '{"analyze":{"links":{"anchors":[1]}}}', '{"analyze":{"text":"\\"links\\":{}"}}']) {
      assert.equal(withoutMembers(bytes(text), 0, Buffer.byteLength(text), omit), undefined, text);
    }
  });

  it('matches keys written with escapes by what they mean, and others by their bytes', () => {
    const omit = omitting({ 'a"b': ['x'], links: ['é'] });
    const text = '{"a\\"b":{"x":1,"y":2},"links":{"é":1,"\\u00e9":2,"e":3}}';
    assert.deepEqual(JSON.parse(withoutMembers(bytes(text), 0, Buffer.byteLength(text), omit)!.toString('utf8')), { 'a"b': { y: 2 }, links: { e: 3 } });
  });
});
