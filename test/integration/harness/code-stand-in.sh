#!/usr/bin/env bash
# Stand-in "VS Code executable" for @vscode/test-electron's runTests
# (vscodeExecutablePath): runs the extension tests in code-server + chromium.
# See stand-in.mjs next to this file.
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
exec node "$HERE/stand-in.mjs" "$@"
