// Running the built command line (dist/cli.js) in tests, as this user or as nobody.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const PROJECT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(PROJECT, 'dist', 'cli.js');

/** The command line with `args`; `env` adds to (or overrides) this process's environment. */
export function cli(args: readonly string[], env?: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, ...(env ? { env: { ...process.env, ...env } } : {}) });
}

/**
 * How to run the command line as an unprivileged user, where permission bits
 * mean something: directly when this is not root, through setpriv as nobody
 * (65534) when it is. Undefined when it is root and setpriv is missing.
 */
export function unprivilegedRunner(): ((args: readonly string[]) => SpawnSyncReturns<string>) | undefined {
  if (process.getuid?.() !== 0) return cli;
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv', '/usr/sbin/setpriv'].find((p) => fs.existsSync(p));
  if (!setpriv) return undefined;
  return (args) =>
    spawnSync(setpriv, ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, cwd: os.tmpdir() });
}

/** A fresh folder that nobody can walk into (mode 0755, under a traversable temporary folder). */
export function publicTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}
