#!/usr/bin/env bash
# setup-containers.sh - prepare this machine for test/container/ (real container builds of fixed Dockerfiles).
# Idempotent: installs docker.io/docker-compose/debootstrap/... from apt only if missing, builds the offline
# stand-in base images (debian:bookworm-slim via debootstrap, busybox:latest and alpine:3 from a BusyBox built
# from Debian's source) into $CTR_HOME (default /tmp/ctr), and imports them into a private dockerd.
# ~3.5 min from nothing; ~10 s when $CTR_HOME survives. Docker Hub is unreachable here, hence the stand-ins.
# The daemon is stopped again at the end (the test starts its own).
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "setup-containers.sh: must run as root (apt, dockerd)" >&2; exit 1; }
cd "$(dirname "$0")/.."
# apt may be busy with other work on this machine: the recipe waits on apt's lock (DPkg::Lock::Timeout=600)
exec bash test/container/container-check.sh --setup "$@"
