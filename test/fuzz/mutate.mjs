// A seeded mutator for Dockerfiles and compose files. `mutantAt(seeds, runSeed, index)` is a pure function
// of its arguments, so any input the fuzzer ran can be rebuilt from (runSeed, index) alone: the watchdog
// rebuilds a hanging input on the main thread without the worker having to send it.
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

// ---------------------------------------------------------------------------------------------------------
// randomness

export { rng } from '../../scripts/rng.mjs';
import { rng } from '../../scripts/rng.mjs';

/** Mixes two integers into a seed (the run seed and the input index). */
export function mix(a, b) {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x165667b1, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16; h = Math.imul(h, 0x7feb352d) >>> 0; h ^= h >>> 15; h = Math.imul(h, 0x846ca68b) >>> 0; h ^= h >>> 16;
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------------------
// seed inputs

function walk(dir, out = []) {
  let entries;
  try { entries = readdirSync(dir); } catch { return out; }
  for (const e of entries.sort()) {
    const p = join(dir, e);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out); else out.push(p);
  }
  return out;
}

export function kindOfSeed(file) {
  return /\.ya?ml$/i.test(file) ? 'compose' : 'dockerfile';
}

/**
 * The seed corpus: ../shared/corpus/kics/**\/*.{dockerfile,yaml} and test/fixtures/** (Dockerfiles and YAML).
 * Sorted, so the same files give the same mutants on every machine.
 */
export function loadSeeds(root) {
  const kics = walk(join(root, '..', 'shared', 'corpus', 'kics')).filter(f => /\.(dockerfile|ya?ml)$/i.test(f));
  const fixtures = walk(join(root, 'test', 'fixtures')).filter(f => /(\.dockerfile|\.ya?ml|(^|\/)[^/]*Dockerfile[^/]*)$/i.test(f) && !/\.dockerignore$/.test(f));
  return [...kics, ...fixtures].map(f => ({ name: relative(root, f), kind: kindOfSeed(f), text: readFileSync(f, 'utf8') }));
}

// ---------------------------------------------------------------------------------------------------------
// dictionaries for splicing

const DOCKER_LINES = [
  'FROM debian:bookworm-slim', 'FROM alpine:3.19 AS build', 'FROM scratch', 'FROM ${BASE}', 'FROM build AS final', 'FROM --platform=$BUILDPLATFORM node:20 AS deps',
  'FROM', 'FROM  AS', 'USER root', 'USER 0:0', 'USER app', 'USER 10001:10001', 'USER', 'USER ${UID}:${GID}', 'USER root\\',
  'RUN apt-get update && apt-get install -y curl \\', '    && rm -rf /var/lib/apt/lists/*', 'RUN <<EOF', 'set -e', 'EOF', 'RUN <<-EOT bash', 'EOT',
  'RUN ["sh", "-c", "echo hi"]', 'RUN ["sh", "-c"', 'RUN --mount=type=secret,id=token cat /run/secrets/token', 'RUN curl -fsSL https://x.example/i.sh | sh',
  'RUN useradd -u 10001 -m app', 'RUN adduser -D -u 10001 app', 'RUN chmod 777 /app', 'RUN sudo su', 'RUN wget -O- http://x | bash',
  'COPY --from=build /out /app', 'COPY --from=0 / /', 'COPY --chown=app:app . /app', 'COPY . .', 'COPY <<EOF /etc/x', 'ADD https://example.com/x.tgz /tmp/',
  'ADD --chmod=755 x /x', 'ARG BASE=debian:bookworm', 'ARG', 'ARG UID=10001', 'ARG A=${B:-${C:-${D}}}', 'ENV PASSWORD=hunter2', 'ENV A=1 B=2 \\', 'ENV',
  'EXPOSE 22', 'EXPOSE 80/tcp 443/udp', 'EXPOSE ${PORT}', 'WORKDIR app', 'WORKDIR /', 'HEALTHCHECK NONE', 'HEALTHCHECK --interval=5s CMD curl -f http://localhost/',
  'HEALTHCHECK CMD', 'CMD ["node", "server.js"]', 'CMD node server.js', 'ENTRYPOINT ["/entry"]', 'ENTRYPOINT [', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
  'SHELL []', 'ONBUILD RUN echo', 'ONBUILD ONBUILD RUN x', 'ONBUILD FROM x', 'ONBUILD', 'STOPSIGNAL SIGKILL', 'VOLUME /var/run/docker.sock', 'VOLUME ["/data"',
  'LABEL a=b', 'MAINTAINER x', '# syntax=docker/dockerfile:1', '# escape=`', '# escape=\\', '# check=skip=all', '# shipshape-ignore dockerfile/no-root-user -- test',
  '# shipshape-ignore-file', '# shipshape-ignore', '\\', '', '   ', '\t', 'RUNN x', 'COPY', 'COPY --from=', 'COPY --from= a b', 'FROM a AS a', 'FROM a AS',
];

const COMPOSE_LINES = [
  'services:', 'services: {}', 'services: []', 'services: ~', 'version: "3.8"', '  web:', '  web: {}', '  web: ~', '  x-base: &base', '    image: nginx:latest',
  '    image:', '    image: ${IMAGE:-nginx}', '    build: .', '    build:', '      context: .', '      dockerfile: Dockerfile', '      target: build', '      args:',
  '        - A=1', '    user: root', '    user: "0:0"', '    user: ""', '    privileged: true', '    privileged: "yes"', '    network_mode: host', '    pid: host',
  '    ipc: host', '    cap_add: [ALL]', '    cap_add:', '      - SYS_ADMIN', '    cap_drop: [ALL]', '    security_opt:', '      - seccomp:unconfined',
  '      - apparmor=unconfined', '      - no-new-privileges:true', '    read_only: true', '    read_only: false', '    tmpfs: /tmp', '    tmpfs:', '      - /run:rw,noexec',
  '    ports:', '      - "8080:80"', '      - 22:22', '      - target: 80', '        published: 8080', '        host_ip: 0.0.0.0', '      - "127.0.0.1:5432:5432/tcp"',
  '    volumes:', '      - /var/run/docker.sock:/var/run/docker.sock', '      - type: bind', '        source: /', '        target: /host', '      - ./data:/data:ro',
  '    environment:', '      PASSWORD: hunter2', '      - SECRET_KEY=abc', '      AWS_SECRET_ACCESS_KEY: AKIA0000000000000000', '    env_file: .env',
  '    extends:', '      service: base', '      file: common.yml', '    extends: base', '    <<: *base', '    <<: [*base, *base]', '    <<: *missing',
  '    deploy:', '      resources:', '        limits:', '          memory: 512M', '          cpus: "0.5"', '          pids: 100', '    mem_limit: 0',
  '    pids_limit: -1', '    cpus: 0', '    devices:', '      - /dev/mem:/dev/mem', '    sysctls:', '      - net.ipv4.ip_forward=1', '    restart: always',
  '    healthcheck:', '      test: ["CMD", "true"]', '      disable: true', '    # shipshape-ignore compose/no-privileged -- test', '# shipshape-ignore-file',
  'x-anchors: &anchors', '  a: &a 1', 'include:', '  - other.yaml', 'secrets:', '  s:', '    file: ./s.txt', '---', '...', '%YAML 1.2', '!!binary', '? complex',
  ': value', '- item', '{', '[', '"unclosed', "'unclosed", '|', '>-', '&anchor', '*alias', '<<', '@', '`', '\t  tab: indent', '',
];

const WEIRD_CHARS = ['\0', '\uFEFF', '\uD800', '\uDC00', '\uD83D\uDE00', '\u202E', '\u200B', '\u2028', '\u2029', '\r', '\x1b', '\uFFFD', '\t', '\v', '\f', '\\', '$', '${', '}', '"', "'", '`', '#', ':', '&', '*', '!', '|', '>', '<<', '\n'];

// ---------------------------------------------------------------------------------------------------------
// mutations: each takes (text, r, ctx) and returns text

const lines = t => t.split('\n');

function byteFlips(t, r) {
  const b = Buffer.from(t, 'utf8');
  if (!b.length) return t;
  const n = r.range(1, 8);
  for (let i = 0; i < n; i++) b[r.int(b.length)] ^= 1 << r.int(8);
  return b.toString('utf8');
}

/** Invalid UTF-8 sequences decoded the way readFileSync(…, 'utf8') decodes them (U+FFFD), plus lone surrogates an LSP client can send. */
function invalidUtf8(t, r) {
  const bad = [[0xc3, 0x28], [0xff], [0xfe, 0xff], [0xed, 0xa0, 0x80], [0xf0, 0x28, 0x8c, 0x28], [0xc0, 0xaf], [0xe2, 0x82], [0x80]];
  const b = Buffer.from(t, 'utf8');
  const at = r.int(b.length + 1);
  const ins = Buffer.from(r.pick(bad));
  const decoded = Buffer.concat([b.subarray(0, at), ins, b.subarray(at)]).toString('utf8');
  if (r.chance(0.5)) return decoded;
  const p = r.int(decoded.length + 1);
  return decoded.slice(0, p) + r.pick(['\uD800', '\uDFFF', '\uDBFF']) + decoded.slice(p);
}

function truncate(t, r) { return t.slice(0, r.int(t.length + 1)); }

function shuffleLines(t, r) {
  const ls = lines(t);
  if (ls.length < 2) return t;
  const a = r.int(ls.length), len = r.range(2, Math.min(ls.length - a + 1, 30));
  const window = ls.slice(a, a + len);
  for (let i = window.length - 1; i > 0; i--) { const j = r.int(i + 1); [window[i], window[j]] = [window[j], window[i]]; }
  ls.splice(a, window.length, ...window);
  return ls.join('\n');
}

function duplicateLines(t, r) {
  const ls = lines(t);
  const a = r.int(ls.length), len = r.range(1, Math.min(8, ls.length - a));
  const block = ls.slice(a, a + len);
  const times = r.chance(0.03) ? r.range(20, 400) : r.range(1, 4);
  const copies = [];
  for (let i = 0; i < times; i++) copies.push(...block);
  ls.splice(r.int(ls.length + 1), 0, ...copies);
  return ls.join('\n');
}

function removeLines(t, r) {
  const ls = lines(t);
  if (ls.length < 2) return '';
  ls.splice(r.int(ls.length), r.range(1, 5));
  return ls.join('\n');
}

function hugeLine(t, r, ctx) {
  const size = r.chance(0.05) ? r.range(100_000, 400_000) : r.range(1_000, 20_000);
  const unit = r.pick(ctx.kind === 'compose'
    ? ['a', 'x: ', '- ', '{a: ', '[', '"\\u0041', '${A}', '*a, ', '&a ', ':', '#', ' ', '\\']
    : ['a', ' && echo x', ' \\', '${A}', '${A:-${B}}', '$', ' -u 0', '"', "'", '[', ' --from=x', 'FROM ', ' '] );
  const body = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  const prefix = ctx.kind === 'compose' ? r.pick(['    image: ', '    command: ', 'x: ', '      - ', '']) : r.pick(['RUN ', 'ENV A=', 'ARG A=', 'LABEL a=', 'USER ', 'FROM ', 'COPY ', '# ', '']);
  const ls = lines(t);
  ls.splice(r.int(ls.length + 1), 0, prefix + body);
  return ls.join('\n');
}

/** Deep nesting: block maps, flow sequences and maps for YAML; nested ${…} expansions and continuations for Dockerfiles. */
function deepNesting(t, r, ctx) {
  const depth = r.chance(0.1) ? r.range(1_000, 20_000) : r.range(20, 400);
  let chunk;
  if (ctx.kind === 'compose') {
    switch (r.int(4)) {
      case 0: { const out = []; for (let i = 0; i < Math.min(depth, 1500); i++) out.push(' '.repeat(i) + `k${i}:`); chunk = out.join('\n') + ' v'; break; }
      case 1: chunk = '      x: ' + '['.repeat(depth) + ']'.repeat(r.chance(0.8) ? depth : r.int(depth)); break;
      case 2: chunk = '      x: ' + '{a: '.repeat(depth) + '1' + '}'.repeat(r.chance(0.8) ? depth : r.int(depth)); break;
      default: { const out = []; for (let i = 0; i < Math.min(depth, 1000); i++) out.push(' '.repeat(i * 2) + '-'); chunk = out.join('\n') + ' x'; }
    }
  } else {
    switch (r.int(3)) {
      case 0: chunk = 'ARG A=' + '${A:-'.repeat(depth) + 'x' + '}'.repeat(r.chance(0.8) ? depth : r.int(depth)); break;
      case 1: chunk = 'RUN ' + Array.from({ length: depth }, (_, i) => `echo ${i}`).join(' \\\n  && '); break;
      default: chunk = 'RUN ' + '$('.repeat(depth) + 'id' + ')'.repeat(depth); break;
    }
  }
  const ls = lines(t);
  ls.splice(r.int(ls.length + 1), 0, chunk);
  return ls.join('\n');
}

/** Billion-laughs: each anchor a list of aliases to the previous one; used as values, merges and whole services. */
function aliasBomb(t, r, ctx) {
  const levels = r.range(4, 24), width = r.range(2, 10);
  const out = [`x-bomb0: &b0 [${Array(width).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < levels; i++) out.push(`x-bomb${i}: &b${i} [${Array(width).fill(`*b${i - 1}`).join(', ')}]`);
  const top = `*b${levels - 1}`;
  const mapBomb = [`x-m0: &m0 {a: 1, b: 2}`];
  for (let i = 1; i < levels; i++) mapBomb.push(`x-m${i}: &m${i} {<<: [${Array(width).fill(`*m${i - 1}`).join(', ')}], k${i}: *m${i - 1}}`);
  const use = r.pick([
    `services:\n  bomb:\n    image: x\n    environment: ${top}\n    volumes: ${top}\n    ports: ${top}\n    cap_add: ${top}`,
    `services:\n  bomb:\n    <<: *m${levels - 1}\n    image: x`,
    `services:\n  bomb: *m${levels - 1}`,
    `services: *m${levels - 1}`,
    `services:\n  bomb:\n    image: x\n    security_opt: ${top}\n    extends: *m${levels - 1}\n    deploy: *m${levels - 1}`,
  ]);
  const head = r.chance(0.5) ? [...out, ...mapBomb] : r.pick([out, mapBomb]);
  if (ctx.kind !== 'compose' || r.chance(0.3)) return [...head, use, t].join('\n');
  // or into the existing document, merged into each service
  return [...head, t.replace(/^(  [\w.-]+:\s*)$/gm, `$1\n    <<: *m${levels - 1}`)].join('\n');
}

function crlf(t, r) {
  switch (r.int(3)) {
    case 0: return t.replace(/\n/g, '\r\n');
    case 1: return t.replace(/\n/g, () => r.pick(['\n', '\r\n', '\r']));
    default: return t.replace(/\n/g, '\r');
  }
}

function bom(t, r) {
  if (r.chance(0.7)) return '\uFEFF' + t;
  const p = r.int(t.length + 1);
  return t.slice(0, p) + '\uFEFF' + t.slice(p);
}

function nulBytes(t, r) {
  let out = t;
  const n = r.range(1, 5);
  for (let i = 0; i < n; i++) { const p = r.int(out.length + 1); out = out.slice(0, p) + '\0'.repeat(r.range(1, 3)) + out.slice(p); }
  return out;
}

function weirdChar(t, r) {
  let out = t;
  const n = r.range(1, 6);
  for (let i = 0; i < n; i++) { const p = r.int(out.length + 1); out = out.slice(0, p) + r.pick(WEIRD_CHARS) + out.slice(p); }
  return out;
}

/** Random instruction / key splicing: dictionary lines, or lines of another seed file, inserted or replacing. */
function splice(t, r, ctx) {
  const ls = lines(t);
  const n = r.range(1, 6);
  for (let i = 0; i < n; i++) {
    let line;
    if (r.chance(0.5)) line = r.pick(ctx.kind === 'compose' ? COMPOSE_LINES : DOCKER_LINES);
    else if (r.chance(0.2)) line = r.pick(ctx.kind === 'compose' ? DOCKER_LINES : COMPOSE_LINES);
    else { const other = lines(r.pick(ctx.seeds).text); line = other[r.int(other.length)]; }
    const at = r.int(ls.length + 1);
    if (r.chance(0.3) && at < ls.length) ls[at] = line; else ls.splice(at, 0, line);
  }
  return ls.join('\n');
}

/** Replace a word with a token that means something to the parsers. */
function tokenSwap(t, r, ctx) {
  const words = [...t.matchAll(/[\w./:-]+/g)];
  if (!words.length) return t;
  const w = r.pick(words);
  const token = r.pick(ctx.kind === 'compose'
    ? ['<<', '*base', '&base', 'null', '~', '""', '[]', '{}', 'true', '0', '-1', '0.0.0.0', 'root', 'ALL', 'host', '/', '${X}', '$$', 'extends', 'services']
    : ['FROM', 'USER', 'RUN', 'COPY', 'ARG', 'ENV', 'AS', '--from=0', 'root', '0', '$HOME', '${X}', '\\', '<<EOF', 'EOF', '[', ']', '"', 'scratch', '--mount=type=secret']);
  return t.slice(0, w.index) + token + t.slice(w.index + w[0].length);
}

/** YAML indentation changes; for Dockerfiles, leading whitespace and continuation changes. */
function indent(t, r) {
  const ls = lines(t);
  if (!ls.length) return t;
  const n = r.range(1, 4);
  for (let i = 0; i < n; i++) {
    const k = r.int(ls.length);
    const m = /^(\s*)(.*)$/s.exec(ls[k]);
    const pad = r.pick(['', ' ', '  ', '   ', '\t', m[1] + ' ', m[1].slice(1), m[1] + m[1]]);
    ls[k] = r.chance(0.2) ? pad + m[2] + ' \\' : pad + m[2];
  }
  return ls.join('\n');
}

/** A second seed file glued on: several documents, several stages. */
function concat(t, r, ctx) {
  const other = r.pick(ctx.seeds.filter(s => s.kind === ctx.kind)).text;
  return ctx.kind === 'compose' && r.chance(0.5) ? `${t}\n---\n${other}` : `${t}\n${other}`;
}

export const MUTATIONS = {
  byteFlips, invalidUtf8, truncate, shuffleLines, duplicateLines, removeLines, hugeLine, deepNesting, aliasBomb,
  crlf, bom, nulBytes, weirdChar, splice, tokenSwap, indent, concat,
};
// relative weights: cheap structural mutations often, the expensive ones (huge, deep, bombs) less
const WEIGHTS = {
  byteFlips: 10, invalidUtf8: 3, truncate: 6, shuffleLines: 6, duplicateLines: 5, removeLines: 6, hugeLine: 1.5, deepNesting: 1.5, aliasBomb: 2,
  crlf: 3, bom: 2, nulBytes: 3, weirdChar: 5, splice: 14, tokenSwap: 10, indent: 6, concat: 3,
};
const NAMES = Object.keys(WEIGHTS);
const TOTAL = NAMES.reduce((n, k) => n + WEIGHTS[k], 0);
function pickMutation(r, exclude) {
  for (;;) {
    let x = r.next() * TOTAL, name = NAMES[NAMES.length - 1];
    for (const k of NAMES) { x -= WEIGHTS[k]; if (x < 0) { name = k; break; } }
    if (!exclude || !exclude.includes(name)) return name;
  }
}

/** mutants are cut to this size (the short run uses a smaller cap: see mutantAt's maxChars) */
export const MAX_CHARS = 2_000_000;

/**
 * The index-th input of a run: a seed file, 1–4 mutations (sometimes none: the seeds themselves run too),
 * sometimes fed as the other kind, and sometimes with sibling files (an extends base, an override file, the
 * Dockerfile a service builds) for the engine's readFile. `exclude` names mutations not to use (the long
 * run's --without, to look past a known hang); mutants are cut to `maxChars`.
 */
export function mutantAt(seeds, runSeed, index, exclude = [], maxChars = MAX_CHARS) {
  const r = rng(mix(runSeed, index));
  const seed = seeds[r.int(seeds.length)];
  let kind = seed.kind;
  const ctx = { kind, seeds };
  let text = seed.text;
  const applied = [];
  const count = r.chance(0.05) ? 0 : r.range(1, 4);
  for (let i = 0; i < count; i++) {
    const m = pickMutation(r, exclude);
    text = MUTATIONS[m](text, r, ctx);
    applied.push(m);
    if (text.length > maxChars) text = text.slice(0, maxChars);
  }
  // cross-feeding: a compose file read as a Dockerfile and the other way round
  if (r.chance(0.04)) { kind = kind === 'compose' ? 'dockerfile' : 'compose'; applied.push('crossKind'); }
  let siblings = null;
  if (r.chance(0.15)) {
    const sib = k => { const s = r.pick(seeds.filter(x => x.kind === k)); return r.chance(0.5) ? MUTATIONS[pickMutation(r, exclude)](s.text, r, { kind: k, seeds }) : s.text; };
    siblings = { compose: sib('compose'), dockerfile: sib('dockerfile') };
  }
  const options = { allRules: true };
  if (r.chance(0.1)) options.fixUserStyle = 'name';
  if (r.chance(0.05)) options.target = r.pick(['build', 'final', '0', 'nope']);
  if (r.chance(0.05)) options.buildArgs = { BASE: 'alpine:3.19', UID: '0' };
  return { index, seed: seed.name, kind, mutations: applied, text, siblings, options };
}
