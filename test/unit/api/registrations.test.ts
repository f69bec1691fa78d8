import assert from 'node:assert/strict';
import { OperationRegistrations, registrationProblem, type RegisteredOperation } from '../../../src/api/registrations';

const host = { id: 'ext.review', version: 1, run: async () => ({}) };
const worker = { id: 'ext.count', version: 2, modulePath: '/x/ops.js', accepts: ['.md'], settings: { max: 3 }, rules: [{ id: 'r', name: 'R', description: 'd', defaultSeverity: 'info' }] };
const none = () => false;

describe('registering operations through the API', () => {
  it('takes a host function or a worker module with plain-data fields', () => {
    assert.equal(registrationProblem(host, none), undefined);
    assert.equal(registrationProblem(worker, none), undefined);
  });

  const bad: [string, object, RegExp][] = [
    ['an id with a space', { ...host, id: 'my op' }, /id must be/],
    ['a taken id', { ...host, id: 'lint' }, /already registered or built in/],
    ['a fractional version', { ...host, version: 1.5 }, /version must be a whole number/],
    ['accepts as a string', { ...host, accepts: '*.md' }, /accepts must be an array/],
    ['settings with a function', { ...host, settings: { f: () => 1 } }, /settings must be a plain JSON object/],
    ['settings with a Date (not JSON round-trip)', { ...host, settings: { at: new Date(0) } }, /settings must be a plain JSON object/],
    ['both run and modulePath', { ...host, modulePath: '/x.js' }, /not both/],
    ['neither run nor modulePath', { id: 'a', version: 1 }, /not neither/],
    ['a rule without a severity', { ...host, rules: [{ id: 'r', name: 'R', description: 'd' }] }, /rules must be/],
    ['a zero rate', { ...host, requestsPerSecond: 0 }, /requestsPerSecond must be a positive number/],
    ['concurrency Infinity', { ...host, concurrency: Infinity }, /concurrency must be a positive number/],
  ];
  for (const [what, r, message] of bad) {
    it(`refuses ${what}`, () => {
      assert.match(registrationProblem(r as never, (id) => id === 'lint') ?? '', message);
    });
  }

  it('keeps registrations in order, refuses a second of the same id, and lists removed host operations once', () => {
    const regs = new OperationRegistrations(() => ['analyze']);
    const spec = (id: string) => ({ id });
    const h: RegisteredOperation = { kind: 'host', id: 'a', spec: spec('a'), rules: [], host: { id: 'a', version: 1, run: async () => ({}) } };
    const m: RegisteredOperation = { kind: 'module', id: 'b', spec: spec('b'), rules: [], modulePath: '/b.js' };
    regs.add(h);
    regs.add(m);
    assert.throws(() => regs.add(h), /already registered/);
    assert.equal(regs.has('analyze'), true);
    assert.deepEqual(regs.all().map((r) => r.id), ['a', 'b']);
    assert.equal(regs.delete('a'), true);
    assert.equal(regs.delete('a'), false);
    assert.equal(regs.delete('b'), true);
    assert.deepEqual(regs.takeRemovedHosts(), ['a'], 'only host operations: module operations stay loaded, unnamed');
    assert.deepEqual(regs.takeRemovedHosts(), []);
    regs.add(h);
    regs.delete('a');
    regs.add(h);
    assert.deepEqual(regs.takeRemovedHosts(), [], 'registered again before the engine heard');
  });
});
