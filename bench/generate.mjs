// Deterministic generator of realistic Dockerfiles and compose files for the benchmark. Same seed, same
// bytes, on every machine. `node bench/generate.mjs <dir>` writes the benchmark set to <dir> for a look.
//
// Dockerfiles: `dockerfile(n, seed)` has exactly n instructions: ARGs before the first FROM, several named
// stages (one per ~40 instructions, at least 2), long RUN chains with `\` continuations, RUN heredocs,
// ENV/ARG use, USER switches (root for installs, a numeric user after), COPY --from earlier stages,
// COPY --chown, EXPOSE, HEALTHCHECK, LABEL, and a final CMD — with the usual mistakes (latest tags,
// curl | sh, a secret in ENV, root) so that there are diagnostics to hover and fix.
// Compose files: `compose(n, seed)` has n services, with x- anchors and `<<` merges, same-file `extends`,
// long-form ports and volumes, environment as maps and lists, build sections with args, deploy limits,
// healthchecks, depends_on, networks, secrets, and the usual mistakes (privileged, docker.sock, root).
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { fileURLToPath } from 'url';

export { rng } from '../scripts/rng.mjs';
import { rng } from '../scripts/rng.mjs';

const BASES = ['debian:bookworm-slim', 'ubuntu:22.04', 'node:20-bookworm', 'python:3.12-slim', 'golang:1.22', 'alpine:3.19', 'nginx:latest', 'eclipse-temurin:21-jre', 'redis', 'postgres:16'];
const APT = ['curl', 'ca-certificates', 'git', 'build-essential', 'libssl-dev', 'pkg-config', 'unzip', 'gnupg', 'jq', 'python3', 'python3-pip', 'make', 'gcc', 'g++', 'libpq-dev', 'tzdata', 'locales', 'openssh-client', 'wget', 'xz-utils'];
const APK = ['curl', 'ca-certificates', 'git', 'build-base', 'openssl-dev', 'bash', 'tzdata', 'jq', 'python3', 'py3-pip'];
const WORDS = ['api', 'worker', 'web', 'auth', 'billing', 'search', 'cache', 'queue', 'mailer', 'gateway', 'report', 'export', 'import', 'scheduler', 'media', 'notify', 'users', 'orders', 'cart', 'metrics'];

function runChain(r, alpine) {
  const pkgs = [];
  const count = r.range(3, 12);
  for (let i = 0; i < count; i++) pkgs.push(r.pick(alpine ? APK : APT));
  const uniq = [...new Set(pkgs)];
  if (alpine) return [`RUN apk add --no-cache \\`, ...uniq.map((p, i) => `      ${p}${i < uniq.length - 1 ? ' \\' : ''}`)];
  const lines = ['RUN set -eux; \\', '    apt-get update; \\', `    apt-get install -y${r.chance(0.5) ? ' --no-install-recommends' : ''} \\`];
  for (const p of uniq) lines.push(`      ${p} \\`);
  lines.push('    ; \\', '    rm -rf /var/lib/apt/lists/*');
  return lines;
}

function heredoc(r) {
  const body = [];
  for (let i = 0; i < r.range(2, 6); i++) body.push(r.pick(['set -e', 'echo "configuring"', 'mkdir -p /opt/app/data', 'chmod 0755 /opt/app', `ln -sf /usr/share/zoneinfo/UTC /etc/localtime`, 'echo "done" > /opt/app/.ready']));
  return [r.chance(0.5) ? 'RUN <<EOF' : 'RUN <<-EOT bash', ...body];
}

/** A Dockerfile with exactly n instructions. */
export function dockerfile(n, seed = 1) {
  const r = rng(seed * 7919 + n);
  const out = [];
  let count = 0;
  const emit = (lines, instructions = 1) => { out.push(...lines); count += instructions; };
  const stages = Math.max(2, Math.round(n / 40));
  const perStage = Math.max(3, Math.floor((n - 3) / stages));
  emit(['# syntax=docker/dockerfile:1', `ARG BASE_IMAGE=${r.pick(BASES)}`]);
  emit(['ARG APP_VERSION=1.0.0']);
  emit(['ARG UID=10001']);
  const names = [];
  for (let s = 0; s < stages && count < n - 1; s++) {
    const alpine = r.chance(0.3);
    const name = s === stages - 1 ? 'runtime' : `${r.pick(WORDS)}-${s}`;
    const base = s === 0 ? '${BASE_IMAGE}' : alpine ? 'alpine:3.19' : r.pick(BASES);
    emit(['', `FROM ${base} AS ${name}`]);
    const end = s === stages - 1 ? n - 1 : Math.min(n - 2, count + perStage - 1);
    let user = 'root';
    while (count < end) {
      const left = end - count;
      const k = r.int(100);
      if (k < 18) emit(runChain(r, alpine));
      else if (k < 24 && left > 1) {
        const h = heredoc(r);
        const terminator = h[0].includes('EOT') ? 'EOT' : 'EOF';
        emit([...h, terminator]);
      } else if (k < 32) emit([`ENV ${r.pick(WORDS).toUpperCase()}_HOME=/opt/${r.pick(WORDS)} \\`, `    PATH=/opt/${r.pick(WORDS)}/bin:$PATH`]);
      else if (k < 36) emit([`ARG ${r.pick(WORDS).toUpperCase()}_TAG=${r.range(1, 9)}.${r.range(0, 20)}`]);
      else if (k < 42) emit([`WORKDIR /opt/${r.pick(WORDS)}`]);
      else if (k < 50 && names.length) emit([`COPY --from=${r.pick(names)} /out/${r.pick(WORDS)} /opt/app/${r.pick(WORDS)}`]);
      else if (k < 56) emit([`COPY --chown=${r.chance(0.5) ? '10001:10001' : 'app:app'} ${r.pick(WORDS)}/ /opt/app/${r.pick(WORDS)}/`]);
      else if (k < 60) { user = user === 'root' ? (r.chance(0.5) ? '10001:10001' : '${UID}') : 'root'; emit([`USER ${user}`]); }
      else if (k < 63) emit([`RUN curl -fsSL https://get.${r.pick(WORDS)}.example.com/install.sh | sh`]);
      else if (k < 66) emit([`ENV ${r.pick(WORDS).toUpperCase()}_PASSWORD=changeme${r.int(100)}`]);
      else if (k < 70) emit([`EXPOSE ${r.pick([80, 443, 8080, 3000, 5432, 22, 9090])}`]);
      else if (k < 73) emit([`LABEL org.opencontainers.image.version="\${APP_VERSION}" \\`, `      org.opencontainers.image.title="${r.pick(WORDS)}"`]);
      else if (k < 76) emit([`ADD ${r.chance(0.5) ? 'https://example.com/' : ''}${r.pick(WORDS)}.tar.gz /tmp/`]);
      else if (k < 80) emit([`RUN --mount=type=cache,target=/root/.cache ${r.pick(['pip install -r requirements.txt', 'npm ci', 'go build -o /out/app ./...', 'make -j4'])}`]);
      else if (k < 84) emit([`RUN echo "step ${count}" && ${r.pick(['ls -la', 'id', 'uname -a', 'true'])}`]);
      else if (k < 88) emit([`COPY ${r.pick(WORDS)}.conf /etc/${r.pick(WORDS)}/`]);
      else if (k < 92) emit([`RUN useradd -u 10001 -m app${r.chance(0.5) ? ' && chown -R app /opt/app' : ''}`]);
      else if (k < 95) emit(['HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost:8080/health || exit 1']);
      else emit([`ENV ${r.pick(WORDS).toUpperCase()}_LEVEL=${r.pick(['debug', 'info', 'warn'])}`]);
    }
    names.push(name);
  }
  emit([r.chance(0.5) ? 'CMD ["/opt/app/bin/server", "--port", "8080"]' : 'CMD /opt/app/bin/server --port 8080']);
  return out.join('\n') + '\n';
}

/** A compose file with exactly n services (plus x- anchors). */
export function compose(n, seed = 1) {
  const r = rng(seed * 104729 + n);
  const out = [
    'name: bench',
    '',
    'x-logging: &logging',
    '  driver: json-file',
    '  options:',
    '    max-size: "10m"',
    '    max-file: "3"',
    '',
    'x-defaults: &defaults',
    '  restart: unless-stopped',
    '  logging: *logging',
    '  environment: &default-env',
    '    TZ: UTC',
    '    LOG_FORMAT: json',
    '  networks:',
    '    - backend',
    '',
    'x-limits: &limits',
    '  deploy:',
    '    resources:',
    '      limits:',
    '        cpus: "0.50"',
    '        memory: 256M',
    '',
    'services:',
    '  base:',
    '    image: ghcr.io/acme/base:1.4.2',
    '    read_only: true',
    '    security_opt:',
    '      - no-new-privileges:true',
    '    cap_drop: [ALL]',
  ];
  const names = ['base'];
  for (let i = 1; i < n; i++) {
    const name = `${r.pick(WORDS)}-${i}`;
    const s = [`  ${name}:`];
    const k = r.int(10);
    if (k < 4) s.push('    <<: [*defaults, *limits]');
    else if (k < 6) s.push('    <<: *defaults');
    else if (k < 8) s.push('    extends:', '      service: base');
    if (r.chance(0.35)) s.push('    build:', '      context: ./services/' + name, '      dockerfile: Dockerfile', '      args:', `        APP_VERSION: "${r.range(1, 5)}.${r.range(0, 9)}"`, '        BUILD_ENV: production');
    else s.push(`    image: ${r.pick(['nginx:latest', 'redis:7', 'postgres:16', 'ghcr.io/acme/' + name + ':1.' + r.int(20), 'node:20', 'python:3.12-slim', 'busybox'])}`);
    if (r.chance(0.6)) {
      s.push('    environment:');
      if (r.chance(0.5)) {
        if (k < 6) s.push('      <<: *default-env');
        s.push(`      LOG_LEVEL: ${r.pick(['debug', 'info', 'warn'])}`, `      ${name.toUpperCase().replace(/-/g, '_')}_PORT: "${r.range(3000, 9000)}"`);
        if (r.chance(0.2)) s.push(`      DB_PASSWORD: hunter${r.int(100)}`);
      } else {
        s.push(`      - LOG_LEVEL=${r.pick(['debug', 'info', 'warn'])}`, `      - ${name.toUpperCase().replace(/-/g, '_')}_URL=http://${r.pick(names)}:8080`);
        if (r.chance(0.2)) s.push(`      - API_SECRET=s3cr3t${r.int(100)}`);
      }
    }
    if (r.chance(0.6)) {
      s.push('    ports:');
      if (r.chance(0.5)) s.push('      - target: 8080', `        published: "${r.range(8000, 9999)}"`, '        protocol: tcp', ...(r.chance(0.5) ? ['        host_ip: 127.0.0.1'] : []), '        mode: host');
      else s.push(`      - "${r.range(1000, 9999)}:8080"`, ...(r.chance(0.3) ? ['      - "127.0.0.1:9229:9229"'] : []));
    }
    if (r.chance(0.5)) {
      s.push('    volumes:');
      if (r.chance(0.5)) s.push('      - type: volume', `        source: ${name}-data`, '        target: /var/lib/data', '      - type: bind', `        source: ./config/${name}`, '        target: /etc/app', '        read_only: true');
      else s.push(`      - ./data/${name}:/data`, ...(r.chance(0.15) ? ['      - /var/run/docker.sock:/var/run/docker.sock'] : []));
    }
    if (r.chance(0.3)) s.push('    depends_on:', `      ${r.pick(names)}:`, '        condition: service_healthy');
    if (r.chance(0.3)) s.push('    healthcheck:', `      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]`, '      interval: 30s', '      timeout: 5s', '      retries: 3');
    if (r.chance(0.1)) s.push('    privileged: true');
    if (r.chance(0.1)) s.push('    user: root');
    else if (r.chance(0.3)) s.push('    user: "10001:10001"');
    if (r.chance(0.15)) s.push('    cap_add:', '      - NET_ADMIN');
    if (r.chance(0.2)) s.push('    secrets:', '      - db_password');
    if (r.chance(0.2)) s.push('    mem_limit: 512m', '    pids_limit: 200');
    out.push(...s);
    names.push(name);
  }
  out.push('', 'networks:', '  backend: {}', '', 'secrets:', '  db_password:', '    file: ./secrets/db_password.txt', '');
  return out.join('\n');
}

/** A "typical" project file for the CLI throughput run: small Dockerfiles (8–40 instructions) and compose files (2–8 services). */
export function typicalFile(i, seed = 1) {
  const r = rng(seed * 31 + i);
  return r.chance(0.7)
    ? { name: `svc-${i}/Dockerfile`, text: dockerfile(r.range(8, 40), seed * 1000 + i) }
    : { name: `svc-${i}/compose.yaml`, text: compose(r.range(2, 8), seed * 1000 + i) };
}

export const DOCKERFILE_SIZES = [10, 100, 1000, 10000];
export const COMPOSE_SIZES = [5, 50, 500];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? 'bench-files';
  mkdirSync(dir, { recursive: true });
  for (const n of DOCKERFILE_SIZES) writeFileSync(join(dir, `${n}.Dockerfile`), dockerfile(n));
  for (const n of COMPOSE_SIZES) writeFileSync(join(dir, `compose-${n}.yaml`), compose(n));
  console.log(`wrote ${DOCKERFILE_SIZES.length + COMPOSE_SIZES.length} files to ${dir}`);
}
