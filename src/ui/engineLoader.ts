// Loads the engine bundle (dist/engine.js) on first use. The extension imports only
// the engine's types statically, so activation does not pay for the engine's code.
import * as path from 'node:path';
import type * as EngineModule from '../engine/index';

export type EngineModuleType = typeof EngineModule;

let loaded: EngineModuleType | undefined;

export function loadEngine(): EngineModuleType {
  if (!loaded) {
    const file = path.join(__dirname, 'engine.js');
    // A runtime require of a computed path: esbuild leaves it alone, the engine stays its own bundle.
    loaded = require(file) as EngineModuleType;
  }
  return loaded;
}
