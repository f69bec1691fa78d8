// Shared locations for the offline integration-test harness.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HARNESS_DIR = path.dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = path.resolve(HARNESS_DIR, '..', '..', '..');

/** Where scripts/install-code-server.sh puts code-server (override: BOM_CODE_SERVER_DIR). */
export const CODE_SERVER_DIR = process.env.BOM_CODE_SERVER_DIR
  ? path.resolve(process.env.BOM_CODE_SERVER_DIR)
  : path.join(PROJECT_ROOT, '.vscode-test', 'code-server');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CODE_SERVER_MARKER = path.join(CODE_SERVER_DIR, '.install-complete');
export const INSTALL_SCRIPT = path.join(PROJECT_ROOT, 'scripts', 'install-code-server.sh');

/** Debian's chromium (override: BOM_CHROMIUM). */
export const CHROMIUM = process.env.BOM_CHROMIUM || '/usr/bin/chromium';

/** The executable handed to @vscode/test-electron's runTests as vscodeExecutablePath. */
export const STAND_IN = path.join(HARNESS_DIR, 'code-stand-in.sh');
