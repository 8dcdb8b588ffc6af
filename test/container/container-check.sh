#!/usr/bin/env bash
# container-check.sh - build a Dockerfile against LOCAL stand-in base images (no Docker Hub),
# run the result and print the uid its process really gets; optionally start a compose service
# and read the uid / NoNewPrivs / CapEff / Seccomp of its main process from the host's /proc.
#
# Shipshape's copy of the team recipe /work/shared/recipes/container-check (see its NOTES.md for the why).
# Local changes, all for test/container/container.test.mjs: exit code 6 = "this machine cannot run
# containers" (the test skips on it instead of failing), CTR_NO_APT=1, a smoke container in --setup,
# --run-cmd waits on the container (no polling), prints its output and fails if the CMD fails, and the
# dockerd start-up wait ends as soon as dockerd has died.
#
# Usage:
#   container-check.sh [opts] Dockerfile [context-dir]   -> prints the runtime uid on stdout
#   container-check.sh [opts] --compose compose.yml [--service NAME]
#   container-check.sh --setup          install packages + create/import base images, nothing else
#   container-check.sh --stop-daemon    stop a dockerd left running by KEEP_DAEMON=1
# Options:
#   --engine docker|podman   (default docker; env ENGINE)
#   --expect-uid N           require exactly uid N (default: require uid != 0; env EXPECT_UID)
#   --run-cmd                also run the image's own ENTRYPOINT/CMD (timeout 20 s) and show its output
# Env:
#   CTR_HOME=/tmp/ctr        work dir: base tarballs, image stores, daemon socket, logs
#   STANDIN_DEFAULT=debian|alpine|busybox   stand-in for bases that are not debian/alpine/busybox
#                            (python:3.12-slim, gcr.io/distroless/...); unset -> such bases fail
#   BUILD_NETWORK=host|none  network for RUN steps (host: RUN apt-get can reach the Debian mirror)
#   DOCKER_BUILDKIT=1|0      docker engine: BuildKit (default 1) or the classic builder
#   KEEP_DAEMON=1            leave dockerd running for the next check (saves ~1 s per check)
#   KEEP_IMAGE=1             keep the built image (tag localhost/ctrcheck-<pid>:latest)
#   CTR_NO_APT=1             never run apt: a missing package is exit 6 (used by the tests)
# Exit codes: 0 ok, 1 usage/setup error, 2 build failed, 3 run failed, 4 uid check failed,
#             5 compose service did not start / check failed,
#             6 this machine cannot run containers (engine not installed, dockerd not up, no namespaces)
set -euo pipefail

CTR_HOME=${CTR_HOME:-/tmp/ctr}
ENGINE=${ENGINE:-docker}
EXPECT_UID=${EXPECT_UID:-}
STANDIN_DEFAULT=${STANDIN_DEFAULT:-}
BUILD_NETWORK=${BUILD_NETWORK:-host}
KEEP_DAEMON=${KEEP_DAEMON:-0}
KEEP_IMAGE=${KEEP_IMAGE:-0}
export DOCKER_BUILDKIT=${DOCKER_BUILDKIT:-1}
# /usr/local/bin may hold a newer docker CLI without buildx; use the Debian one (20.10, built-in BuildKit)
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH

DEB_TAR=$CTR_HOME/debian-bookworm-slim.tar.gz
BB_TAR=$CTR_HOME/busybox-upstream.tar.gz
ALP_TAR=$CTR_HOME/alpine3-standin-busybox.tar.gz
BB_BIN=$CTR_HOME/bin/busybox          # static busybox with adduser/addgroup (built from Debian's orig tarball)
DOCKER_SOCK=$CTR_HOME/docker.sock
DEB_TAGS="debian:bookworm-slim debian:bookworm debian:12-slim debian:12 debian:stable-slim debian:stable debian:latest"
BB_TAGS="busybox:latest busybox:1 busybox:1.35 busybox:stable busybox:musl busybox:glibc"
ALP_TAGS="alpine:3 alpine:latest"

log() { printf '[container-check] %s\n' "$*" >&2; }
die() { local rc=$1; shift; log "FAIL: $*"; exit "$rc"; }
t_start=$(date +%s.%N)
elapsed() { awk -v a="$t_start" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}'; }

[ "$(id -u)" = 0 ] || die 1 "must run as root"
mkdir -p "$CTR_HOME" "$CTR_HOME/bin"

# ---------------------------------------------------------------- packages (apt only)
APT_UPDATED=0
apt_install() {
  local missing=() p ok
  ok=$(dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null | awk '$NF=="installed"{print $1}') || true
  for p in "$@"; do grep -Fx "$p" <<<"$ok" >/dev/null || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "${CTR_NO_APT:-0}" != 1 ] || die 6 "not installed: ${missing[*]} (run scripts/setup-containers.sh)"
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if [ $APT_UPDATED = 0 ]; then apt-get -o DPkg::Lock::Timeout=600 update -qq >&2 || true; APT_UPDATED=1; fi
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || die 1 "apt-get install ${missing[*]} failed"
}
install_packages() {
  apt_install debootstrap busybox-static ca-certificates curl bzip2 gcc make libc6-dev python3 python3-yaml
  case $ENGINE in
    docker) apt_install docker.io docker-compose ;;
    podman) apt_install podman buildah podman-compose runc catatonit ;;
    *) die 1 "unknown engine $ENGINE" ;;
  esac
}

# ---------------------------------------------------------------- base image tarballs
mirror() {
  local m
  m=$(grep -hoE '^(URIs:|deb) +https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
      | grep -v security | head -1 | awk '{print $2}') || true
  [ -n "$m" ] || die 1 "no Debian mirror found in the apt sources"
  echo "$m" | sed 's#/$##'
}
make_debian_tar() {
  [ -s "$DEB_TAR" ] && return 0
  local R=$CTR_HOME/rootfs-debian.tmp t0=$SECONDS
  rm -rf "$R"; log "debootstrap --variant=minbase bookworm from $(mirror) (~40 s)"
  debootstrap --variant=minbase bookworm "$R" "$(mirror)" > "$CTR_HOME/debootstrap.log" 2>&1 \
    || { tail -20 "$CTR_HOME/debootstrap.log" >&2; die 1 "debootstrap failed"; }
  # slim it like the official debian:*-slim image
  rm -rf "${R:?}"/var/cache/apt/*.bin "$R"/var/cache/apt/archives/*.deb "$R"/var/lib/apt/lists/* \
         "$R"/usr/share/doc/* "$R"/usr/share/man/* "$R"/usr/share/info/* "$R"/var/log/*.log "$R"/var/log/apt/* \
         "${R:?}"/dev/* "${R:?}"/proc/* "${R:?}"/sys/* "${R:?}"/run/* "${R:?}"/tmp/* "$R"/etc/hostname
  find "$R/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
  : > "$R/etc/resolv.conf"
  mkdir -p "$R/etc/dpkg/dpkg.cfg.d"
  printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' 'path-exclude /usr/share/man/*' \
    'path-exclude /usr/share/info/*' 'path-exclude /usr/share/locale/*' 'path-include /usr/share/locale/locale.alias' \
    > "$R/etc/dpkg/dpkg.cfg.d/docker-slim"
  tar --numeric-owner -C "$R" -cf - . | gzip -6 > "$DEB_TAR.tmp" && mv "$DEB_TAR.tmp" "$DEB_TAR"
  rm -rf "$R"; log "debian tarball ready ($(du -h "$DEB_TAR" | cut -f1), $((SECONDS-t0)) s)"
}
build_busybox() {
  [ -x "$BB_BIN" ] && "$BB_BIN" --list | grep -x adduser >/dev/null && return 0
  # Debian's busybox/busybox-static are built WITHOUT adduser/addgroup, so build upstream defconfig
  # from the orig tarball in Debian's pool (same version as busybox-static).
  local ver src=$CTR_HOME/bbsrc t0=$SECONDS url
  ver=$(dpkg-query -W -f='${Version}' busybox-static | sed -e 's/^[0-9]*://' -e 's/-[^-]*$//')
  mkdir -p "$src"
  if [ ! -d "$src/busybox-$ver" ]; then
    url="$(mirror)/pool/main/b/busybox/busybox_${ver}.orig.tar.bz2"
    log "fetch $url"; curl -fsSL "$url" -o "$src/orig.tar.bz2" || die 1 "cannot download $url"
    tar -xjf "$src/orig.tar.bz2" -C "$src"
  fi
  log "compiling busybox $ver (static defconfig, ~2-3 min on 2 cores)"
  ( set +o pipefail; cd "$src/busybox-$ver" && make defconfig >/dev/null \
    && sed -i -e 's/^# CONFIG_STATIC is not set/CONFIG_STATIC=y/' -e 's/^CONFIG_TC=y/# CONFIG_TC is not set/' .config \
    && yes '' | make oldconfig >/dev/null && make -j"$(nproc)" ) > "$src/build.log" 2>&1 \
    || { tail -20 "$src/build.log" >&2; die 1 "busybox build failed"; }
  install -m 0755 "$src/busybox-$ver/busybox" "$BB_BIN"; rm -rf "$src"
  log "busybox built ($((SECONDS-t0)) s)"
}
make_bb_tar() { # $1 out tarball, $2 flavor busybox|alpine
  [ -s "$1" ] && return 0
  local R=$CTR_HOME/rootfs-bb.tmp app
  rm -rf "$R"; mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,root,home,var/tmp,proc,sys,dev,run}
  chmod 1777 "$R/tmp" "$R/var/tmp"; chmod 700 "$R/root"
  install -m 0755 "$BB_BIN" "$R/bin/busybox"
  for app in $("$BB_BIN" --list-full); do [ "$app" = bin/busybox ] || ln -sf /bin/busybox "$R/$app"; done
  printf '%s\n' root:x:0:0:root:/root:/bin/sh daemon:x:1:1:daemon:/usr/sbin:/bin/false bin:x:2:2:bin:/bin:/bin/false \
    nobody:x:65534:65534:nobody:/home:/bin/false > "$R/etc/passwd"
  printf '%s\n' root:x:0: daemon:x:1: bin:x:2: nogroup:x:65534: > "$R/etc/group"
  printf '%s\n' 'root:*:19000:0:99999:7:::' 'daemon:*:19000:0:99999:7:::' 'bin:*:19000:0:99999:7:::' \
    'nobody:*:19000:0:99999:7:::' > "$R/etc/shadow"; chmod 640 "$R/etc/shadow"
  : > "$R/etc/resolv.conf"; echo 'hosts: files dns' > "$R/etc/nsswitch.conf"
  if [ "$2" = alpine ]; then
    echo 3.19.0 > "$R/etc/alpine-release"
    printf 'NAME="Alpine Linux (busybox stand-in)"\nID=alpine\nVERSION_ID=3.19.0\nPRETTY_NAME="local alpine stand-in: busybox only, no apk"\n' > "$R/etc/os-release"
    printf '#!/bin/sh\necho "apk: not available in the local alpine stand-in (busybox only, offline)" >&2\nexit 127\n' > "$R/sbin/apk"
    chmod 755 "$R/sbin/apk"
  fi
  tar --numeric-owner -C "$R" -cf - . | gzip -9 > "$1.tmp" && mv "$1.tmp" "$1"; rm -rf "$R"
}

# ---------------------------------------------------------------- engine
STARTED_DAEMON=0
E() { if [ "$ENGINE" = docker ]; then docker -H "unix://$DOCKER_SOCK" "$@"; else podman "$@"; fi; }
EC=(docker -H "unix://$DOCKER_SOCK"); [ "$ENGINE" = docker ] || EC=(podman)   # E for `timeout`
cleanup() {
  [ -n "${TMPD:-}" ] && rm -rf "$TMPD"
  [ -n "${PROBE:-}" ] && rm -f "$PROBE"
  if [ "$STARTED_DAEMON" = 1 ] && [ "$KEEP_DAEMON" != 1 ]; then stop_daemon; fi
}
trap cleanup EXIT
stop_daemon() {
  local pid; pid=$(cat "$CTR_HOME/dockerd.pid" 2>/dev/null) || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid"; for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  log "dockerd (pid $pid) stopped"
}
engine_up() {
  if [ "$ENGINE" = podman ]; then
    local nofile nproc pidmax
    nofile=$(ulimit -Hn); nproc=$(ulimit -Hu); pidmax=$(cat /proc/sys/kernel/pid_max)
    [ "$nofile" = unlimited ] && nofile=1048576
    { [ "$nproc" = unlimited ] || [ "$nproc" -gt "$pidmax" ]; } && nproc=$pidmax
    # No CAP_SYS_RESOURCE in this VM: podman's default rlimits (1048576/4194304) make runc fail with EPERM.
    # crun 1.8 refuses the VM's hybrid cgroup v1+v2 layout -> force runc.
    cat > "$CTR_HOME/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
EOF
    cat > "$CTR_HOME/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$CTR_HOME/podman-root"
runroot = "$CTR_HOME/podman-run"
EOF
    export CONTAINERS_CONF=$CTR_HOME/containers.conf CONTAINERS_STORAGE_CONF=$CTR_HOME/storage.conf
    return 0
  fi
  export DOCKER_HOST=unix://$DOCKER_SOCK
  docker version >/dev/null 2>&1 && return 0
  local t0=$SECONDS
  # no docker0 bridge, no iptables/NAT, no ip_forward change: nothing on the host network is touched
  nohup dockerd --data-root "$CTR_HOME/docker-data" --exec-root "$CTR_HOME/docker-exec" \
      --pidfile "$CTR_HOME/dockerd.pid" -H "unix://$DOCKER_SOCK" \
      --bridge=none --iptables=false --ip-forward=false --ip-masq=false ${DOCKERD_EXTRA_ARGS:-} \
      >> "$CTR_HOME/dockerd.log" 2>&1 &
  local dpid=$!; STARTED_DAEMON=1
  # wait until it answers; stop waiting as soon as it has died (bad flags, no namespaces...)
  for _ in $(seq 1 120); do docker version >/dev/null 2>&1 && break; kill -0 "$dpid" 2>/dev/null || break; sleep 0.25; done
  docker version >/dev/null 2>&1 || { tail -20 "$CTR_HOME/dockerd.log" >&2; die 6 "dockerd did not come up (see $CTR_HOME/dockerd.log)"; }
  log "dockerd up (pid $(cat "$CTR_HOME/dockerd.pid"), $((SECONDS-t0)) s, storage $(docker info -f '{{.Driver}}'))"
}
fq() { # docker.io/library/x:tag normalisation (podman stores full names)
  local r=$1 first=${1%%/*}
  if [[ $r != */* ]]; then r=docker.io/library/$r
  elif [[ $first != *.* && $first != *:* && $first != localhost ]]; then r=docker.io/$r; fi
  [[ ${r##*/} == *:* || $r == *@* ]] || r=$r:latest
  echo "$r"
}
IMAGES=
refresh_images() { local r; IMAGES=$(E images --format '{{.Repository}}:{{.Tag}}' | while read -r r; do fq "$r"; done); }
have_image() { grep -Fx "$(fq "$1")" <<<"$IMAGES" >/dev/null; }
tag_image() { E tag "$(fq "$1")" "$(fq "$2")" && IMAGES+=$'\n'$(fq "$2"); }
import_standins() {
  local t
  refresh_images
  if ! have_image debian:bookworm-slim; then
    E import -c 'CMD ["bash"]' -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' "$DEB_TAR" "$(fq debian:bookworm-slim)" > "$CTR_HOME/import.log" 2>&1 || { cat "$CTR_HOME/import.log" >&2; die 1 "import failed"; }
  fi
  if ! have_image busybox:latest; then E import -c 'CMD ["sh"]' "$BB_TAR" "$(fq busybox:latest)" > "$CTR_HOME/import.log" 2>&1 || { cat "$CTR_HOME/import.log" >&2; die 1 "import failed"; }; fi
  if ! have_image alpine:3; then
    E import -c 'CMD ["/bin/sh"]' -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' "$ALP_TAR" "$(fq alpine:3)" > "$CTR_HOME/import.log" 2>&1 || { cat "$CTR_HOME/import.log" >&2; die 1 "import failed"; }
  fi
  refresh_images
  for t in $DEB_TAGS; do have_image "$t" || tag_image debian:bookworm-slim "$t"; done
  for t in $BB_TAGS;  do have_image "$t" || tag_image busybox:latest "$t"; done
  for t in $ALP_TAGS; do have_image "$t" || tag_image alpine:3 "$t"; done
}
standin_for() { # heuristic: which local stand-in replaces an image we do not have
  local r; r=$(echo "$1" | tr 'A-Z' 'a-z'); local repo=${r%@*}; repo=${repo%:*}; repo=${repo##*/}; local tag=${r##*/}
  case $repo in debian) echo debian:bookworm-slim; return;; alpine) echo alpine:3; return;; busybox) echo busybox:latest; return;; esac
  [ -n "$STANDIN_DEFAULT" ] || { echo ""; return; }
  case $tag in *alpine*) echo alpine:3;; *bookworm*|*bullseye*|*buster*|*trixie*|*slim*|*debian*) echo debian:bookworm-slim;;
    *) case $STANDIN_DEFAULT in debian) echo debian:bookworm-slim;; alpine) echo alpine:3;; busybox) echo busybox:latest;; esac;; esac
}
provide_bases() { # $@ = image refs used by FROM / COPY --from
  local ref s miss=0
  for ref in "$@"; do
    have_image "$ref" && continue
    s=$(standin_for "$ref")
    if [ -z "$s" ]; then log "base image '$ref' is not available offline (set STANDIN_DEFAULT=debian|alpine|busybox)"; miss=1; continue; fi
    log "base '$ref' -> local stand-in $s"
    tag_image "$s" "${ref%@*}" || miss=1
  done
  [ $miss = 0 ] || die 2 "missing base images"
}

# ---------------------------------------------------------------- Dockerfile preprocessing
# prints base refs (one per line) and writes a copy without '# syntax=' (BuildKit would pull the
# frontend image from Docker Hub) and without '@sha256:' digests in FROM (local images have no digest)
prep_dockerfile() { # $1 in, $2 out
  python3 - "$1" "$2" <<'PY'
import re, sys
src, dst = sys.argv[1], sys.argv[2]
lines = open(src, encoding='utf-8').read().split('\n')
out, i = [], 0
while i < len(lines):                                # parser-directive block
    m = re.match(r'^\s*#\s*([A-Za-z]+)\s*=\s*(.*?)\s*$', lines[i])
    if not m: break
    if m.group(1).lower() == 'syntax':
        print('#syntax-stripped ' + m.group(2), file=sys.stderr)
    else: out.append(lines[i])
    i += 1
rest = lines[i:]
args, stages, bases = {}, set(), []
def subst(s):
    def rep(m):
        name = m.group(1) or m.group(3); dflt = m.group(2)
        return args.get(name) or (dflt or '')
    return re.sub(r'\$\{(\w+)(?::-([^}]*))?\}|\$(\w+)', rep, s)
seen_from = False
for ln in rest:
    t = ln.strip(); tok = t.split()
    if not tok or t.startswith('#'):
        out.append(ln); continue
    kw = tok[0].upper()
    if kw == 'ARG' and not seen_from and len(tok) > 1:
        for a in tok[1:]:
            k, _, v = a.partition('='); args[k] = v.strip('"\'')
    if kw == 'FROM':
        seen_from = True
        words = [w for w in tok[1:] if not w.startswith('--')]
        if words:
            img = subst(words[0])
            if len(words) >= 3 and words[1].lower() == 'as': stages.add(words[2].lower())
            if img.lower() != 'scratch' and img.lower() not in stages:
                if '@' in img:
                    ln = ln.replace(words[0], img.split('@')[0] if ':' in img.split('@')[0].split('/')[-1] else img.split('@')[0] + ':latest', 1)
                    img = img.split('@')[0]
                bases.append(img)
    if kw in ('COPY', 'ADD'):
        for w in tok[1:]:
            if w.startswith('--from='):
                f = subst(w[7:])
                if f.lower() not in stages and not f.isdigit(): bases.append(f)
    out.append(ln)
open(dst, 'w', encoding='utf-8').write('\n'.join(out))
for b in dict.fromkeys(bases): print(b)
PY
}

# ---------------------------------------------------------------- checks
check_dockerfile() {
  local df=$1 ctx=${2:-$(dirname "$1")} tag bases uid gid cfguser out rc
  [ -f "$df" ] || die 1 "no such Dockerfile: $df"
  TMPD=$(mktemp -d "$CTR_HOME/check.XXXXXX")
  bases=$(prep_dockerfile "$df" "$TMPD/Dockerfile" 2> "$TMPD/prep.err") || { cat "$TMPD/prep.err" >&2; die 1 "cannot parse $df"; }
  grep -q '^#syntax-stripped' "$TMPD/prep.err" && log "removed '# syntax=' directive (frontend image needs Docker Hub); built with the engine's built-in Dockerfile frontend"
  # shellcheck disable=SC2086
  provide_bases $bases
  tag=localhost/ctrcheck-$$:latest
  if [ -f "$df.dockerignore" ]; then cp "$df.dockerignore" "$TMPD/Dockerfile.dockerignore"; fi
  log "building $df (context $ctx, engine $ENGINE$([ "$ENGINE" = docker ] && echo ", DOCKER_BUILDKIT=$DOCKER_BUILDKIT"))"
  local t0; t0=$(date +%s.%N)
  local pullflag=(); [ "$ENGINE" = podman ] && pullflag=(--pull=never)
  if ! E build "${pullflag[@]}" --network "$BUILD_NETWORK" -f "$TMPD/Dockerfile" -t "$tag" "$ctx" > "$TMPD/build.log" 2>&1; then
    tail -25 "$TMPD/build.log" >&2; die 2 "build failed ($df)"
  fi
  log "build ok ($(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s)"
  cfguser=$(E image inspect -f '{{.Config.User}}' "$tag" 2>/dev/null || true)
  # Run as the image's USER, entrypoint replaced by a static busybox bind-mounted from the host,
  # so this works for any image (no `id` needed inside, distroless/scratch included).
  out=$(E run --rm --network none -v "$BB_BIN:/.ctrcheck/busybox:ro" --entrypoint /.ctrcheck/busybox "$tag" \
        sh -c '/.ctrcheck/busybox echo "$(/.ctrcheck/busybox id -u) $(/.ctrcheck/busybox id -g)"' 2>&1) \
    || { echo "$out" >&2; die 3 "container did not run (USER '$cfguser')"; }
  uid=$(echo "$out" | tail -1 | awk '{print $1}'); gid=$(echo "$out" | tail -1 | awk '{print $2}')
  [[ $uid =~ ^[0-9]+$ ]] || { echo "$out" >&2; die 3 "could not read uid"; }
  log "image USER='${cfguser}' -> runtime uid=$uid gid=$gid"
  if [ "${RUN_CMD:-0}" = 1 ]; then   # the image's own ENTRYPOINT/CMD: wait up to 20 s for it to exit
    local cid code; cid=$(E run -d --network none "$tag") || die 3 "own command did not start"
    code=$(timeout 20 "${EC[@]}" wait "$cid" 2>/dev/null) || code=running   # still up after 20 s: a server
    E logs "$cid" 2>&1 | tail -10 | sed 's/^/[container-check] cmd| /' >&2
    E rm -f "$cid" >/dev/null 2>&1 || true
    log "own ENTRYPOINT/CMD: exit=$code"
    [ "$code" = 0 ] || [ "$code" = running ] || die 3 "the image's own ENTRYPOINT/CMD failed (exit $code)"
  fi
  [ "$KEEP_IMAGE" = 1 ] || E rmi -f "$tag" >/dev/null 2>&1 || true
  if [ -n "$EXPECT_UID" ]; then [ "$uid" = "$EXPECT_UID" ] || die 4 "runtime uid $uid != expected $EXPECT_UID"
  else [ "$uid" != 0 ] || die 4 "container runs as root (uid 0)"; fi
  log "OK in $(elapsed) s"
  echo "$uid"
}

check_compose() {
  local cf=$1 svc=${2:-} proj cmp cid='' pid st='' code='' uid=''
  [ -f "$cf" ] || die 1 "no such compose file: $cf"
  cf=$(cd "$(dirname "$cf")" && pwd)/$(basename "$cf")
  cd "$(dirname "$cf")"   # relative paths (seccomp=./x.json, build contexts, env files) resolve from here
  proj=ctrcheck$$
  if [ "$ENGINE" = docker ]; then cmp=(docker-compose -f "$cf" -p "$proj"); else cmp=(podman-compose -f "$cf" -p "$proj"); fi
  [ -n "$svc" ] || svc=$(python3 -c 'import sys,yaml; print(next(iter(yaml.safe_load(open(sys.argv[1]))["services"])))' "$cf")
  TMPD=$(mktemp -d "$CTR_HOME/check.XXXXXX")
  # image: only -> make sure the base exists; build: -> build it here (own network/base handling) under
  # the image name compose expects ('image:' or <project>_<service>), then `up --no-build`
  python3 - "$cf" "$svc" "$proj" > "$TMPD/svc.txt" <<'PY2'
import os, sys, yaml
cf, svc, proj = sys.argv[1:4]
s = (yaml.safe_load(open(cf)) or {}).get('services', {}).get(svc)
if s is None: sys.exit('no service %s in %s' % (svc, cf))
b = s.get('build')
img = s.get('image') or '%s_%s' % (proj.lstrip('_-'), svc)
if b is None:
    print('IMAGE\t' + s['image']); sys.exit()
if isinstance(b, str): b = {'context': b}
ctx = os.path.normpath(os.path.join(os.path.dirname(cf), b.get('context', '.')))
print('BUILD\t%s\t%s\t%s\t%s' % (img, ctx, os.path.join(ctx, b.get('dockerfile', 'Dockerfile')), b.get('target', '')))
a = b.get('args') or {}
for k, v in (a.items() if isinstance(a, dict) else (x.partition('=')[::2] for x in a)):
    print('ARG\t%s=%s' % (k, '' if v is None else v))
PY2
  local kind img ctx df target bargs=()
  IFS=$'\t' read -r kind img ctx df target < "$TMPD/svc.txt"
  while IFS=$'\t' read -r k v; do if [ "$k" = ARG ]; then bargs+=(--build-arg "$v"); fi; done < "$TMPD/svc.txt"
  if [ "$kind" = IMAGE ]; then provide_bases "$img"
  else
    local bases; bases=$(prep_dockerfile "$df" "$TMPD/Dockerfile" 2>/dev/null) || die 1 "cannot parse $df"
    # shellcheck disable=SC2086
    provide_bases $bases
    log "building service '$svc' image $img from $df"
    local pullflag=(); [ "$ENGINE" = podman ] && pullflag=(--pull=never)
    [ -n "$target" ] && bargs+=(--target "$target")
    E build "${pullflag[@]}" --network "$BUILD_NETWORK" "${bargs[@]}" -f "$TMPD/Dockerfile" -t "$img" "$ctx" > "$TMPD/build.log" 2>&1 \
      || { tail -25 "$TMPD/build.log" >&2; die 2 "build of service $svc failed"; }
  fi
  local result=0 info own_code=
  probe() { # wait, then read the main process of the service from the host's /proc
    cid=$(E ps -aq --filter "label=com.docker.compose.project=$proj" --filter "label=com.docker.compose.service=$svc" | head -1)
    [ -n "$cid" ] || { tail -25 "$TMPD/up.log" >&2; return 1; }
    for _ in $(seq 1 $(( ${WAIT_S:-3} * 4 ))); do [ "$(E inspect -f '{{.State.Status}}' "$cid")" = running ] || break; sleep 0.25; done
    st=$(E inspect -f '{{.State.Status}}' "$cid"); pid=$(E inspect -f '{{.State.Pid}}' "$cid"); code=$(E inspect -f '{{.State.ExitCode}}' "$cid")
    if [ "$st" = running ] && [ "$pid" -gt 0 ] && [ -r "/proc/$pid/status" ]; then
      uid=$(awk '/^Uid:/{print $3}' "/proc/$pid/status")       # effective uid
      info="pid $pid uid=$uid gid=$(awk '/^Gid:/{print $3}' "/proc/$pid/status") $(grep -E '^(NoNewPrivs|Seccomp|CapEff):' "/proc/$pid/status" | tr '\t\n' '  ')read_only=$(E inspect -f '{{.HostConfig.ReadonlyRootfs}}' "$cid")"
      return 0
    fi
    return 2
  }
  compose_down() {
    "${cmp[@]}" down -t 1 > "$TMPD/down.log" 2>&1 || true
    if [ "$ENGINE" = podman ]; then  # podman-compose 1.0.3 leaves its networks behind
      E network ls -q --filter "label=io.podman.compose.project=$proj" | xargs -r podman network rm -f >/dev/null 2>&1 || true
    fi
  }
  log "compose up -d --no-deps --no-build $svc ($cf)"
  "${cmp[@]}" up -d --no-deps --no-build "$svc" > "$TMPD/up.log" 2>&1 || true   # podman-compose exits 0 even on failure
  if probe; then
    log "service '$svc' (own command) running: $info"
  else
    if [ -n "${cid:-}" ]; then log "service '$svc' own command: status '$st', exit code $code; logs:"; E logs "$cid" 2>&1 | tail -15 >&2; fi
    own_code=${code:-?}; { [ "${st:-}" = exited ] && [ "${code:-1}" = 0 ]; } || result=5
    # same service definition (user/cap_drop/security_opt/read_only...), command replaced by an injected
    # static busybox that stays up, so the effective uid/NoNewPrivs/caps can be read. A full copy next to
    # the original (relative paths keep working); no override file because podman-compose 1.0.3 merges
    # command/entrypoint lists by concatenation.
    PROBE=$(dirname "$cf")/.ctrcheck-probe-$$.yml
    python3 - "$cf" "$svc" "$BB_BIN" "$PROBE" <<'PY2'
import sys, yaml
cf, svc, bb, out = sys.argv[1:5]
d = yaml.safe_load(open(cf)); s = d['services'][svc]
s['entrypoint'] = ['/.ctrcheck/busybox', 'sh', '-c', 'exec /.ctrcheck/busybox sleep 60', 'probe']
s.pop('command', None); s.pop('healthcheck', None)
v = s.get('volumes') or []
s['volumes'] = (v if isinstance(v, list) else [v]) + [bb + ':/.ctrcheck/busybox:ro']
yaml.safe_dump(d, open(out, 'w'), sort_keys=False)
PY2
    compose_down
    local pcmp=("${cmp[@]}"); pcmp[2]=$PROBE
    "${pcmp[@]}" up -d --no-deps --no-build "$svc" > "$TMPD/up.log" 2>&1 || true
    if probe; then log "service '$svc' (probe command) running: $info"; else uid=; log "probe container did not start either"; result=5; fi
  fi
  compose_down
  [ -z "${PROBE:-}" ] || { "${pcmp[@]}" down -t 1 >/dev/null 2>&1 || true; rm -f "$PROBE"; }
  if [ "$kind" = BUILD ] && [ "$KEEP_IMAGE" != 1 ]; then E rmi -f "$img" >/dev/null 2>&1 || true; fi
  [ "$result" = 0 ] || die 5 "service $svc did not start/stay up with its own command (exit code ${own_code:-?})"
  [[ ${uid:-} =~ ^[0-9]+$ ]] || die 5 "could not determine uid"
  if [ -n "$EXPECT_UID" ]; then [ "$uid" = "$EXPECT_UID" ] || die 4 "service uid $uid != expected $EXPECT_UID"
  else [ "$uid" != 0 ] || die 4 "service runs as root"; fi
  log "OK in $(elapsed) s"; echo "$uid"
}

# ---------------------------------------------------------------- main
MODE=dockerfile; ARGS=(); COMPOSE=; SERVICE=
while [ $# -gt 0 ]; do
  case $1 in
    --engine) ENGINE=$2; shift 2;;
    --expect-uid) EXPECT_UID=$2; shift 2;;
    --run-cmd) RUN_CMD=1; shift;;
    --compose) MODE=compose; COMPOSE=$2; shift 2;;
    --service) SERVICE=$2; shift 2;;
    --setup) MODE=setup; shift;;
    --stop-daemon) stop_daemon; exit 0;;
    -h|--help) sed -n '2,30p' "$0"; exit 0;;
    *) ARGS+=("$1"); shift;;
  esac
done
[ "$MODE" != dockerfile ] || [ ${#ARGS[@]} -ge 1 ] || { sed -n '2,30p' "$0" >&2; exit 1; }

install_packages
make_debian_tar
build_busybox
make_bb_tar "$BB_TAR" busybox
make_bb_tar "$ALP_TAR" alpine
engine_up
import_standins
case $MODE in
  setup) # smoke container: proves namespaces/cgroups/runc work here, else exit 6 so tests skip, not fail
    out=$(E run --rm --network none -v "$BB_BIN:/.ctrcheck/busybox:ro" --entrypoint /.ctrcheck/busybox busybox:latest \
          echo smoke-ok 2>&1) || { echo "$out" >&2; die 6 "cannot start a container on this machine"; }
    log "setup done in $(elapsed) s"; E images >&2 ;;
  dockerfile) check_dockerfile "${ARGS[@]}" ;;
  compose) check_compose "$COMPOSE" "$SERVICE" ;;
esac
