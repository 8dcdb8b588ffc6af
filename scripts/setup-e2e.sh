#!/usr/bin/env bash
# Idempotent installer for the real-editor tests (VS Code via code-server + headless Chromium, Neovim).
# Fast no-op when everything is present. Needs root for apt; only npm + Debian apt are required.
#   apt: chromium (UI for the VS Code server), libkrb5-dev (code-server native build), ripgrep
#        (stands in for @vscode/ripgrep's GitHub download), neovim (second LSP client)
#   npm: code-server@4.100.3 into .tools/code-server from the committed test/e2e/codeserver lockfile
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC="$ROOT/test/e2e/codeserver"          # committed package.json + package-lock.json
DIR="$ROOT/.tools/code-server"           # gitignored install dir
CS_VERSION=4.100.3

# 1. apt packages: only touch apt (and only run `apt-get update`) when something is missing.
missing=()
for p in chromium libkrb5-dev ripgrep neovim; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-e2e: apt-get install ${missing[*]}"
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# 2. code-server: skip when the installed version matches and the lockfile hasn't changed since.
STAMP="$DIR/.installed-lock.sha256"
lockhash() { cat "$SRC/package.json" "$SRC/package-lock.json" 2>/dev/null | sha256sum | cut -d' ' -f1; }
want=$(lockhash || true)
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] \
   && [ -f "$DIR/node_modules/code-server/lib/vscode/out/server-main.js" ]; then
  echo "setup-e2e: code-server $CS_VERSION already installed in $DIR"; exit 0
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable): pre-seed its download cache
# with Debian's rg so the postinstall finds a "cached download".
RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
mkdir -p "$RG_CACHE"
tar czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C /usr/bin rg

mkdir -p "$DIR"
cp "$SRC/package.json" "$DIR/package.json"
# npm_config_unsafe_perm=true: code-server's postinstall.sh refuses root without it.
# npm_config_yes=true: node-pty's postinstall runs `npx node-gyp`, which aborts without a TTY otherwise.
export npm_config_unsafe_perm=true npm_config_yes=true
if [ -f "$SRC/package-lock.json" ]; then
  cp "$SRC/package-lock.json" "$DIR/package-lock.json"
  (cd "$DIR" && npm ci --no-audit --no-fund)
else
  # First time only: a real install generates the lockfile, which is copied back to be committed.
  (cd "$DIR" && npm install --no-audit --no-fund)
  cp "$DIR/package-lock.json" "$SRC/package-lock.json"
  echo "setup-e2e: wrote $SRC/package-lock.json (commit it)"
  want=$(lockhash)
fi
# smoke check; throwaway XDG dirs so code-server doesn't write a config into the real home
XDG=$(mktemp -d); XDG_CONFIG_HOME=$XDG XDG_DATA_HOME=$XDG "$DIR/node_modules/.bin/code-server" --version; rm -rf "$XDG"
echo "$want" > "$STAMP"
