#!/usr/bin/env bash
# Run test/e2e/vscode/*.ts (mocha, tdd) inside a real VS Code 1.100.3 extension host with the
# extension loaded from this repo (dist/ must be built). Uses the VS Code server shipped in
# code-server (installed by scripts/setup-e2e.sh) + headless Chromium; see vscode-driver.cjs.
# usage: test/e2e/run-vscode.sh        exit 0 = all passed, 1 = failures, 2 = missing prerequisites
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VS="$ROOT/.tools/code-server/node_modules/code-server/lib/vscode"
[ -f "$VS/out/server-main.js" ] || { echo "missing code-server: run scripts/setup-e2e.sh" >&2; exit 2; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "missing chromium: run scripts/setup-e2e.sh" >&2; exit 2; }
EXT=${E2E_EXTENSION_PATH:-$ROOT}  # override only to test the harness itself against a stub extension
if [ "$EXT" = "$ROOT" ] && ! { [ -f "$ROOT/dist/extension.js" ] && [ -f "$ROOT/dist/server.js" ]; }; then
  echo "missing dist/extension.js or dist/server.js: run npm run build" >&2; exit 2
fi
node "$ROOT/test/e2e/build-suite.mjs" || exit 1

RUN=$(mktemp -d /tmp/shipshape-e2e.XXXX)
# HOME in the temp dir keeps VS Code/Chromium state (~/.config, ~/.cache, ...) out of the real home.
export HOME="$RUN/home"; mkdir -p "$HOME"
# Tests apply fixes: work on a copy of the fixture workspace, never the committed files.
cp -r "$ROOT/test/e2e/workspace" "$RUN/ws"
# Free port: let the kernel pick one (tiny race window between close and the server's listen).
PORT=${E2E_PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
T0=$(date +%s%N)
# server-main.js directly: the code-server CLI rejects --enable-smoke-test-driver.
setsid node "$VS/out/server-main.js" --host 127.0.0.1 --port "$PORT" --without-connection-token \
  --accept-server-license-terms --enable-smoke-test-driver --disable-telemetry --disable-workspace-trust \
  --extensions-dir "$RUN/ext" --user-data-dir "$RUN/data" --server-data-dir "$RUN/server" > "$RUN/server.log" 2>&1 &
SPID=$!
# setsid made the server a process-group leader: kill the group (ext host, LSP server, watchers).
trap 'kill -- -$SPID 2>/dev/null; wait $SPID 2>/dev/null; rm -rf "$RUN"' EXIT
for _ in $(seq 1 150); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/version" && break; sleep 0.1; done
node "$ROOT/test/e2e/vscode-driver.cjs" "http://127.0.0.1:$PORT" "$RUN/ws" "$EXT" "$ROOT/out/e2e/index.js"; RC=$?
echo "e2e total: $(( ($(date +%s%N)-T0)/1000000 )) ms, exit $RC"
[ $RC -eq 0 ] || { echo '--- server log (tail) ---'; tail -30 "$RUN/server.log"; }
exit $RC
