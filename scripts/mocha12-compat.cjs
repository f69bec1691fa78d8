// Lets @stryker-mutator/mocha-runner 9 (the last StrykerJS line that runs on Node 20)
// load mocha 12, whose CLI helpers it requires by their old names: mocha 12 renamed
// lib/cli/*.js to *.cjs. Preloaded (--require) by scripts/mutate.mjs and by
// Stryker's test-runner processes (stryker.config.json, testRunnerNodeArgs).
'use strict';
const Module = require('node:module');

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  try {
    return resolve.call(this, request, ...rest);
  } catch (err) {
    if (err && err.code === 'MODULE_NOT_FOUND' && /[\\/]mocha[\\/]lib[\\/]cli[\\/][\w-]+$/.test(request)) {
      return resolve.call(this, `${request}.cjs`, ...rest);
    }
    throw err;
  }
};
