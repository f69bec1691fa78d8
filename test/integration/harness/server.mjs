// Start/stop a private code-server (VS Code server + web workbench) for tests.
//
//   const server = await startServer({ extraEnv: { FOO: '1' } });
//   page.goto(server.url('/path/to/folder', [['extensionDevelopmentPath', server.remoteUri(dir)]]));
//   await server.stop();
//
// Every run gets its own short-path folder under /tmp (the server keeps a
// socket in its user-data dir, and unix socket paths are limited to ~100 bytes)
// holding user data, extensions, XDG dirs and TMPDIR. The server runs detached
// in its own process group; stop() kills the whole group.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CODE_SERVER_ENTRY } from './paths.mjs';

/** Environment variables of a surrounding VS Code that must not leak into the server. */
const HOST_ENV_BLOCKLIST = [
  'VSCODE_IPC_HOOK_CLI', // makes code-server act as a CLI of another instance
  'VSCODE_IPC_HOOK',
  'VSCODE_PID',
  'VSCODE_CWD',
  'VSCODE_NLS_CONFIG',
  'VSCODE_HANDLES_UNCAUGHT_ERRORS',
  'VSCODE_ESM_ENTRYPOINT',
  'VSCODE_AMD_ENTRYPOINT',
  'VSCODE_CODE_CACHE_PATH',
  'VSCODE_CRASH_REPORTER_PROCESS_TYPE',
  'ELECTRON_RUN_AS_NODE',
  'ELECTRON_NO_ATTACH_CONSOLE',
];

const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.autoRepositoryDetection': false,
  'git.openRepositoryInParentFolders': 'never',
};

/** Workspace trust on, without the startup prompt: a workspace nobody trusted opens in restricted mode. */
const UNTRUSTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.emptyWindow': false,
};

/** A free TCP port on 127.0.0.1 (tiny race until the server binds it; startServer retries). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @param {object} [opts]
 * @param {Record<string,string|undefined>} [opts.extraEnv] added to the server's (and so the extension host's) environment
 * @param {Record<string,unknown>} [opts.settings] user settings merged over DEFAULT_SETTINGS
 * @param {string[]} [opts.extraArgs] more code-server arguments
 * @param {boolean} [opts.untrusted] workspace trust on, and the opened workspace not trusted (restricted mode, no prompt)
 * @param {boolean} [opts.verbose] echo the server's output as it comes
 * @param {boolean} [opts.keep] keep the private run folder after stop() (for debugging)
 * @param {number} [opts.startTimeoutMs] how long to wait for /healthz (default 60 s)
 * @param {string} [opts.workspace] unused by the server itself; kept on the handle for callers
 */
export async function startServer(opts = {}) {
  if (!fs.existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(`code-server is not installed (${CODE_SERVER_ENTRY} missing): run scripts/install-code-server.sh`);
  }
  let lastError;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await startOnce(opts);
    } catch (err) {
      lastError = err;
      if (!err.retryable) throw err;
      process.stderr.write(`[stand-in] server start attempt ${attempt} failed (${err.message}); retrying\n`);
    }
  }
  throw lastError;
}

async function startOnce(opts) {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir().length > 40 ? '/tmp' : os.tmpdir(), 'bom-'));
  const dirs = {
    userData: path.join(runDir, 'ud'),
    extensions: path.join(runDir, 'ext'),
    config: path.join(runDir, 'xdg-config'),
    data: path.join(runDir, 'xdg-data'),
    cache: path.join(runDir, 'xdg-cache'),
    runtime: path.join(runDir, 'xdg-run'),
    tmp: path.join(runDir, 'tmp'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...(opts.untrusted ? UNTRUSTED_SETTINGS : {}), ...(opts.settings ?? {}) }, null, 2),
  );

  const port = await freePort();
  const env = { ...process.env };
  for (const k of HOST_ENV_BLOCKLIST) delete env[k];
  Object.assign(env, {
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    XDG_RUNTIME_DIR: dirs.runtime,
    TMPDIR: dirs.tmp,
    ...(opts.extraEnv ?? {}),
  });
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];

  const args = [
    CODE_SERVER_ENTRY,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(opts.untrusted ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    ...(opts.extraArgs ?? []),
  ];
  const logPath = path.join(runDir, 'server.log');
  const logFd = fs.openSync(logPath, 'a');
  const child = spawn(process.execPath, args, {
    cwd: runDir,
    env,
    detached: true, // own process group: stop() kills it all (extension host, pty host, ...)
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (chunk) => {
    fs.writeSync(logFd, chunk);
    output = (output + chunk.toString()).slice(-20000);
    if (opts.verbose) process.stderr.write(prefixLines('[server] ', chunk.toString()));
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);

  let exitInfo = null;
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolve(exitInfo);
    });
    child.on('error', (err) => {
      exitInfo = { code: null, signal: null, error: err };
      resolve(exitInfo);
    });
  });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await killGroup(child.pid, exited);
    try { fs.closeSync(logFd); } catch { /* already closed */ }
    if (!opts.keep) fs.rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
  };

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 60000);
  for (;;) {
    if (exitInfo) {
      const tail = output.slice(-4000);
      await stop();
      const err = new Error(`code-server exited during start (code ${exitInfo.code}, signal ${exitInfo.signal})\n${tail}`);
      err.retryable = /EADDRINUSE/.test(tail);
      throw err;
    }
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) {
      const tail = output.slice(-4000);
      await stop();
      throw new Error(`code-server did not answer ${base}/healthz within ${opts.startTimeoutMs ?? 60000} ms\n${tail}`);
    }
    await sleep(100);
  }

  return {
    port,
    base,
    pid: child.pid,
    runDir,
    userDataDir: dirs.userData,
    extensionsDir: dirs.extensions,
    logPath,
    workspace: opts.workspace,
    /** Resolves with {code, signal} when the server process exits. */
    exited,
    isRunning: () => exitInfo === null,
    /** The last ~20 kB of the server's output. */
    output: () => output,
    /** A vscode-remote URI for a path on this (local) server. */
    remoteUri: (p) => `vscode-remote://127.0.0.1:${port}${encodePath(path.resolve(p))}`,
    /**
     * Workbench URL opening a folder, or a multi-root workspace when the path ends
     * in .code-workspace (or none when omitted). payload: [[key, value], ...]
     */
    url(folderOrWorkspace, payload) {
      const params = new URLSearchParams();
      if (folderOrWorkspace) {
        const p = path.resolve(folderOrWorkspace);
        params.set(p.endsWith('.code-workspace') ? 'workspace' : 'folder', p);
      }
      if (payload && payload.length) params.set('payload', JSON.stringify(payload));
      const q = params.toString();
      return `${base}/${q ? `?${q}` : ''}`;
    },
    stop,
  };
}

function encodePath(p) {
  return p.split('/').map(encodeURIComponent).join('/');
}

function prefixLines(prefix, text) {
  return text.replace(/^(?=.)/gm, prefix);
}

async function killGroup(pid, exited) {
  const kill = (sig) => {
    try { process.kill(-pid, sig); } catch { /* group gone */ }
  };
  kill('SIGTERM');
  await Promise.race([exited, sleep(5000)]);
  // The leader may exit before its children (extension host, pty host,
  // watchers): always sweep the whole group.
  await sleep(200);
  kill('SIGKILL');
  await Promise.race([exited, sleep(2000)]);
}
