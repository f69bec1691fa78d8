// A tree of hostile inputs for the batch engine: every kind of file a real
// workspace throws at a reader (binaries, broken and exotic encodings, huge and
// minified files, special files, symbolic-link traps, awkward names, deep
// nesting, odd .gitignore rules, one folder of very many files), each with the
// outcome the engine is expected to give it.
//
// Everything is made under `<root>/tree`, the folder to hand the engine; the
// returned cases name absolute paths. The caller removes `root` afterwards
// (fs.rmSync recursive copes with the FIFO and the socket file).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FailReason, OutcomeKind, SkipReason } from '../../src/engine/types';

export type HostileExpectation = { readonly kind: OutcomeKind; readonly reason?: SkipReason | FailReason } | 'not-discovered';

export interface HostileCase {
  /** Short, unique, for the outcome table. */
  readonly name: string;
  /** The file(s) of the case (absolute); every one is expected to end the same way. */
  readonly paths: readonly string[];
  readonly expect: HostileExpectation;
  /** When processed: the encoding the reader must have detected. */
  readonly encoding?: 'utf-8' | 'utf-16le' | 'utf-16be';
  /** When processed: the line count analyze must report. */
  readonly lines?: number;
}

export interface HostileOptions {
  /** Empty files to put in one folder (0: none). The default keeps the suite fast. */
  manyEmptyFiles?: number;
  /** Files over this many bytes are 'too-large'; the sparse file is made 1 MiB larger. Default 10 MiB (the engine's default). */
  maxFileSize?: number;
  /**
   * A folder with mode 000 (and a file in it), expected failed 'permission-denied'.
   * Only for a run by an unprivileged user: root reads it anyway (see hostile-unprivileged.test.ts).
   */
  unreadableFolder?: boolean;
  /** A chain of folders whose path passes PATH_MAX (4096 bytes), expected failed 'name-too-long' at the first folder past it. */
  pastPathMax?: boolean;
}

/** Linux's PATH_MAX, the terminating NUL included: a path of this many bytes or more cannot be used whole. */
const PATH_MAX = 4096;

/** The folder of a hostile tree to hand the engine. */
export function hostileRoot(root: string): string {
  return path.join(root, 'tree');
}

const MiB = 1024 * 1024;

function utf16(text: string, bigEndian: boolean, bom: boolean): Buffer {
  const le = Buffer.from((bom ? '\ufeff' : '') + text, 'utf16le');
  if (!bigEndian) return le;
  const be = Buffer.from(le);
  be.swap16();
  return be;
}

export function generateHostileTree(root: string, options: HostileOptions = {}): HostileCase[] {
  const tree = hostileRoot(root);
  const maxFileSize = options.maxFileSize ?? 10 * MiB;
  const cases: HostileCase[] = [];
  const file = (rel: string, content: string | Uint8Array): string => {
    const p = path.join(tree, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
    return p;
  };
  const add = (c: HostileCase) => cases.push(c);
  fs.mkdirSync(tree, { recursive: true });

  // --- content --------------------------------------------------------------
  add({ name: 'empty file', paths: [file('content/empty.txt', '')], expect: { kind: 'processed' }, encoding: 'utf-8', lines: 0 });

  // PNG-like bytes: a NUL at offset 4, high bytes that cannot pass for UTF-16.
  const png = Buffer.alloc(4096);
  for (let i = 0; i < png.length; i++) png[i] = (i * 151 + 17) & 0xff;
  png.set([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d, 0x0a, 0x1a], 0);
  add({ name: 'binary, NUL at byte 4', paths: [file('content/image.bin', png)], expect: { kind: 'skipped', reason: 'binary' } });

  // 9 KiB of ordinary prose (no long runs, no long lines), then a NUL: past the sniff window, so text.
  let head = '';
  while (Buffer.byteLength(head) < 9 * 1024) head += 'plain words on a line of text\n';
  add({
    name: 'NUL only after 8 KiB',
    paths: [file('content/late-nul.txt', Buffer.concat([Buffer.from(head), Buffer.from([0]), Buffer.from('\nmore words\n')]))],
    expect: { kind: 'processed' },
    encoding: 'utf-8',
  });

  add({
    name: 'invalid UTF-8 (C3 28)',
    paths: [file('content/invalid-utf8.txt', Buffer.concat([Buffer.from('hello there '), Buffer.from([0xc3, 0x28]), Buffer.from(' world\n')]))],
    expect: { kind: 'skipped', reason: 'invalid-encoding' },
  });
  add({
    name: 'invalid UTF-8 (lone continuation bytes, 0xFF)',
    paths: [file('content/invalid-utf8-ff.txt', Buffer.concat([Buffer.from('abc '), Buffer.from([0x80, 0x80, 0xff]), Buffer.from(' def\n')]))],
    expect: { kind: 'skipped', reason: 'invalid-encoding' },
  });

  const sample = 'Hello world. This is a small English text.\nIt has two lines.\n';
  add({ name: 'UTF-16 LE with BOM', paths: [file('content/utf16le-bom.txt', utf16(sample, false, true))], expect: { kind: 'processed' }, encoding: 'utf-16le', lines: 2 });
  add({ name: 'UTF-16 BE with BOM', paths: [file('content/utf16be-bom.txt', utf16(sample, true, true))], expect: { kind: 'processed' }, encoding: 'utf-16be', lines: 2 });
  add({ name: 'UTF-16 LE without BOM', paths: [file('content/utf16le-nobom.txt', utf16(sample, false, false))], expect: { kind: 'processed' }, encoding: 'utf-16le', lines: 2 });
  add({ name: 'UTF-16 BE without BOM', paths: [file('content/utf16be-nobom.txt', utf16(sample, true, false))], expect: { kind: 'processed' }, encoding: 'utf-16be', lines: 2 });
  // A lone high surrogate after a BOM: not valid UTF-16.
  add({
    name: 'UTF-16 LE with a lone surrogate',
    paths: [file('content/utf16le-lone-surrogate.txt', Buffer.concat([utf16('ok ', false, true), Buffer.from([0x00, 0xd8]), utf16(' after\n', false, false)]))],
    expect: { kind: 'skipped', reason: 'invalid-encoding' },
  });

  // Sparse: 1 MiB over the limit, costs no disk.
  const sparse = path.join(tree, 'content', 'sparse-too-large.log.txt');
  fs.writeFileSync(sparse, 'start\n');
  fs.truncateSync(sparse, maxFileSize + MiB);
  add({ name: `sparse ${(maxFileSize + MiB) / MiB} MiB file`, paths: [sparse], expect: { kind: 'skipped', reason: 'too-large' } });

  // 5 MB minified JavaScript on one line, no whitespace at all.
  const minified = Buffer.from('var a=1;'.repeat((5 * 1000 * 1000) / 8));
  add({ name: 'minified 5 MB one-line JS', paths: [file('content/bundle.min.js', minified)], expect: { kind: 'skipped', reason: 'generated' } });

  // 2 million short lines (6 MB: streamed, under the size limit).
  const twoMillion = Buffer.alloc(2_000_000 * 3);
  for (let i = 0; i < twoMillion.length; i += 3) {
    twoMillion[i] = 0x61 + ((i / 3) % 26);
    twoMillion[i + 1] = 0x62;
    twoMillion[i + 2] = 0x0a;
  }
  add({ name: '2 million short lines', paths: [file('content/two-million-lines.txt', twoMillion)], expect: { kind: 'processed' }, encoding: 'utf-8', lines: 2_000_000 });

  // --- special files ------------------------------------------------------------
  const special = path.join(tree, 'special');
  fs.mkdirSync(special, { recursive: true });
  const fifo = path.join(special, 'pipe.fifo');
  execFileSync('mkfifo', [fifo]);
  add({ name: 'FIFO', paths: [fifo], expect: { kind: 'skipped', reason: 'not-a-file' } });
  // A Unix socket file that outlives its creator: Python's bind() leaves it (Node's close() removes it).
  const sock = path.join(special, 'server.sock');
  try {
    execFileSync('python3', ['-c', 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.close()', 'server.sock'], { cwd: special, stdio: 'ignore' });
  } catch {
    // No python3: no socket case.
  }
  if (fs.existsSync(sock) && fs.lstatSync(sock).isSocket()) add({ name: 'Unix socket', paths: [sock], expect: { kind: 'skipped', reason: 'not-a-file' } });

  // --- symbolic links -------------------------------------------------------------
  const links = path.join(tree, 'links');
  fs.mkdirSync(links, { recursive: true });
  fs.symlinkSync('.', path.join(links, 'to-itself-dir'));
  add({ name: 'symlink loop (link to its own folder)', paths: [path.join(links, 'to-itself-dir')], expect: { kind: 'skipped', reason: 'symlink-loop' } });
  fs.symlinkSync('ping', path.join(links, 'pong'));
  fs.symlinkSync('pong', path.join(links, 'ping'));
  add({ name: 'symlink loop (ping <-> pong, ELOOP)', paths: [path.join(links, 'ping'), path.join(links, 'pong')], expect: { kind: 'skipped', reason: 'symlink-loop' } });
  fs.symlinkSync(fs.realpathSync(os.tmpdir()), path.join(links, 'out-of-root'));
  add({ name: 'symlink out of the root', paths: [path.join(links, 'out-of-root')], expect: { kind: 'skipped', reason: 'symlink-outside-root' } });
  fs.symlinkSync('no-such-target.md', path.join(links, 'dangling.md'));
  add({ name: 'dangling symlink', paths: [path.join(links, 'dangling.md')], expect: { kind: 'skipped', reason: 'dangling-symlink' } });
  fs.symlinkSync('../names', path.join(links, 'names-again'));
  add({ name: 'symlink to a folder walked already', paths: [path.join(links, 'names-again')], expect: { kind: 'skipped', reason: 'symlink-duplicate' } });

  // --- names ------------------------------------------------------------------------
  const names: Array<[string, string]> = [
    ['name with spaces', 'a name with spaces.md'],
    ['newline in the name', 'new\nline.md'],
    ['Cyrillic name', 'привет мир.md'],
    ['CJK name', '中文文件名.md'],
    ['Arabic name', 'مرحبا بالعالم.md'],
    ['terminal escape in the name (OSC retitle)', '\x1b]0;pwned\x07.md'],
    ['HTML in the name', '<img src=x onerror=alert(1)>.md'],
    ['script tag in the name', '<script>alert(1)<\\script>.md'],
    ['lone CR in the name', 'lone\rcr.md'],
    ['pipe and formula prefix in the name', '=cmd|calc.md'],
  ];
  const long = 'ж'.repeat(125) + 'ab.md'; // 250 + 5 bytes
  if (Buffer.byteLength(long) !== 255) throw new Error(`long name is ${Buffer.byteLength(long)} bytes`);
  names.push(['255-byte UTF-8 name', long]);
  for (const [name, base] of names) {
    add({ name, paths: [file(path.join('names', base), `# ${name}\n\nA short document.\n`)], expect: { kind: 'processed' }, encoding: 'utf-8', lines: 3 });
  }

  // --- depth --------------------------------------------------------------------------
  const deep = path.join('deep', ...Array.from({ length: 200 }, () => 'd'), 'bottom.md');
  add({ name: 'file 200 folders deep', paths: [file(deep, 'At the very bottom.\n')], expect: { kind: 'processed' }, encoding: 'utf-8', lines: 1 });

  // --- .gitignore ---------------------------------------------------------------------
  const gitignore = [
    '# a comment: ignores nothing',
    '*.log',
    '!keep.log',
    '/build/',
    '**/tmp/**',
    'my file.txt',
    'trailing\\ ',
    '\\#hash.md',
    '',
  ].join('\n');
  const ig = (rel: string, expect: HostileExpectation, name: string) =>
    add({ name, paths: [file(path.join('ignored', rel), 'ignored or not, plain text\n')], expect });
  add({ name: '.gitignore itself', paths: [file('ignored/.gitignore', gitignore)], expect: { kind: 'processed' } });
  ig('debug.log', 'not-discovered', '*.log');
  ig('keep.log', { kind: 'processed' }, '!keep.log re-includes');
  ig('build/out.md', 'not-discovered', '/build/ (anchored)');
  ig('sub/build/out.md', { kind: 'processed' }, '/build/ does not match deeper');
  ig('a/tmp/x.md', 'not-discovered', '**/tmp/**');
  ig('tmp/y.md', 'not-discovered', '**/tmp/** at top');
  ig('my file.txt', 'not-discovered', 'pattern with a space');
  ig('trailing ', 'not-discovered', 'escaped trailing space');
  ig('trailing', { kind: 'processed' }, 'no trailing space: kept');
  ig('#hash.md', 'not-discovered', '\\#hash.md');
  ig('hash.md', { kind: 'processed' }, 'hash.md kept');
  ig('# a comment: ignores nothing', { kind: 'processed' }, 'comment line ignores nothing');

  // --- folders that cannot be read ------------------------------------------------------
  if (options.unreadableFolder) {
    const locked = path.join(tree, 'locked');
    file(path.join('locked', 'secret.md'), 'not to be read\n');
    fs.chmodSync(locked, 0o000);
    add({ name: 'folder with mode 000', paths: [locked], expect: { kind: 'failed', reason: 'permission-denied' } });
  }
  if (options.pastPathMax) add({ name: `folder past PATH_MAX (${PATH_MAX} bytes)`, paths: [folderChainPastPathMax(path.join(tree, 'too-deep'))], expect: { kind: 'failed', reason: 'name-too-long' } });

  // --- very many files ---------------------------------------------------------------
  const many = options.manyEmptyFiles ?? 0;
  if (many > 0) {
    const dir = path.join(tree, 'many');
    fs.mkdirSync(dir);
    const paths: string[] = [];
    for (let i = 0; i < many; i++) {
      const p = path.join(dir, `e${i}.txt`);
      fs.closeSync(fs.openSync(p, 'w'));
      paths.push(p);
    }
    add({ name: `${many} empty files in one folder`, paths, expect: { kind: 'processed' }, encoding: 'utf-8', lines: 0 });
  }
  return cases;
}

/**
 * Makes `top`/p…p/p…p/… (200-byte names) until the path passes PATH_MAX, with a
 * file at the bottom, and returns the first folder whose path is PATH_MAX bytes
 * or more (the one a walk cannot open). Built with relative paths from inside the
 * chain (process.chdir), since no absolute path can reach the bottom.
 */
function folderChainPastPathMax(top: string): string {
  const segment = 'p'.repeat(200);
  const back = process.cwd();
  let abs = top;
  let first: string | undefined;
  fs.mkdirSync(top, { recursive: true });
  process.chdir(top);
  try {
    while (Buffer.byteLength(abs) < PATH_MAX + 2 * segment.length) {
      fs.mkdirSync(segment);
      process.chdir(segment);
      abs = `${abs}/${segment}`;
      if (first === undefined && Buffer.byteLength(abs) >= PATH_MAX) first = abs;
    }
    fs.writeFileSync('lost.md', 'below PATH_MAX\n');
  } finally {
    process.chdir(back);
  }
  return first!;
}

/**
 * Removes a hostile tree, with what fs.rmSync cannot reach: it fails with
 * ENAMETOOLONG past PATH_MAX, while GNU rm walks with openat. A folder chmod 000
 * is opened up first (rm as root does not need it, an unprivileged one does).
 */
export function removeHostileTree(root: string): void {
  const locked = path.join(hostileRoot(root), 'locked');
  if (fs.existsSync(locked)) fs.chmodSync(locked, 0o755);
  try {
    fs.rmSync(root, { recursive: true, force: true });
  } catch {
    execFileSync('rm', ['-rf', '--', root]);
  }
}
