// The command line's progress bar: the line it draws and what it writes to the stream.
import assert from 'node:assert/strict';
import { ProgressBar, progressLine } from '../../../src/cli/progress';
import type { Progress } from '../../../src/engine/types';

function progress(counts: Partial<Progress['counts']>, over: Partial<Progress> = {}): Progress {
  return {
    counts: { discovered: 0, processed: 0, cached: 0, skipped: 0, failed: 0, ...counts } as Progress['counts'],
    bytes: 0,
    elapsedMs: 0,
    docsPerSec: 12.6,
    mbPerSec: 3.14159,
    discoveryDone: true,
    memory: { rss: 123_400_000 } as Progress['memory'],
    cacheHitRate: 0,
    ...over,
  };
}

class FakeStream {
  written: string[] = [];
  constructor(public columns: number | undefined) {}
  write(s: string): boolean {
    this.written.push(s);
    return true;
  }
}

describe('progressLine', () => {
  it('counts every settled document (processed, cached, skipped, failed) against the discovered ones', () => {
    const line = progressLine(progress({ discovered: 10, processed: 1, cached: 2, skipped: 1, failed: 1 }), 10);
    assert.equal(line, '[#####-----] 50% 5/10 · 13 docs/s · 3.1 MB/s · 123 MB');
  });

  it('rounds the bar and floors the percentage', () => {
    // 2 of 3: 66.7% -> 7 of 10 marks, 66%.
    assert.equal(progressLine(progress({ discovered: 3, processed: 2 }), 10).slice(0, 17), '[#######---] 66% ');
    // 1 of 3 -> 3 marks (3.33 rounds down).
    assert.match(progressLine(progress({ discovered: 3, processed: 1 }), 10), /^\[###-------\] 33% 1\/3 /);
  });

  it('while discovery goes on: a bar of tildes and "finding", whatever has settled', () => {
    const line = progressLine(progress({ discovered: 4, processed: 4 }, { discoveryDone: false }), 6);
    assert.equal(line, '[~~~~~~] finding 4/4 · 13 docs/s · 3.1 MB/s · 123 MB');
  });

  it('nothing discovered yet: an empty bar at 0%, not a division by zero', () => {
    assert.match(progressLine(progress({})), /^\[-{24}\] 0% 0\/0 /);
  });

  it('a whole run: a full bar at 100%, 24 marks by default', () => {
    assert.match(progressLine(progress({ discovered: 1234, processed: 1234 })), /^\[#{24}\] 100% 1,234\/1,234 /);
  });
});

describe('ProgressBar', () => {
  it('draws the line over the previous one, cut to the terminal width less one column, and clears the rest of the row', () => {
    const stream = new FakeStream(20);
    const bar = new ProgressBar(stream as unknown as NodeJS.WriteStream);
    const p = progress({ discovered: 2, processed: 1 });
    bar.draw(p);
    assert.deepEqual(stream.written, ['\r' + progressLine(p).slice(0, 19) + '\x1b[K']);
  });

  it('a short line is not padded beyond its length; 100 columns when the stream does not say', () => {
    const stream = new FakeStream(undefined);
    const bar = new ProgressBar(stream as unknown as NodeJS.WriteStream);
    const p = progress({ discovered: 2, processed: 1 });
    bar.draw(p);
    const line = progressLine(p);
    assert.ok(line.length < 99);
    assert.deepEqual(stream.written, ['\r' + line + '\x1b[K']);
    const long = progress({ discovered: 2, processed: 1 }, { docsPerSec: 1e60 });
    bar.draw(long);
    assert.equal(stream.written[1], '\r' + progressLine(long).slice(0, 99) + '\x1b[K');
  });

  it('clear erases the row only after a draw, and only once', () => {
    const stream = new FakeStream(80);
    const bar = new ProgressBar(stream as unknown as NodeJS.WriteStream);
    bar.clear();
    assert.deepEqual(stream.written, []);
    bar.draw(progress({ discovered: 1 }));
    bar.clear();
    bar.clear();
    assert.equal(stream.written.length, 2);
    assert.equal(stream.written[1], '\r\x1b[K');
  });
});
