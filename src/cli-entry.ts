#!/usr/bin/env node
// batch-ops's executable (dist/cli.js): loads the command line, dist/cli-main.js,
// with the code V8 compiled for it in an earlier run (src/cli/compile-cache.ts),
// and runs it. Kept to this: it is compiled from its text at every start.
import * as path from 'node:path';
import { CompileCache, compileCacheFolder } from './cli/compile-cache';

const compileCache = new CompileCache(compileCacheFolder());
const cli = compileCache.load(path.join(__dirname, 'cli-main.js')) as typeof import('./cli');
cli.runCli(process.argv.slice(2), compileCache);
