// Activation cost of the bundled extension, outside an editor: `vscode` is
// replaced by a stand-in where every property is a no-op function or object,
// so what is timed is our module's load and activate(), not VS Code's.
const Module = require('node:module');
const path = require('node:path');

function stub() {
  const fn = function () {};
  for (const k of ['name', 'length']) Object.defineProperty(fn, k, { value: undefined, writable: true, configurable: true });
  return new Proxy(fn, {
    set: (target, key, value) => {
      target[key] = value;
      return true;
    },
    get: (target, key) => {
      if (key === 'then') return undefined; // not a promise
      if (key === Symbol.toPrimitive) return () => 0;
      if (!(key in target)) target[key] = stub();
      return target[key];
    },
    apply: () => stub(),
    construct: () => stub(),
  });
}
// The names `vscode` exports, from its typings: bundlers copy a module's own keys.
const typings = require('node:fs').readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
const names = [...new Set([...typings.matchAll(/^\t{1}export (?:namespace|class|enum|function|const|let) (\w+)/gm)].map((m) => m[1]))];
const vscode = stub();
for (const name of names) void vscode[name];
const exportsOfVscode = Object.fromEntries(names.map((n) => [n, vscode[n]]));
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? exportsOfVscode : load.call(this, request, ...rest);
};

const t0 = performance.now();
const ext = require(path.resolve(__dirname, '..', 'dist', 'extension.js'));
const t1 = performance.now();
const context = stub();
Promise.resolve(ext.activate(context)).then(() => {
  const t2 = performance.now();
  console.log(JSON.stringify({ loadMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0 }));
  process.exit(0);
});
