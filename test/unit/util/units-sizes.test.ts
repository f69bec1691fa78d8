// Sizes and durations as the report, the status bar and the command line write
// and read them. Expected values computed by hand.
import assert from 'node:assert/strict';
import { formatBytes, formatDuration, formatMegabytes, parseSize } from '../../../src/util/units';

describe('formatBytes', () => {
  it('bytes below 1 KiB, then binary units with at most one decimal', () => {
    assert.equal(formatBytes(0), '0 bytes');
    assert.equal(formatBytes(1023), '1023 bytes');
    assert.equal(formatBytes(1024), '1 KiB');
    assert.equal(formatBytes(1536), '1.5 KiB');
    assert.equal(formatBytes(1100), '1.1 KiB'); // 1.074 -> 1.1
    assert.equal(formatBytes(1024 * 1024), '1 MiB');
    assert.equal(formatBytes(12.34 * 1024 * 1024), '12.3 MiB');
    assert.equal(formatBytes(3 * 1024 ** 3), '3 GiB');
    assert.equal(formatBytes(1024 ** 4), '1 TiB');
    assert.equal(formatBytes(2048 * 1024 ** 4), '2048 TiB', 'TiB is the largest unit');
  });
});

describe('formatMegabytes', () => {
  it('decimal megabytes, rounded, grouped', () => {
    assert.equal(formatMegabytes(0), '0 MB');
    assert.equal(formatMegabytes(1_499_999), '1 MB');
    assert.equal(formatMegabytes(1_500_000), '2 MB');
    assert.equal(formatMegabytes(1_234_500_000), '1,235 MB');
  });
});

describe('formatDuration', () => {
  it('ms below a second, seconds with two decimals below 10 and one below 60, then minutes and hours', () => {
    assert.equal(formatDuration(0), '0 ms');
    assert.equal(formatDuration(12.4), '12 ms');
    assert.equal(formatDuration(999), '999 ms');
    assert.equal(formatDuration(1000), '1.00 s');
    assert.equal(formatDuration(9_990), '9.99 s');
    assert.equal(formatDuration(10_000), '10.0 s');
    assert.equal(formatDuration(59_900), '59.9 s');
    assert.equal(formatDuration(60_000), '1 min 0 s');
    assert.equal(formatDuration(61_500), '1 min 2 s');
    assert.equal(formatDuration(3_599_000), '59 min 59 s');
    assert.equal(formatDuration(3_600_000), '1 h 0 min');
    assert.equal(formatDuration(5_400_000), '1 h 30 min');
    assert.equal(formatDuration(90_061_000), '25 h 1 min');
  });
});

describe('parseSize', () => {
  it('plain numbers are bytes; k, m, g, t alone or with iB are binary, with B decimal', () => {
    assert.equal(parseSize('4096'), 4096);
    assert.equal(parseSize(' 7 '), 7);
    assert.equal(parseSize('10b'), 10);
    assert.equal(parseSize('500k'), 500 * 1024);
    assert.equal(parseSize('500K'), 500 * 1024);
    assert.equal(parseSize('500KiB'), 500 * 1024);
    assert.equal(parseSize('500kb'), 500_000);
    assert.equal(parseSize('10MiB'), 10 * 1024 * 1024);
    assert.equal(parseSize('10 MB'), 10_000_000);
    assert.equal(parseSize('1GiB'), 1024 ** 3);
    assert.equal(parseSize('1.5GB'), 1_500_000_000);
    assert.equal(parseSize('2t'), 2 * 1024 ** 4);
    assert.equal(parseSize('2TB'), 2e12);
    assert.equal(parseSize('1.5'), 2, 'rounded to whole bytes');
    assert.equal(parseSize('0.5k'), 512);
    assert.equal(parseSize('1.25k'), 1280, 'more than one decimal');
  });

  it('anything else is not a size', () => {
    for (const text of ['', ' ', 'huge', '-5', '10 XB', '1e6', '1,000', '10MiBs', 'k', '.5k', '5.k']) assert.equal(parseSize(text), undefined, text);
  });
});
