// One short build script: bundle each entry point into dist/ (CommonJS, Node 20).
// Type checking is `tsc --noEmit` (npm run check), as in Microsoft's esbuild sample.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const options = {
  entryPoints: {
    extension: 'src/extension.ts',
    cli: 'src/cli.ts',
    worker: 'src/engine/worker.ts',
    engine: 'src/engine/index.ts',
  },
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
