#!/bin/sh
# Stand-in for a web app: writes its state to /tmp (so a read-only root needs a tmpfs there),
# says who it runs as, then stays up like a server would.
set -e
echo "pid=$$ uid=$(id -u) port=${PORT:-8080}" > /tmp/web.state
echo "web up: $(cat /tmp/web.state)"
exec sleep infinity
