import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatCount } from '../../../src/util/units';

describe('formatCount', () => {
  const intl = new Intl.NumberFormat('en-US');

  it('writes what Intl.NumberFormat("en-US") writes, for counts, sizes and fractions', () => {
    for (const n of [NaN, Infinity, -Infinity, 0, 1, 12, 999, 1000, 38435, 1_000_000, 123456789, -5, -1234.5, 0.5, 2.25, 1.0005, 19.123456, 1e15, 2 ** 52]) {
      assert.equal(formatCount(n), intl.format(n), String(n));
    }
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => formatCount(n) === intl.format(n)),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (n) => formatCount(n) === intl.format(n)),
      { numRuns: 2000 },
    );
  });
});

// Found by mutation testing: numbers from 2^53 up are left to Intl (String() would write 1e+21).
describe('formatCount beyond 2^53', () => {
  it('writes what Intl.NumberFormat("en-US") writes', () => {
    const intl = new Intl.NumberFormat('en-US');
    for (const n of [2 ** 53, 2 ** 53 + 2, 1e21, -1e22, 123456789012345680000]) assert.equal(formatCount(n), intl.format(n), String(n));
  });
});
