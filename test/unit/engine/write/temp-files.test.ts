// The temporary files of atomic writes: their names, their owners, and removing
// the ones no save will finish (a fixed `now`, no waiting).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { processAlive, removeStaleTemporaryFiles, STALE_TEMP_AGE_MS, temporaryFileOwner, temporaryPathFor } from '../../../../src/engine/write/temp-files';
import { makeTree, removeTree } from '../../../helpers/tree';

const DEAD_PID = 2 ** 22 + 4321; // above Linux's pid_max: no such process

describe('temporary files', () => {
  it('a temporary path sits next to its target: hidden, with the target name, this pid and 12 hex digits', () => {
    const p = temporaryPathFor('/x/y/report.json');
    assert.equal(path.dirname(p), '/x/y');
    assert.match(path.basename(p), new RegExp(`^\\.report\\.json\\.${process.pid}\\.[0-9a-f]{12}\\.tmp$`));
    assert.notEqual(temporaryPathFor('/x/y/report.json'), p, 'random each time');
    assert.equal(temporaryFileOwner('/x/y/report.json', path.basename(p)), process.pid);
  });

  it('a long target name is cut to 200 bytes of whole characters in its temporary name', () => {
    const long = 'é'.repeat(150) + '.md'; // 303 bytes
    const base = path.basename(temporaryPathFor(`/d/${long}`));
    const kept = base.slice(1, base.indexOf(`.${process.pid}.`));
    assert.equal(kept, 'é'.repeat(100));
    assert.equal(temporaryFileOwner(`/d/${long}`, base), process.pid);
    const exact = 'a'.repeat(200);
    assert.ok(path.basename(temporaryPathFor(`/d/${exact}`)).startsWith(`.${exact}.`), '200 bytes are kept whole');
    const odd = 'a'.repeat(199) + 'é'; // 201 bytes: the last character does not fit
    const oddBase = path.basename(temporaryPathFor(`/d/${odd}`));
    assert.equal(oddBase.slice(1, oddBase.indexOf(`.${process.pid}.`)), 'a'.repeat(199));
  });

  it('temporaryFileOwner: the pid of this target\'s temporary names, new and old style; undefined for anything else', () => {
    assert.equal(temporaryFileOwner('/d/c.json', '.c.json.123.abcdef.tmp'), 123);
    assert.equal(temporaryFileOwner('/d/c.json', 'c.json.456.1764590000000.1.tmp'), 456);
    assert.equal(temporaryFileOwner('/d/c.json', 'c.json.456.1764590000000.tmp'), 456);
    for (const other of ['.c.json.123.ABCDEF.tmp', '.c.json.12x.abcdef.tmp', '.cXjson.123.abcdef.tmp', 'x.c.json.123.abcdef.tmp', '.c.json.123.abcdef.tmp.bak', 'c.json', '.c.json.123..tmp', 'c.json.456.17x.tmp', 'cXjson.456.1.tmp', 'c.json.456.1.2.3.tmp', 'a.c.json.456.1.tmp']) {
      assert.equal(temporaryFileOwner('/d/c.json', other), undefined, other);
    }
    assert.equal(temporaryFileOwner('/d/a+b(1).md', '.a+b(1).md.7.ff.tmp'), 7, 'the target name is matched literally');
    assert.equal(temporaryFileOwner('/d/a+b(1).md', 'a+b(1).md.7.1.tmp'), 7);
  });

  it('processAlive: this process is; a pid that cannot run or is no process is not', () => {
    assert.equal(processAlive(process.pid), true);
    assert.equal(processAlive(DEAD_PID), false);
    for (const pid of [0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1, NaN]) assert.equal(processAlive(pid), false, String(pid));
    assert.equal(processAlive(1), true, 'init runs (EPERM for another user counts as running)');
  });

  describe('removeStaleTemporaryFiles', () => {
    let dir: string;
    beforeEach(() => {
      dir = makeTree({});
    });
    afterEach(() => removeTree(dir));
    const touch = (name: string) => {
      fs.writeFileSync(path.join(dir, name), 'x');
      return path.join(dir, name);
    };

    it('removes those of a dead process, keeps a live one\'s recent file and anything not a temporary of the target', () => {
      const target = path.join(dir, 'c.json');
      const dead = touch(`.c.json.${DEAD_PID}.abcdef.tmp`);
      const deadOld = touch(`c.json.${DEAD_PID}.1764590000000.1.tmp`);
      const mine = touch(`.c.json.${process.pid}.abcdef.tmp`);
      const other = touch(`.d.json.${DEAD_PID}.abcdef.tmp`);
      touch('c.json');
      fs.mkdirSync(path.join(dir, `.c.json.${DEAD_PID}.aaaaaa.tmp`));
      fs.symlinkSync(path.join(dir, 'c.json'), path.join(dir, `.c.json.${DEAD_PID}.bbbbbb.tmp`));
      const removed = removeStaleTemporaryFiles(target);
      assert.deepEqual(removed.sort(), [dead, deadOld].sort());
      assert.equal(fs.existsSync(mine), true);
      assert.equal(fs.existsSync(other), true);
      assert.equal(fs.existsSync(path.join(dir, `.c.json.${DEAD_PID}.aaaaaa.tmp`)), true, 'a folder is left alone');
      assert.equal(fs.lstatSync(path.join(dir, `.c.json.${DEAD_PID}.bbbbbb.tmp`)).isSymbolicLink(), true, 'a link is left alone');
    });

    it('a live process\'s file is stale after ten minutes, not before', () => {
      const target = path.join(dir, 'c.json');
      const mine = touch(`.c.json.${process.pid}.abcdef.tmp`);
      const mtime = fs.statSync(mine).mtimeMs;
      assert.equal(STALE_TEMP_AGE_MS, 600_000);
      assert.deepEqual(removeStaleTemporaryFiles(target, mtime + STALE_TEMP_AGE_MS - 1), []);
      assert.deepEqual(removeStaleTemporaryFiles(target, mtime + STALE_TEMP_AGE_MS), [mine]);
      assert.equal(fs.existsSync(mine), false);
    });

    it('a missing folder: nothing removed, nothing thrown', () => {
      assert.deepEqual(removeStaleTemporaryFiles(path.join(dir, 'no', 'c.json')), []);
    });
  });
});
