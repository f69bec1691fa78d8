import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as nfs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import picomatch from 'picomatch';
import {
  DEFAULT_EXCLUDES,
  discover,
  type DiscoverOptions,
  type DiscoveryItem,
} from '../../../../src/engine/discover/discover';
import { nodeFileSystem, type FileSystem } from '../../../../src/engine/read/fs';
import { UNSTATED, type Candidate, type Failed, type Skipped } from '../../../../src/engine/types';

// ---------------------------------------------------------------- helpers

let tmp: string;

beforeEach(() => {
  tmp = nfs.realpathSync(nfs.mkdtempSync(path.join(os.tmpdir(), 'discover-')));
});

afterEach(() => {
  nfs.rmSync(tmp, { recursive: true, force: true });
});

/** Creates files ('a/b.txt': content) and directories ('a/c/': null) under `root`. */
function tree(root: string, spec: Record<string, string | null>): void {
  for (const [rel, content] of Object.entries(spec)) {
    const p = path.join(root, rel);
    if (content === null || rel.endsWith('/')) {
      nfs.mkdirSync(p, { recursive: true });
    } else {
      nfs.mkdirSync(path.dirname(p), { recursive: true });
      nfs.writeFileSync(p, content);
    }
  }
}

interface Collected {
  files: Candidate[];
  skips: (Skipped | Failed)[];
  warnings: { path: string; message: string }[];
  batches: DiscoveryItem[][];
}

async function collect(
  roots: readonly string[],
  options?: DiscoverOptions,
  fs?: FileSystem,
): Promise<Collected> {
  const out: Collected = { files: [], skips: [], warnings: [], batches: [] };
  for await (const batch of discover(roots, options, fs)) {
    out.batches.push(batch);
    for (const item of batch) {
      if (item.type === 'file') out.files.push(item.candidate);
      else if (item.type === 'skip') out.skips.push(item.outcome);
      else out.warnings.push({ path: item.path, message: item.message });
    }
  }
  return out;
}

/** Root-relative POSIX paths of the candidates, sorted. */
function rels(root: string, cands: readonly { path: string }[]): string[] {
  return cands.map((c) => path.relative(root, c.path).split(path.sep).join('/')).sort();
}

/** A seam that records readdir and open calls (and can fail chosen calls). */
function countingFs(
  hooks: {
    readdir?: (dir: string, n: number) => void;
    stat?: (p: string) => void;
  } = {},
): FileSystem & { readdirs: string[]; opened: string[] } {
  const readdirs: string[] = [];
  const opened: string[] = [];
  return {
    ...nodeFileSystem,
    readdirs,
    opened,
    open(p) {
      opened.push(p);
      return nodeFileSystem.open(p);
    },
    readdir(dir) {
      readdirs.push(dir);
      hooks.readdir?.(dir, readdirs.length);
      return nodeFileSystem.readdir(dir);
    },
    stat(p) {
      hooks.stat?.(p);
      return nodeFileSystem.stat(p);
    },
  };
}

function fsError(code: string): Error {
  return Object.assign(new Error(`${code}: injected`), { code });
}

// ---------------------------------------------------------------- tests

describe('discover', () => {
  describe('globs', () => {
    it('applies include and exclude globs to root-relative paths, dotfiles included', async () => {
      tree(tmp, {
        'a.md': '#',
        'b.txt': 'b',
        '.hidden.md': 'h',
        'docs/c.md': 'c',
        'docs/d.log': 'd',
        'docs/skip/e.md': 'e',
      });
      const all = await collect([tmp]);
      assert.deepEqual(rels(tmp, all.files), [
        '.hidden.md',
        'a.md',
        'b.txt',
        'docs/c.md',
        'docs/d.log',
        'docs/skip/e.md',
      ]);

      const md = await collect([tmp], { include: ['**/*.md'], exclude: ['docs/skip/**'] });
      assert.deepEqual(rels(tmp, md.files), ['.hidden.md', 'a.md', 'docs/c.md']);

      const noLogs = await collect([tmp], { exclude: ['**/*.log', '*.txt'] });
      assert.deepEqual(rels(tmp, noLogs.files), ['.hidden.md', 'a.md', 'docs/c.md', 'docs/skip/e.md']);
    });

    it("excludes by an entry's name or extension ('**/name', '**/*.ext', each also with '/**') exactly as picomatch would, at any depth", async () => {
      const files = ['a.md', 'logs.log/inner.md', '.code-search', 'x.code-search', 'docs/x.code-search.md', 'docs/Thumbs.db', 'docs/thumbs.db', 'CVS/keep.md', 'docs/CVS/b.md', 'docs/CVSx/c.md', 'e.log', 'deep/er/f.LOG', 'deep/er/g.log'];
      tree(tmp, Object.fromEntries(files.map((f) => [f, 'x'])));
      // As the editor passes files.exclude: each glob also with '/**'.
      const exclude = ['**/Thumbs.db', '**/CVS', '**/*.code-search', '**/*.log'].flatMap((g) => [g, `${g}/**`]);
      const got = rels(tmp, (await collect([tmp], { exclude })).files);
      // The reference: picomatch on every path and on each of its parent folders (what pruning does).
      const matchers = exclude.map((g) => picomatch(g, { dot: true }));
      const hit = (rel: string) => matchers.some((m) => m(rel));
      const expected = files.filter((f) => !f.split('/').some((_, i, parts) => hit(parts.slice(0, i + 1).join('/')))).sort();
      assert.deepEqual(got, expected);
      assert.deepEqual(got, ['a.md', 'deep/er/f.LOG', 'docs/CVSx/c.md', 'docs/thumbs.db', 'docs/x.code-search.md']);
      const fs = countingFs();
      await collect([tmp], { exclude }, fs);
      assert.ok(!fs.readdirs.some((d) => d.includes('logs.log')), 'a folder matching **/*.log is pruned unread');
    });

    it('prunes an excluded directory without reading it', async () => {
      tree(tmp, { 'keep/a.txt': 'a', 'gen/deep/b.txt': 'b' });
      const fs = countingFs();
      const r = await collect([tmp], { exclude: ['gen/**'] }, fs);
      assert.deepEqual(rels(tmp, r.files), ['keep/a.txt']);
      assert.ok(!fs.readdirs.some((d) => d.includes(`${path.sep}gen`)), fs.readdirs.join('\n'));
    });

    it('by default prunes node_modules and .git at any depth without reading them', async () => {
      assert.deepEqual([...DEFAULT_EXCLUDES], ['**/node_modules/**', '**/.git/**']);
      tree(tmp, {
        'src/a.ts': 'a',
        'node_modules/pkg/index.js': 'x',
        'src/node_modules/inner/i.js': 'y',
        '.git/HEAD': 'ref',
        'sub/.git/objects/o': 'o',
        '.gitattributes': '*',
      });
      const fs = countingFs();
      const r = await collect([tmp], {}, fs);
      assert.deepEqual(rels(tmp, r.files), ['.gitattributes', 'src/a.ts']);
      const touched = fs.readdirs.map((d) => path.relative(tmp, d));
      assert.deepEqual(touched.sort(), ['', 'src', 'sub']);
    });

    it('an empty exclude list walks node_modules', async () => {
      tree(tmp, { 'node_modules/p/i.js': 'x' });
      const r = await collect([tmp], { exclude: [] });
      assert.deepEqual(rels(tmp, r.files), ['node_modules/p/i.js']);
    });
  });

  describe('.gitignore', () => {
    it('honours nested files with negation, directory and anchored patterns', async () => {
      tree(tmp, {
        '.gitignore': '*.log\n!keep.log\nbuild/\n/top.txt\n',
        'a.log': '1',
        'keep.log': '2',
        'top.txt': '3',
        'sub/top.txt': 'not anchored here',
        'build/out.js': 'x',
        'sub/build/out.js': 'x',
        'build.txt': 'a file named like the directory pattern',
        'sub/.gitignore': '!a.log\n/local.txt\n',
        'sub/a.log': 're-included by the deeper file',
        'sub/b.log': 'still ignored by the root file',
        'sub/local.txt': 'anchored to sub',
        'sub/deeper/local.txt': 'anchored rules do not reach deeper',
      });
      const fs = countingFs();
      const r = await collect([tmp], {}, fs);
      assert.deepEqual(rels(tmp, r.files), [
        '.gitignore',
        'build.txt',
        'keep.log',
        'sub/.gitignore',
        'sub/a.log',
        'sub/deeper/local.txt',
        'sub/top.txt',
      ]);
      // Ignored directories are pruned, not read.
      assert.ok(!fs.readdirs.some((d) => d.endsWith(`${path.sep}build`)), fs.readdirs.join('\n'));
    });

    it('lets a deeper .gitignore override a shallower one, for directories too', async () => {
      tree(tmp, {
        '.gitignore': 'build/\n*.tmp\n',
        'pkg/.gitignore': '!build/\n!*.tmp\n',
        'pkg/build/x.txt': 'x',
        'pkg/y.tmp': 'y',
        'other/build/z.txt': 'z',
        'other/w.tmp': 'w',
      });
      const r = await collect([tmp]);
      assert.deepEqual(rels(tmp, r.files), ['.gitignore', 'pkg/.gitignore', 'pkg/build/x.txt', 'pkg/y.tmp']);
    });

    it('cannot re-include a file inside an ignored directory', async () => {
      tree(tmp, {
        '.gitignore': 'vendor/\n!vendor/keep.txt\n',
        'vendor/keep.txt': 'k',
        'vendor/.gitignore': '!keep.txt\n',
      });
      const fs = countingFs();
      const r = await collect([tmp], {}, fs);
      assert.deepEqual(rels(tmp, r.files), ['.gitignore']);
      assert.equal(fs.readdirs.length, 1);
    });

    it('scopes each .gitignore to its own subtree, with paths relative to it', async () => {
      tree(tmp, {
        'a/.gitignore': 'docs/*.md\n',
        'a/docs/x.md': 'ignored',
        'a/docs/x.txt': 'kept',
        'b/docs/y.md': 'not under a, kept',
      });
      const r = await collect([tmp]);
      assert.deepEqual(rels(tmp, r.files), ['a/.gitignore', 'a/docs/x.txt', 'b/docs/y.md']);
    });

    it('is not consulted with useGitignore: false', async () => {
      tree(tmp, { '.gitignore': '*.log\nbuild/\n', 'a.log': '1', 'build/b.txt': '2' });
      const r = await collect([tmp], { useGitignore: false });
      assert.deepEqual(rels(tmp, r.files), ['.gitignore', 'a.log', 'build/b.txt']);
    });

    it('reads the .gitignore through the seam', async () => {
      tree(tmp, { '.gitignore': '*.log\n', 'a.log': '1', 'b.txt': '2' });
      const fs = countingFs();
      const opened = fs.opened;
      const r = await collect([tmp], {}, fs);
      assert.deepEqual(rels(tmp, r.files), ['.gitignore', 'b.txt']);
      assert.deepEqual(opened, [path.join(tmp, '.gitignore')]);
    });
  });

  describe('size limit', () => {
    it("skips files over maxFileSize as 'too-large' with a readable detail", async () => {
      tree(tmp, { 'small.txt': 'x'.repeat(100), 'big.txt': 'y'.repeat(3 * 1024 + 300) });
      const r = await collect([tmp], { maxFileSize: 2 * 1024 });
      assert.deepEqual(rels(tmp, r.files), ['small.txt']);
      assert.equal(r.skips.length, 1);
      const s = r.skips[0]!;
      const st = nfs.statSync(path.join(tmp, 'big.txt'));
      assert.deepEqual(
        { ...s },
        {
          kind: 'skipped',
          reason: 'too-large',
          path: path.join(tmp, 'big.txt'),
          root: tmp,
          size: st.size,
          mtimeMs: st.mtimeMs,
          detail: 'size 3.3 KiB exceeds the 2 KiB limit',
        },
      );
    });

    it('statFiles: false lists regular files without a stat (size and mtime UNSTATED) and leaves the limit to the reader', async () => {
      tree(tmp, { 'small.txt': 'x', 'big.txt': 'y'.repeat(3000), 'sub/c.md': 'c' });
      const statted: string[] = [];
      const seam = countingFs({ stat: (p) => statted.push(p) });
      const r = await collect([tmp], { maxFileSize: 1024, statFiles: false }, seam);
      assert.deepEqual(rels(tmp, r.files), ['big.txt', 'small.txt', 'sub/c.md']);
      assert.equal(r.skips.length, 0);
      assert.ok(r.files.every((c) => c.size === UNSTATED && c.mtimeMs === UNSTATED));
      assert.deepEqual(statted.filter((p) => p.endsWith('.txt') || p.endsWith('.md')), [], 'no regular file was statted');
    });

    it('defaults to 10 MiB', async () => {
      tree(tmp, { 'big.bin': '' });
      nfs.truncateSync(path.join(tmp, 'big.bin'), Math.round(12.3 * 1024 * 1024));
      const r = await collect([tmp]);
      assert.equal(r.files.length, 0);
      assert.equal(r.skips[0]?.detail, 'size 12.3 MiB exceeds the 10 MiB limit');
    });

    it('yields large files as candidates with streamLarge', async () => {
      tree(tmp, { 'big.txt': 'y'.repeat(5000) });
      const r = await collect([tmp], { maxFileSize: 1000, streamLarge: true });
      assert.equal(r.skips.length, 0);
      assert.deepEqual(rels(tmp, r.files), ['big.txt']);
      assert.equal(r.files[0]!.size, 5000);
    });
  });

  describe('symbolic links', () => {
    it("skips a directory link to an ancestor as 'symlink-loop'", async () => {
      tree(tmp, { 'a/b/f.txt': 'f' });
      nfs.symlinkSync(path.join(tmp, 'a'), path.join(tmp, 'a/b/up'));
      nfs.symlinkSync('.', path.join(tmp, 'a/self'));
      const r = await collect([tmp]);
      assert.deepEqual(rels(tmp, r.files), ['a/b/f.txt']);
      assert.deepEqual(
        r.skips.map((s) => [path.relative(tmp, s.path), s.reason]).sort(),
        [
          [path.join('a', 'b', 'up'), 'symlink-loop'],
          [path.join('a', 'self'), 'symlink-loop'],
        ],
      );
      assert.match(r.skips[0]!.detail!, /ancestor/);
    });

    it("skips a link out of the root as 'symlink-outside-root'", async () => {
      const outside = nfs.mkdtempSync(path.join(os.tmpdir(), 'discover-out-'));
      try {
        nfs.writeFileSync(path.join(outside, 'secret.txt'), 's');
        tree(tmp, { 'root/a.txt': 'a' });
        const root = path.join(tmp, 'root');
        nfs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'file-link'));
        nfs.symlinkSync(outside, path.join(root, 'dir-link'));
        nfs.symlinkSync('../..', path.join(root, 'parent-link'));
        const r = await collect([root]);
        assert.deepEqual(rels(root, r.files), ['a.txt']);
        assert.deepEqual(r.skips.map((s) => [path.basename(s.path), s.reason, s.root]).sort(), [
          ['dir-link', 'symlink-outside-root', root],
          ['file-link', 'symlink-outside-root', root],
          ['parent-link', 'symlink-outside-root', root],
        ]);
        const fileLink = r.skips.find((s) => s.path.endsWith('file-link'))!;
        assert.equal(
          fileLink.detail,
          `link target ${nfs.realpathSync(path.join(outside, 'secret.txt'))} is outside the root`,
        );
      } finally {
        nfs.rmSync(outside, { recursive: true, force: true });
      }
    });

    it("skips a dangling link as 'dangling-symlink'", async () => {
      tree(tmp, { 'a.txt': 'a' });
      nfs.symlinkSync(path.join(tmp, 'nowhere'), path.join(tmp, 'dangling'));
      const r = await collect([tmp]);
      assert.deepEqual(rels(tmp, r.files), ['a.txt']);
      assert.equal(r.skips.length, 1);
      assert.deepEqual(
        { path: r.skips[0]!.path, reason: r.skips[0]!.reason, size: r.skips[0]!.size, mtimeMs: r.skips[0]!.mtimeMs },
        { path: path.join(tmp, 'dangling'), reason: 'dangling-symlink', size: 0, mtimeMs: 0 },
      );
    });

    it('yields a link to a file inside the root under the link path, with the target size and mtime', async () => {
      tree(tmp, { 'docs/real.txt': 'twelve bytes' });
      nfs.symlinkSync('docs/real.txt', path.join(tmp, 'alias.txt'));
      const r = await collect([tmp]);
      assert.deepEqual(rels(tmp, r.files), ['alias.txt', 'docs/real.txt']);
      const alias = r.files.find((c) => c.path === path.join(tmp, 'alias.txt'))!;
      const st = nfs.statSync(path.join(tmp, 'docs/real.txt'));
      assert.equal(alias.size, 12);
      assert.equal(alias.mtimeMs, st.mtimeMs);
      assert.equal(alias.root, tmp);
    });

    it('walks a directory reached both directly and through a link once', async () => {
      tree(tmp, { 'real/x.txt': 'x', 'real/sub/y.txt': 'y' });
      nfs.symlinkSync('real', path.join(tmp, 'alias')); // sorts before 'real'
      const r = await collect([tmp]);
      assert.deepEqual(rels(tmp, r.files), ['real/sub/y.txt', 'real/x.txt']);
      assert.deepEqual(
        r.skips.map((s) => [path.basename(s.path), s.reason]),
        [['alias', 'symlink-duplicate']],
      );
      assert.match(r.skips[0]!.detail!, /already walked/);
    });

    it('walks a directory link inside the root whose target is not otherwise walked', async () => {
      tree(tmp, { '.gitignore': 'hidden/\n', 'hidden/inner/z.txt': 'z' });
      nfs.symlinkSync('hidden/inner', path.join(tmp, 'shown'));
      nfs.symlinkSync('hidden/inner', path.join(tmp, 'shown-again'));
      const r = await collect([tmp]);
      assert.deepEqual(rels(tmp, r.files), ['.gitignore', 'shown/z.txt']);
      assert.deepEqual(
        r.skips.map((s) => [path.basename(s.path), s.reason]),
        [['shown-again', 'symlink-duplicate']],
      );
    });
  });

  describe('special files and errors', () => {
    it("skips a FIFO as 'not-a-file' without opening it", async function () {
      tree(tmp, { 'a.txt': 'a' });
      try {
        execFileSync('mkfifo', [path.join(tmp, 'pipe')]);
      } catch {
        this.skip();
      }
      const fs = countingFs();
      const opened = fs.opened;
      const r = await collect([tmp], {}, fs);
      assert.deepEqual(rels(tmp, r.files), ['a.txt']);
      assert.deepEqual(
        r.skips.map((s) => [s.path, s.reason, s.detail]),
        [[path.join(tmp, 'pipe'), 'not-a-file', 'a FIFO, not a regular file']],
      );
      assert.deepEqual(opened, []);
    });

    it('yields an unreadable directory as a failed entry with its reason, and keeps walking', async () => {
      tree(tmp, { 'a/x.txt': 'x', 'b/y.txt': 'y', 'c/z.txt': 'z', 'd/w.txt': 'w' });
      const fs = countingFs({
        readdir(dir) {
          if (dir === path.join(tmp, 'b')) throw fsError('EACCES');
        },
        stat(p) {
          if (p === path.join(tmp, 'd')) throw fsError('ENAMETOOLONG');
        },
      });
      const r = await collect([tmp], {}, fs);
      assert.deepEqual(rels(tmp, r.files), ['a/x.txt', 'c/z.txt']);
      assert.deepEqual(r.warnings, []);
      assert.deepEqual(
        r.skips.map((s) => [s.kind, s.path, s.reason]),
        [
          ['failed', path.join(tmp, 'b'), 'permission-denied'],
          ['failed', path.join(tmp, 'd'), 'name-too-long'],
        ],
      );
      assert.match(r.skips[0]!.detail ?? '', /EACCES/);
    });

    it('leaves out the run\'s own output files and their temporary files, compared by real path', async () => {
      tree(tmp, { 'a.md': 'a', 'cache.json': 'c', '.cache.json.123.abcdef.tmp': 't', 'cache.json.1.2.3.tmp': 't', 'sub/report.md': 'r', 'sub/other.md': 'o' });
      nfs.symlinkSync(tmp, tmp + '-link');
      try {
        const r = await collect([tmp], { ownFiles: [path.join(tmp + '-link', 'cache.json'), path.join(tmp, 'sub', 'report.md')] });
        assert.deepEqual(rels(tmp, r.files), ['a.md', 'sub/other.md']);
      } finally {
        nfs.rmSync(tmp + '-link');
      }
    });

    it('does not yield a file that vanishes between readdir and stat', async () => {
      tree(tmp, { 'a.txt': 'a', 'gone.txt': 'g' });
      const fs = countingFs({
        stat(p) {
          if (p.endsWith('gone.txt')) throw fsError('ENOENT');
        },
      });
      const r = await collect([tmp], {}, fs);
      assert.deepEqual(rels(tmp, r.files), ['a.txt']);
      assert.equal(r.skips.length + r.warnings.length, 0);
    });

    it('backs off and retries readdir on EMFILE', async () => {
      tree(tmp, { 'a/x.txt': 'x' });
      let failures = 0;
      const fs = countingFs({
        readdir(dir) {
          if (dir === path.join(tmp, 'a') && failures < 2) {
            failures++;
            throw fsError('EMFILE');
          }
        },
      });
      const r = await collect([tmp], {}, fs);
      assert.equal(failures, 2);
      assert.deepEqual(rels(tmp, r.files), ['a/x.txt']);
      assert.equal(r.warnings.length, 0);
    });

    it('fails the directory too-many-open-files when EMFILE persists after backing off', async () => {
      tree(tmp, { 'a/x.txt': 'x', 'b.txt': 'b' });
      const fs = countingFs({
        readdir(dir) {
          if (dir === path.join(tmp, 'a')) throw fsError('ENFILE');
        },
      });
      const r = await collect([tmp], {}, fs);
      assert.deepEqual(rels(tmp, r.files), ['b.txt']);
      assert.equal(r.warnings.length, 0);
      assert.deepEqual(r.skips.map((s) => [s.kind, s.path, s.reason]), [['failed', path.join(tmp, 'a'), 'too-many-open-files']]);
      assert.equal(fs.readdirs.filter((d) => d === path.join(tmp, 'a')).length, 7, 'the first attempt and six backed-off ones');
    });
  });

  describe('roots', () => {
    it('walks a tree 200 directories deep', async () => {
      let dir = tmp;
      for (let i = 0; i < 200; i++) {
        dir = path.join(dir, `d${i}`);
      }
      nfs.mkdirSync(dir, { recursive: true });
      nfs.writeFileSync(path.join(dir, 'leaf.txt'), 'leaf');
      const r = await collect([tmp]);
      assert.equal(r.files.length, 1);
      assert.equal(r.files[0]!.path, path.join(dir, 'leaf.txt'));
    });

    it('yields each file once for overlapping and duplicate roots', async () => {
      tree(tmp, { 'a/x.txt': 'x', 'a/b/y.txt': 'y', 'c/z.txt': 'z' });
      const r = await collect([path.join(tmp, 'a/b'), tmp, path.join(tmp, 'a'), tmp + path.sep, path.join(tmp, 'c/z.txt')]);
      assert.deepEqual(rels(tmp, r.files), ['a/b/y.txt', 'a/x.txt', 'c/z.txt']);
      assert.ok(r.files.every((c) => c.root === tmp));
    });

    it('treats a root that is a file as that single candidate, rooted at its directory', async () => {
      tree(tmp, { 'one.md': 'one', 'two.md': 'two' });
      const r = await collect([path.join(tmp, 'one.md')]);
      assert.equal(r.files.length, 1);
      assert.equal(r.files[0]!.path, path.join(tmp, 'one.md'));
      assert.equal(r.files[0]!.root, tmp);
    });

    it('warns about a root that does not exist and walks the others', async () => {
      tree(tmp, { 'a/x.txt': 'x' });
      const missing = path.join(tmp, 'missing');
      const r = await collect([missing, path.join(tmp, 'a')]);
      assert.deepEqual(r.warnings, [{ path: missing, message: 'root does not exist' }]);
      assert.deepEqual(rels(tmp, r.files), ['a/x.txt']);
      assert.equal(r.files[0]!.root, path.join(tmp, 'a'));
    });

    it('resolves relative roots to absolute paths', async () => {
      tree(tmp, { 'a/x.txt': 'x' });
      const rel = path.relative(process.cwd(), path.join(tmp, 'a'));
      const r = await collect([rel]);
      assert.equal(r.files[0]!.root, path.join(tmp, 'a'));
      assert.equal(r.files[0]!.path, path.join(tmp, 'a', 'x.txt'));
    });

    it('numbers candidates in discovery order across roots, with size and mtime from stat', async () => {
      const spec: Record<string, string> = {};
      for (let i = 0; i < 30; i++) spec[`r${i % 2}/d${i % 3}/f${i}.txt`] = 'x'.repeat(i);
      tree(tmp, spec);
      const r = await collect([path.join(tmp, 'r0'), path.join(tmp, 'r1')], { batchSize: 7 });
      assert.equal(r.files.length, 30);
      for (let i = 1; i < r.files.length; i++) {
        assert.ok(r.files[i]!.seq > r.files[i - 1]!.seq, 'seq strictly increasing');
      }
      assert.equal(r.files[0]!.seq, 0);
      for (const c of r.files) {
        const st = nfs.statSync(c.path);
        assert.equal(c.size, st.size);
        assert.equal(c.mtimeMs, st.mtimeMs);
      }
      // r0 entirely before r1
      const firstR1 = r.files.findIndex((c) => c.root === path.join(tmp, 'r1'));
      assert.ok(r.files.slice(firstR1).every((c) => c.root === path.join(tmp, 'r1')));
      assert.ok(r.batches.every((b) => b.length <= 7 && b.length > 0));
    });
  });

  describe('streaming', () => {
    it('yields the first batch before the walk ends', async () => {
      const spec: Record<string, string> = {};
      for (let d = 0; d < 10; d++) for (let f = 0; f < 10; f++) spec[`d${d}/f${f}.txt`] = 'x';
      tree(tmp, spec);
      const fs = countingFs();
      let readdirsAtFirstBatch = -1;
      let files = 0;
      for await (const batch of discover([tmp], { batchSize: 10 }, fs)) {
        if (readdirsAtFirstBatch < 0) readdirsAtFirstBatch = fs.readdirs.length;
        files += batch.length;
      }
      assert.equal(files, 100);
      assert.equal(fs.readdirs.length, 11);
      assert.ok(readdirsAtFirstBatch > 0 && readdirsAtFirstBatch < 11, `first batch after ${readdirsAtFirstBatch} readdirs`);
    });

    it('lets the event loop turn while it walks', async () => {
      const spec: Record<string, string> = {};
      for (let d = 0; d < 20; d++) for (let f = 0; f < 5; f++) spec[`d${d}/f${f}.txt`] = 'x';
      tree(tmp, spec);
      let turned = false;
      setImmediate(() => {
        turned = true;
      });
      let filesBeforeTurn = 0;
      let total = 0;
      // A consumer that never awaits anything but the generator itself.
      for await (const batch of discover([tmp], { sliceMs: 0, batchSize: 1000 })) {
        if (!turned) filesBeforeTurn += batch.length;
        total += batch.length;
      }
      assert.equal(total, 100);
      assert.ok(turned);
      assert.ok(filesBeforeTurn < total, 'a macrotask ran before the walk ended');
    });

    it('stops promptly when the signal aborts', async () => {
      const spec: Record<string, string> = {};
      for (let d = 0; d < 10; d++) for (let f = 0; f < 10; f++) spec[`d${d}/f${f}.txt`] = 'x';
      tree(tmp, spec);
      const controller = new AbortController();
      const fs = countingFs();
      let seen = 0;
      let batches = 0;
      for await (const batch of discover([tmp], { batchSize: 5, signal: controller.signal }, fs)) {
        batches++;
        seen += batch.length;
        controller.abort();
      }
      assert.equal(batches, 1);
      assert.equal(seen, 5);
      assert.ok(fs.readdirs.length < 11);
    });

    it('yields nothing for an already aborted signal', async () => {
      tree(tmp, { 'a.txt': 'a' });
      const r = await collect([tmp], { signal: AbortSignal.abort() });
      assert.equal(r.batches.length, 0);
    });
  });
});
