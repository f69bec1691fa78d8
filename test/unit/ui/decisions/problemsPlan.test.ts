// The Problems panel's decisions: caps, slices, what a flush sends (src/ui/decisions/problemsPlan.ts).
import assert from 'node:assert/strict';
import type { Finding } from '../../../../src/operations/findings';
import { mostSevere, ProblemsPlan, problemsFlushMs, type ProblemsLimits } from '../../../../src/ui/decisions/problemsPlan';
import { ProblemSeverity, problemSeverityOf, severityOverridesOf } from '../../../../src/ui/decisions/problemSeverity';
import { finding } from './findingsFixtures';

const LIMITS: ProblemsLimits = { maxPerFile: 3, maxTotal: 5, sliceMs: 10, clockEvery: 2 };

function planOver(byPath: Map<string, Finding[]>, clock = { t: 0 }, limits = LIMITS) {
  return new ProblemsPlan((p) => byPath.get(p) ?? [], () => clock.t, limits);
}

const many = (file: string, n: number) => Array.from({ length: n }, (_, i) => finding(file, i + 1));

describe('ProblemsPlan', () => {
  it('sends the queued documents once each, and nothing for a document with no findings and nothing shown', () => {
    const byPath = new Map([['/a', many('/a', 2)]]);
    const plan = planOver(byPath);
    plan.queue(['/a', '/b', '/a']);
    const slice = plan.next(true);
    assert.deepEqual(slice.updates.map((u) => [u.path, u.shown.length]), [['/a', 2]]);
    assert.equal(slice.more, false);
    assert.equal(plan.shownTotal, 2);
  });

  it('clears a document whose findings went away, and everything when disabled', () => {
    const byPath = new Map([['/a', many('/a', 2)], ['/b', many('/b', 1)]]);
    const plan = planOver(byPath);
    plan.queue(['/a', '/b']);
    plan.next(true);
    byPath.delete('/a');
    plan.queue(['/a']);
    assert.deepEqual(plan.next(true).updates, [{ path: '/a', shown: [] }]);
    plan.queueAll(byPath.keys());
    assert.deepEqual(plan.next(false).updates, [{ path: '/b', shown: [] }]);
    assert.equal(plan.shownTotal, 0);
  });

  it('caps each document and the workspace, and says so once until rearmed', () => {
    const byPath = new Map([['/a', many('/a', 4)], ['/b', many('/b', 4)], ['/c', many('/c', 1)]]);
    const plan = planOver(byPath);
    plan.queue(['/a', '/b', '/c']);
    const first = plan.next(true);
    assert.deepEqual(first.updates.map((u) => u.shown.length), [3, 2, 0]);
    assert.equal(first.reachedTotalCap, true);
    assert.equal(plan.shownTotal, 5);
    // /a goes down to one finding: room for /c now, and no second warning.
    byPath.set('/a', many('/a', 1));
    plan.queue(['/a', '/c']);
    const second = plan.next(true);
    assert.deepEqual(second.updates.map((u) => [u.path, u.shown.length]), [['/a', 1], ['/c', 1]]);
    assert.equal(second.reachedTotalCap, false);
    plan.rearmCapWarning();
    byPath.set('/d', many('/d', 3));
    plan.queue(['/d']);
    assert.equal(plan.next(true).reachedTotalCap, true);
  });

  it('stops a slice once it has worked sliceMs (the clock is read every clockEvery documents) and goes on in the next', () => {
    const byPath = new Map<string, Finding[]>();
    const paths = Array.from({ length: 6 }, (_, i) => `/f${i}`);
    for (const p of paths) byPath.set(p, many(p, 1));
    const clock = { t: 0 };
    // Every document read costs 6 ms of the fake clock.
    const plan = new ProblemsPlan((p) => ((clock.t += 6), byPath.get(p) ?? []), () => clock.t, { ...LIMITS, maxTotal: 100 });
    plan.queue(paths);
    const first = plan.next(true);
    assert.deepEqual(first.updates.map((u) => u.path), ['/f0', '/f1']);
    assert.equal(first.more, true);
    assert.equal(plan.waiting, 4);
    const second = plan.next(true);
    assert.deepEqual(second.updates.map((u) => u.path), ['/f2', '/f3']);
    plan.next(true);
    assert.equal(plan.waiting, 0);
  });

  it('clear forgets what is shown and returns it', () => {
    const byPath = new Map([['/a', many('/a', 2)]]);
    const plan = planOver(byPath);
    plan.queue(['/a']);
    plan.next(true);
    assert.deepEqual(plan.clear(), ['/a']);
    assert.equal(plan.shownTotal, 0);
  });
});

describe('problemsFlushMs', () => {
  it('while a run goes: 250 ms up to 999 diagnostics shown, a step more per thousand, 5 s from 19,000', () => {
    assert.deepEqual(
      [0, 999, 1000, 2500, 7000, 18_999, 19_000, 20_000].map((n) => problemsFlushMs(n, true)),
      [250, 250, 500, 750, 2000, 4750, 5000, 5000],
    );
  });

  it('between runs (a save, a setting) the shortest, however many are shown', () => {
    assert.deepEqual([0, 7000, 20_000].map((n) => problemsFlushMs(n, false)), [250, 250, 250]);
  });
});

describe('mostSevere', () => {
  it('keeps the most severe findings when they do not all fit, in document order', () => {
    const fs = [finding('/a', 1, { severity: 'info' }), finding('/a', 2, { severity: 'error' }), finding('/a', 3, { severity: 'warning' }), finding('/a', 4, { severity: 'error' })];
    assert.deepEqual(mostSevere(fs, 2).map((f) => f.range.start.line), [2, 4]);
    assert.deepEqual(mostSevere(fs, 3).map((f) => f.range.start.line), [2, 3, 4]);
    assert.equal(mostSevere(fs, 4), fs);
    assert.deepEqual(mostSevere(fs, 0), []);
  });
});

describe('problem severities', () => {
  it('maps error, warning and info to the Problems panel levels (vscode.DiagnosticSeverity numbers)', () => {
    assert.equal(problemSeverityOf('error'), ProblemSeverity.Error);
    assert.equal(problemSeverityOf('warning'), ProblemSeverity.Warning);
    assert.equal(problemSeverityOf('info'), ProblemSeverity.Information);
    assert.deepEqual([ProblemSeverity.Error, ProblemSeverity.Warning, ProblemSeverity.Information], [0, 1, 2]);
  });

  it('reads the severity setting, leaving out and naming bad entries; the old marker severity applies unless the map names markers', () => {
    const { overrides, ignored } = severityOverridesOf({ 'broken-fragment': 'error', 'lint/MD013': 'off', x: 'loud', '': 'info', y: 3 });
    assert.deepEqual(overrides, { 'broken-fragment': 'error', 'lint/MD013': 'off' });
    assert.deepEqual(ignored.sort(), ['', 'x', 'y']);
    assert.deepEqual(severityOverridesOf(undefined, 'hint').overrides, { 'analyze/marker': 'info' });
    assert.deepEqual(severityOverridesOf({ marker: 'warning' }, 'error').overrides, { marker: 'warning' });
    assert.deepEqual(severityOverridesOf([], undefined).overrides, {});
  });
});
