// One short build script: bundle each entry point into dist/ (CommonJS, Node 20).
// Type checking is `tsc --noEmit` (npm run check), as in Microsoft's esbuild sample.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// The links and lint operations (Markdown parsers, markdownlint and its configuration
// readers: most of the code) are bundles of their own, which the registry requires
// when one is first built: the command line and the workers do not read or compile
// them for a run without them. Their code is self-contained (no engine state).
const LAZY_OPERATIONS = { './links': 'op-links', './lint': 'op-lint' };
const lazyOperations = {
  name: 'lazy-operations',
  setup(build) {
    build.onResolve({ filter: /^\.\/(links|lint)$/ }, (args) => {
      if (!args.importer.endsWith('registry.ts') || args.kind !== 'require-call') return undefined;
      return { path: `./${LAZY_OPERATIONS[args.path]}.js`, external: true };
    });
  },
};

// review and enhance on the command line (the endpoint client and the operations)
// are dist/op-review.js, required by cli-main.js only for a run that names them.
const lazyModelOperations = {
  name: 'lazy-model-operations',
  setup(build) {
    build.onResolve({ filter: /^\.\/cli\/model-operations$/ }, (args) => {
      if (!args.importer.endsWith('cli.ts') || args.kind !== 'require-call') return undefined;
      return { path: './op-review.js', external: true };
    });
  },
};

// The links operation's per-document phase (markdown-it and linkify-it) is
// dist/op-links-parse.js, required by op-links.js when it first analyses a
// document: a run whose links results all come from the cache never loads it.
const lazyLinksParser = {
  name: 'lazy-links-parser',
  setup(build) {
    build.onResolve({ filter: /^\.\/document$/ }, (args) => {
      if (!/[\\/]links[\\/]index\.ts$/.test(args.importer) || args.kind !== 'require-call') return undefined;
      return { path: './op-links-parse.js', external: true };
    });
  },
};

const options = {
  entryPoints: {
    extension: 'src/extension.ts',
    // The executable: a few lines that load cli-main.js through the V8 code cache (src/cli/compile-cache.ts).
    cli: 'src/cli-entry.ts',
    'cli-main': 'src/cli.ts',
    worker: 'src/engine/schedule/worker.ts',
    engine: 'src/engine/index.ts',
    'op-links': 'src/operations/links/index.ts',
    'op-links-parse': 'src/operations/links/document.ts',
    'op-lint': 'src/operations/lint/index.ts',
    'op-review': 'src/cli/model-operations.ts',
  },
  plugins: [lazyOperations, lazyLinksParser, lazyModelOperations],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // ESM builds first where a package has no "exports": jsonc-parser's UMD build
  // requires its own modules by computed names, which a bundle cannot follow.
  mainFields: ['module', 'main'],
  outdir: 'dist',
  external: ['vscode'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  define: { BATCH_OPS_VERSION: JSON.stringify(version) },
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}
