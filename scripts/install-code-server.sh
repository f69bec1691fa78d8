#!/usr/bin/env bash
# Installs the offline stand-in for VS Code used by the integration tests:
# code-server (a full VS Code server + web workbench, from the npm registry),
# plus Debian's chromium and ripgrep. No other network access is needed.
#
# Idempotent: does nothing when .vscode-test/code-server/.install-complete
# exists (written only at the very end of a successful install).
# Works as root without a TTY (CI). Override the target with CODE_SERVER_DIR.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${CODE_SERVER_DIR:-$ROOT/.vscode-test/code-server}"
MARKER="$DIR/.install-complete"

log() { printf '[install-code-server] %s\n' "$*"; }
die() { printf '[install-code-server] ERROR: %s\n' "$*" >&2; exit 1; }

if [[ -f "$MARKER" ]] && [[ "$(cat "$MARKER")" == "$CODE_SERVER_VERSION" ]]; then
  log "code-server $CODE_SERVER_VERSION already installed in $DIR (remove $MARKER to reinstall)"
  exit 0
fi

start=$(date +%s)

# --- system packages (only when missing) -------------------------------------
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
[[ -e /usr/include/gssapi/gssapi.h || -e /usr/include/krb5.h ]] || missing+=(libkrb5-dev)
# node-gyp builds argon2, kerberos, node-pty, spdlog, ... from source (headers: npm's nodedir).
command -v make >/dev/null 2>&1 || missing+=(make)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if ((${#missing[@]})); then
  log "installing system packages: ${missing[*]}"
  SUDO=""
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to apt-get install ${missing[*]}"
    SUDO="sudo -n"
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! $SUDO apt-get install -y --no-install-recommends "${missing[@]}"; then
    log "apt-get install failed; running apt-get update and retrying"
    $SUDO apt-get update
    $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
  fi
fi
RG="$(command -v rg)" || die "ripgrep (rg) not found after install"
[[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium not found after install"

# --- npm flags ----------------------------------------------------------------
# npm 11 blocks dependency install scripts unless allowed ("allowScripts");
# the rebuild steps below must really run, so allow them explicitly here
# (scoped to this install only, which lives outside the project's package.json).
export npm_config_dangerously_allow_all_scripts=true
# node-gyp must use the local Node headers (it would download them otherwise).
if [[ -z "${npm_config_nodedir:-}" && -f /usr/include/node/node_api.h ]]; then
  export npm_config_nodedir=/usr
fi
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export npm_config_loglevel="${npm_config_loglevel:-warn}"

# --- code-server itself (without its postinstall, which downloads) -----------
log "installing code-server@$CODE_SERVER_VERSION into $DIR"
rm -rf "$DIR"
mkdir -p "$DIR"
cat >"$DIR/package.json" <<EOF
{ "name": "bom-code-server-standin", "private": true, "version": "0.0.0" }
EOF
(cd "$DIR" && npm install --no-save --ignore-scripts --no-package-lock "code-server@$CODE_SERVER_VERSION")

CS="$DIR/node_modules/code-server"
VS="$CS/lib/vscode"
[[ -d "$VS" ]] || die "unexpected layout: $VS missing"

log "rebuilding argon2"
(cd "$DIR" && npm rebuild argon2)
[[ -n "$(find "$DIR/node_modules/argon2" -name 'argon2.node' -path '*binding*' -print -quit)" ]] \
  || die "argon2 native module missing after rebuild (install scripts blocked?)"

log "installing VS Code server dependencies"
(cd "$VS" && npm install --omit=dev --ignore-scripts)
mkdir -p "$VS/node_modules/@vscode/ripgrep/bin"
cp "$RG" "$VS/node_modules/@vscode/ripgrep/bin/rg"
log "rebuilding VS Code native modules"
(cd "$VS" && npm_config_yes=true npm rebuild)
for m in node-pty/build/Release/pty.node @vscode/spdlog/build/Release/spdlog.node; do
  [[ -f "$VS/node_modules/$m" ]] || die "native module $m missing after 'npm rebuild'"
done
ln -sfn node_modules "$VS/node_modules.asar"
mkdir -p "$VS/bin/remote-cli" "$VS/bin/helpers"
[[ -e "$VS/bin/remote-cli/code-linux.sh" ]] && ln -sfn code-linux.sh "$VS/bin/remote-cli/code-server"
[[ -e "$VS/bin/helpers/browser-linux.sh" ]] && ln -sfn browser-linux.sh "$VS/bin/helpers/browser.sh"

log "installing built-in extensions' dependencies"
(cd "$VS/extensions" && npm install --omit=dev)

# --- sanity check ---------------------------------------------------------------
"$CS/out/node/entry.js" --version >/dev/null 2>&1 || node "$CS/out/node/entry.js" --version \
  || die "code-server does not start"

printf '%s' "$CODE_SERVER_VERSION" >"$MARKER"
log "done in $(( $(date +%s) - start )) s ($(du -sh "$DIR" | cut -f1))"
