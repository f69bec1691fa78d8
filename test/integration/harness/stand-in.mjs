// Stand-in for the VS Code executable that @vscode/test-electron's runTests()
// launches (passed as vscodeExecutablePath through code-stand-in.sh).
//
// It takes the same command line (`<workspace> --extensionDevelopmentPath=...
// --extensionTestsPath=... --user-data-dir=... ...`), runs the same extension
// tests in a real VS Code server (code-server) + web workbench in headless
// chromium, relays the extension host's console to stdout and exits with the
// tests' exit code. Non-zero, with the reason printed, if the page crashes, the
// server dies or nothing reports within BOM_STANDIN_TIMEOUT_MS (default 5 min).
//
// Environment: everything is passed through to the server and so to the
// extension host (runTests' extensionTestsEnv arrives here as environment).
//   BOM_STANDIN_TIMEOUT_MS  overall timeout (default 300000)
//   BOM_UNTRUSTED_WORKSPACE=1  workspace trust on and the workspace not trusted
//                           (restricted mode; run.mjs's 'untrusted' run sets it)
//   BOM_STANDIN_VERBOSE=1   also echo server output and browser console
//   BOM_STANDIN_KEEP=1      keep the private /tmp/bom-* run folder (logs, user data)
//   BOM_HEADFUL=1           show the browser (needs a display)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import util from 'node:util';
import { openWorkbench } from './browser.mjs';
import { startServer } from './server.mjs';

const TAG = '[stand-in]';

/**
 * codeAutomationLog receives every info+ line of the workbench's log, not only
 * the extension host's console: drop the known harmless chatter (unless verbose).
 */
const NOISE = [
  /^Resolving connection token /,
  /^Resolved connection token /,
  /^Creating a socket \(/,
  /^Ignoring fetching additional builtin extensions from gallery/,
  /^\[Service Worker\] registered/,
  /^ChatSessionStore: Migrating 0 chat sessions/,
  /^Updating additional builtin extensions cache/,
];
const say = (msg) => process.stdout.write(`${TAG} ${msg}\n`);

/** Options that take a value (`--opt value` or `--opt=value`) in VS Code's CLI. */
const VALUE_OPTS = new Set([
  'extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir',
  'folder-uri', 'file-uri', 'locale', 'profile', 'log', 'crash-reporter-directory',
  'install-extension', 'uninstall-extension', 'enable-proposed-api', 'remote',
  'inspect-extensions', 'inspect-brk-extensions', 'sync', 'category', 'add', 'goto',
  'diff', 'merge', 'extensionEnvironment', 'logsPath',
]);

export function parseArgs(argv) {
  const out = { positional: [], devPaths: [], testsPath: undefined, proposedApi: [], ignored: [], folderUris: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      out.positional.push(a);
      continue;
    }
    let name = a.slice(2);
    let value;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    } else if (VALUE_OPTS.has(name) && i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      value = argv[++i];
    }
    switch (name) {
      case 'extensionDevelopmentPath': out.devPaths.push(value); break;
      case 'extensionTestsPath': out.testsPath = value; break;
      case 'folder-uri':
      case 'file-uri':
        if (value?.startsWith('file://')) out.positional.push(fileURLToPath(value));
        else out.ignored.push(a);
        break;
      case 'enable-proposed-api': if (value) out.proposedApi.push(value); break;
      // A fresh, empty extensions dir is used for every run, so installed
      // extensions are always disabled in effect; the rest is desktop-only.
      default: out.ignored.push(value === undefined ? a : `--${name}=${value}`);
    }
  }
  return out;
}

function toLocalPath(p) {
  return p.startsWith('file://') ? fileURLToPath(p) : path.resolve(p);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const verbose = process.env.BOM_STANDIN_VERBOSE === '1';
  const timeoutMs = Number(process.env.BOM_STANDIN_TIMEOUT_MS || 300000);

  if (!args.testsPath) {
    say('no --extensionTestsPath given: this stand-in only runs extension tests');
    return 2;
  }
  if (args.devPaths.length === 0) {
    say('no --extensionDevelopmentPath given');
    return 2;
  }
  const testsPath = toLocalPath(args.testsPath);
  const devPaths = args.devPaths.map(toLocalPath);
  const workspace = args.positional.length ? path.resolve(args.positional[0]) : undefined;
  if (args.positional.length > 1) say(`opening only ${workspace}; ignoring ${args.positional.slice(1).join(' ')}`);
  for (const p of [testsPath, ...devPaths, ...(workspace ? [workspace] : [])]) {
    if (!fs.existsSync(p)) {
      say(`path does not exist: ${p}`);
      return 2;
    }
  }
  if (verbose && args.ignored.length) say(`ignoring desktop-only arguments: ${args.ignored.join(' ')}`);

  let server;
  let workbench;
  let finished = false;
  let resolveResult;
  const result = new Promise((r) => { resolveResult = r; });
  const finish = (code, why) => {
    if (finished) return;
    finished = true;
    resolveResult({ code, why });
  };

  // code-server's server loads one development extension per window (the last one
  // given). Several are served as one folder of links: a folder without a
  // package.json is scanned as a folder of extensions, each loaded in development.
  let devFolder;
  if (devPaths.length > 1) {
    devFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'bom-dev-'));
    devPaths.forEach((p, i) => fs.symlinkSync(p, path.join(devFolder, `${i}-${path.basename(p)}`), 'dir'));
  }
  const served = devFolder ? [devFolder] : devPaths;

  const cleanup = async () => {
    await workbench?.close().catch((e) => say(`closing the browser failed: ${e.message}`));
    await server?.stop().catch((e) => say(`stopping the server failed: ${e.message}`));
    if (devFolder) fs.rmSync(devFolder, { recursive: true, force: true });
  };
  const onSignal = (sig) => {
    say(`received ${sig}, stopping`);
    finish(sig === 'SIGINT' ? 130 : 143, `interrupted by ${sig}`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);

  const started = Date.now();
  const timer = setTimeout(
    () => finish(1, `no test result within ${timeoutMs} ms (BOM_STANDIN_TIMEOUT_MS)`),
    timeoutMs,
  );
  try {
    server = await startServer({
      workspace,
      verbose,
      keep: process.env.BOM_STANDIN_KEEP === '1',
      untrusted: process.env.BOM_UNTRUSTED_WORKSPACE === '1',
      extraArgs: args.proposedApi.flatMap((id) => ['--enable-proposed-api', id]),
    });
    say(`code-server on ${server.base} (pid ${server.pid}, ${Date.now() - started} ms)${server.runDir && process.env.BOM_STANDIN_KEEP === '1' ? `, run dir ${server.runDir}` : ''}`);
    server.exited.then((info) => finish(1, `code-server exited unexpectedly (code ${info.code}, signal ${info.signal})`));

    const payload = [
      ...served.map((p) => ['extensionDevelopmentPath', server.remoteUri(p)]),
      ['extensionTestsPath', server.remoteUri(testsPath)],
    ];
    const url = server.url(workspace, payload);
    if (verbose) say(`opening ${url}`);
    workbench = await openWorkbench({
      url,
      expose: {
        codeAutomationLog: (type, logArgs) => {
          const text = util.format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
          if (!verbose && NOISE.some((re) => re.test(text))) return;
          process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
        },
        codeAutomationExit: (code) => {
          finish(typeof code === 'number' ? code : 1, `tests reported exit code ${code}`);
        },
      },
      onBrowserLog: verbose ? (m) => process.stderr.write(`[browser] ${m}\n`) : undefined,
      onCrash: (reason) => finish(1, reason),
    });
  } catch (err) {
    finish(1, `harness error: ${err.stack || err.message}`);
  }

  const { code, why } = await result;
  clearTimeout(timer);
  if (code !== 0) {
    say(`FAILED: ${why}`);
    if (server && !/^tests reported/.test(why)) {
      const tail = server.output().split('\n').slice(-40).join('\n');
      if (tail.trim()) say(`last server output:\n${tail}`);
    }
  } else {
    say(`${why} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  await cleanup();
  return code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      say(`unexpected error: ${err.stack || err}`);
      process.exit(1);
    },
  );
}
