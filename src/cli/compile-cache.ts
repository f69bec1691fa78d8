// The command line's V8 code cache: its bundles (dist/cli-main.js and the
// operation bundles it requires) are compiled with the code V8 compiled for them
// in an earlier run, instead of from their text. A start spends about a fifth of a
// warm run over rust-rfcs, and most of a run over a one-file folder, compiling.
//
// Written by hand because Node 20 has no public compile cache of its own
// (module.enableCompileCache came in Node 22.1), and v8-compile-cache replaces
// Module.prototype._compile, writes its files in place, and saves the code before
// it has run, so that code compiled lazily, most of it, is never cached.
//
// What it trusts, and why:
// - V8 checks a cache's version and flags, but of the source only its length: a
//   cache made for other text of the same length is accepted and runs the old
//   code. So each file carries the SHA-1 of the text it was made for, and any
//   other text is compiled from scratch.
// - Code in the cache runs as ours, so the folder must be one only this user can
//   write: created 0700, not a symbolic link, owned by this user, and writable by
//   no one else; otherwise there is no cache. Files are written by the tool's one
//   write path (atomic, and only over a file that carries this header).
// NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch) or BATCH_OPS_COMPILE_CACHE=off
// turns it off; BATCH_OPS_COMPILE_CACHE=DIR puts it in DIR.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** The first line of every cache file: how a save recognises a file it may replace. */
export const COMPILE_CACHE_HEAD = 'batch-ops V8 code cache 1\n';

/** Whether a file's first bytes are one of these caches. */
export function isCompileCacheHead(head: Buffer): boolean {
  return head.subarray(0, COMPILE_CACHE_HEAD.length).toString('latin1') === COMPILE_CACHE_HEAD;
}

/** A cache to write: its file and its bytes (header and V8's data), made when asked. */
export interface PendingCompileCache {
  readonly path: string;
  readonly bytes: () => Buffer;
}

/** CommonJS's own wrapper, so a bundle sees exports, require, module, __filename and __dirname as it would under require. */
const WRAP_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const WRAP_TAIL = '\n});';

/** The folder the cache may use, or undefined (off, or not safe). */
export function compileCacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE === '1' || env.BATCH_OPS_COMPILE_CACHE === 'off') return undefined;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const dir = env.BATCH_OPS_COMPILE_CACHE || path.join(os.tmpdir(), `batch-ops-compile-cache${uid === undefined ? '' : `-${uid}`}`);
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
  }
  return ownFolder(dir, uid) ? dir : undefined;
}

/** A real folder (not a link) that only this user can write: the cache's code will run as this user's. */
function ownFolder(dir: string, uid: number | undefined): boolean {
  try {
    const st = fs.lstatSync(dir);
    if (!st.isDirectory()) return false;
    // Windows has no owners or modes here; its temporary folder is the user's own.
    if (uid === undefined) return true;
    return st.uid === uid && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** Loads this package's bundles with their cached code, and says which caches are worth writing afterwards. */
export class CompileCache {
  private readonly made: { path: string; script: vm.Script; hash: string }[] = [];
  /** Each bundle's exports: loaded once, as require would. */
  private readonly loaded = new Map<string, unknown>();

  /** `folder` undefined: compile as require would, and write nothing. */
  constructor(private readonly folder: string | undefined) {}

  /**
   * Runs V8's compiling and its making of cached code: V8 refuses cached code made
   * under other flags than the current ones, so a caller that changes flags during
   * a run (cli/young-generation.ts) puts them back as at start here.
   */
  compileWith: <T>(compile: () => T) => T = (compile) => compile();

  /**
   * Runs a bundle as CommonJS and returns its exports. Its `require` loads this
   * package's other bundles (`./name.js` beside it) the same way, and anything
   * else as Node's require would from that file.
   */
  load(file: string): unknown {
    const known = this.loaded.get(file);
    if (known !== undefined) return known;
    const source = stripHashbang(fs.readFileSync(file, 'utf8'));
    const cacheFile = this.folder === undefined ? undefined : this.cacheFileFor(file);
    // Without a folder there is no cache to match: the source is not hashed.
    const hash = cacheFile === undefined ? '' : createHash('sha1').update(source).digest('hex');
    const cached = cacheFile === undefined ? undefined : readCache(cacheFile, hash);
    const script = this.compileWith(() => new vm.Script(WRAP_HEAD + source + WRAP_TAIL, { filename: file, ...(cached ? { cachedData: cached } : {}) }));
    if (cacheFile !== undefined && (cached === undefined || script.cachedDataRejected === true)) this.made.push({ path: cacheFile, script, hash });
    const module = { exports: {} as unknown };
    this.loaded.set(file, module.exports);
    const dir = path.dirname(file);
    const nodeRequire = createRequire(file);
    const require = (id: string): unknown => (isSiblingBundle(id) ? this.load(path.join(dir, id)) : nodeRequire(id));
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    wrapper.call(module.exports, module.exports, Object.assign(require, { resolve: nodeRequire.resolve, cache: nodeRequire.cache }), module, file, dir);
    this.loaded.set(file, module.exports);
    return module.exports;
  }

  /** The caches to write: bundles compiled without one (none, stale, or refused by V8). Their code now includes what the run compiled. */
  pending(): PendingCompileCache[] {
    return this.made.map(({ path: p, script, hash }) => ({
      path: p,
      bytes: () => Buffer.concat([Buffer.from(`${COMPILE_CACHE_HEAD}${hash}\n`, 'latin1'), this.compileWith(() => script.createCachedData())]),
    }));
  }

  /** One file per bundle per install and Node version: a new build replaces its own file instead of adding one. */
  private cacheFileFor(file: string): string {
    const where = createHash('sha1').update(path.resolve(file)).digest('hex').slice(0, 12);
    return path.join(this.folder!, `${path.basename(file, '.js')}-${where}-${process.version}-${process.arch}.v8cache`);
  }
}

/** `./name.js` with no folder in it: one of this package's bundles, beside the one requiring it. */
function isSiblingBundle(id: string): boolean {
  return /^\.\/[\w-]+\.js$/.test(id);
}

/** A `#!` line, as Node ignores it (kept as a comment, so line numbers stay). */
function stripHashbang(source: string): string {
  return source.startsWith('#!') ? '//' + source.slice(2) : source;
}

/** The cached code for a source with this SHA-1, or undefined (no file, not ours, or made for other text). */
function readCache(file: string, hash: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const head = COMPILE_CACHE_HEAD + hash + '\n';
  if (bytes.length <= head.length || bytes.toString('latin1', 0, head.length) !== head) return undefined;
  return bytes.subarray(head.length);
}
