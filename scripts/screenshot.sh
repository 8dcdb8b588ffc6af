#!/usr/bin/env bash
# README screenshots as a user sees them: install shipshape.vsix into a throwaway code-server
# (VS Code 1.100.3) profile, open a Dockerfile in headless Chromium, hover the squiggle and open
# the quick-fix menu (Ctrl+.). Writes images/screenshot-hover.png and images/screenshot-quickfix.png.
# usage: scripts/screenshot.sh [Dockerfile]   (needs `npm run package` and scripts/setup-e2e.sh)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC=${1:-$ROOT/examples/node-api/Dockerfile}
VSIX=${VSIX:-$ROOT/shipshape.vsix}
CS="$ROOT/.tools/code-server/node_modules/.bin/code-server"
[ -x "$CS" ] || { echo "missing code-server: run scripts/setup-e2e.sh" >&2; exit 2; }
[ -f "$VSIX" ] || { echo "missing $VSIX: run npm run package" >&2; exit 2; }
RUN=$(mktemp -d /tmp/shipshape-shot.XXXX)
export HOME="$RUN/home"; mkdir -p "$HOME"  # keep code-server/VS Code/Chromium state out of the real home
mkdir -p "$RUN/ws" "$RUN/data/User" && cp "$SRC" "$RUN/ws/Dockerfile"
# A clean editor for the picture: no welcome tab, no trust prompt, no minimap.
cat > "$RUN/data/User/settings.json" <<'JSON'
{ "workbench.startupEditor": "none", "security.workspace.trust.enabled": false, "editor.minimap.enabled": false,
  "workbench.tips.enabled": false, "editor.fontSize": 15, "window.commandCenter": false }
JSON
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
printf 'auth: none\nbind-addr: 127.0.0.1:%s\n' "$PORT" > "$RUN/config.yaml"
"$CS" --config "$RUN/config.yaml" --extensions-dir "$RUN/ext" --user-data-dir "$RUN/data" --install-extension "$VSIX" >/dev/null
setsid "$CS" --config "$RUN/config.yaml" --disable-telemetry --disable-update-check --disable-workspace-trust \
  --extensions-dir "$RUN/ext" --user-data-dir "$RUN/data" "$RUN/ws" > "$RUN/code-server.log" 2>&1 &
CSPID=$!
# setsid: kill the whole process group (ext host, file watcher, language server)
trap 'kill -- -$CSPID 2>/dev/null; wait $CSPID 2>/dev/null; rm -rf "$RUN"' EXIT
for _ in $(seq 1 150); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.1; done
mkdir -p "$ROOT/images"
node "$ROOT/scripts/screenshot-driver.cjs" "http://127.0.0.1:$PORT" "$RUN/ws" \
  "$ROOT/images/screenshot-hover.png" "$ROOT/images/screenshot-quickfix.png" \
  || { echo '--- code-server log (tail) ---'; tail -20 "$RUN/code-server.log"; exit 1; }
