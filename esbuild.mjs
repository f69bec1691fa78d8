// One short build script: bundle each entry point into dist/ (CommonJS, Node 20).
// Type checking is `tsc --noEmit` (npm run check), as in Microsoft's esbuild sample.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const options = {
  entryPoints: {
    extension: 'src/extension.ts',
    cli: 'src/cli.ts',
    worker: 'src/engine/worker.ts',
  },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outdir: 'dist',
  external: ['vscode'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}
