// Real-container check of the Dockerfile quick fixes that touch users, the shell or package installs
// (issue 6, "Fixes verified in real containers"), for the cases container.test.mjs (D01 add/switch user),
// multistage.test.mjs (multi-stage conversion) and compose-runtime.test.mjs (compose harden) do not cover.
// For each case (a fixture test/container/fix-fixtures/<name>/Dockerfile; built from a per-case copy of
// fix-fixtures/app/ with a unique BUILD_ID in it, so no step after `COPY app/` comes from the build cache):
//   1. the original lints with the rule's finding;
//   2. `shipshape fix <file> --unsafe --rule <id> --stdout` changes it as expected and its output lints
//      without that finding;
//   3. the output builds with Debian's docker.io (private dockerd, offline stand-in bases debian:bookworm-slim,
//      busybox, alpine:3 = BusyBox without apk), its own CMD/ENTRYPOINT runs and exits 0 (or stays up), and
//      its process runs as the expected uid: non-root after the user fixes, the file's own USER otherwise.
// Where the original cannot build (sudo is not installed, dash has no pipefail, apt-get aborts at its prompt),
// the test also builds the original and requires that failure, so the fix is what makes the build work.
// The build-secret case (no-secrets-in-arg-env) is built with `docker build --secret` directly, and its
// image history must no longer hold the value that the original's history shows.
// Package cases run apt-get against the Debian mirror during the build (container-check.sh BUILD_NETWORK=host);
// when this machine cannot reach it, those cases SKIP loudly. Machines that cannot run containers SKIP
// everything (loudly), they never pass or fail. Prepare with scripts/setup-containers.sh.
// Prints `fix cases verified in containers: N (Debian: a, BusyBox/Alpine: b)`.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, CHECK, CTR_HOME, ENV, run, tail, daemonRunning, machineSkipReason, setupDaemon } from './harness.mjs';

const FIXTURES = path.join(ROOT, 'test/container/fix-fixtures'); // one folder per case + the shared app/ and ca/
const CLI = path.join(ROOT, 'dist/cli.js');
// KEEP_DAEMON: one dockerd for the whole file (stopped in after()); CTR_NO_APT: a test never installs.
const HTTPS_PROBE = 'https://deb.debian.org/debian/dists/bookworm/Release';
const LOCAL_CAS = '/usr/local/share/ca-certificates'; // CAs added on this machine (a TLS-inspecting proxy's)

/**
 * name: fixture folder; rule: the fix applied (--rule); base: stand-in it builds on; uid: the uid its process
 * must run as; shows: what the fixed file must contain; net: 'mirror' (apt-get during the build) or 'https'
 * (also an HTTPS download with certificate checks); originalFails: the original must NOT build, with this
 * in the build log; version: what the app must read from /app/VERSION; secret: build secret {id, env, value}.
 */
const CASES = [
  // users
  { name: 'nosudo-debian', rule: 'dockerfile/no-sudo', base: 'debian', uid: 10001,
    shows: /^USER root\nRUN mkdir -p \/var\/lib\/app && chown 10001:10001 \/var\/lib\/app\nUSER 10001\n/m, originalFails: /sudo: not found/ },
  { name: 'nosudo-busybox', rule: 'dockerfile/no-sudo', base: 'busybox', uid: 10002,
    shows: /^USER root\nRUN mkdir -p \/srv\/data && chown app \/srv\/data\nUSER app\n/m, originalFails: /sudo: not found/ },
  { name: 'nosudo-alpine-root', rule: 'dockerfile/no-sudo', base: 'alpine', uid: 10003,
    shows: /^COPY app\/ \/app\/\nRUN chmod 0755 \/app\/app.sh\nUSER 10003:10003\n/m },
  { name: 'numeric-debian', rule: 'dockerfile/numeric-user', base: 'debian', uid: 10005, shows: /^USER 10005:10005$/m },
  { name: 'numeric-busybox', rule: 'dockerfile/numeric-user', base: 'busybox', uid: 10006, shows: /^USER 10006$/m },
  { name: 'noroot-busybox', rule: 'dockerfile/no-root-user', base: 'busybox', uid: 10001,
    shows: /^COPY app\/ \/app\/\nRUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app\nUSER 10001:10001\nCMD /m },
  { name: 'noroot-busybox-existing', rule: 'dockerfile/no-root-user', base: 'busybox', uid: 10010, shows: /^USER 10010\nCMD /m },
  { name: 'noroot-alpine-run-after', rule: 'dockerfile/no-root-user', base: 'alpine', uid: 10001,
    shows: /^USER root\nRUN chmod .*\nRUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app\nUSER 10001:10001\nCMD /m },
  // the shell
  { name: 'pipefail-debian', rule: 'dockerfile/require-pipefail', base: 'debian', uid: 10001,
    shows: /^SHELL \["\/bin\/bash", "-o", "pipefail", "-c"\]\n# the version/m, originalFails: /set -o \| grep -q/ },
  { name: 'pipefail-busybox', rule: 'dockerfile/require-pipefail', base: 'busybox', uid: 65534,
    shows: /^SHELL \["\/bin\/sh", "-o", "pipefail", "-c"\]\nRUN set -o/m, originalFails: /set -o \| grep 'pipefail'/ },
  { name: 'pipefail-alpine', rule: 'dockerfile/require-pipefail', base: 'alpine', uid: 10004,
    shows: /^SHELL \["\/bin\/sh", "-o", "pipefail", "-c"\]\nRUN if false/m, originalFails: /pipefail is off/ },
  { name: 'execform-debian', rule: 'dockerfile/require-exec-form', base: 'debian', uid: 10001, shows: /^CMD \["\/app\/app.sh"\]$/m },
  { name: 'execform-busybox', rule: 'dockerfile/require-exec-form', base: 'busybox', uid: 65534, shows: /^ENTRYPOINT \["sh", "\/app\/app.sh"\]$/m },
  // package installs (apt-get really runs during the build)
  { name: 'apt-no-install-recommends', rule: 'dockerfile/require-no-install-recommends', base: 'debian', uid: 10001, net: 'mirror',
    shows: /apt-get install --no-install-recommends -y hello /m },
  { name: 'apt-noninteractive', rule: 'dockerfile/require-noninteractive-install', base: 'debian', uid: 10001, net: 'mirror',
    shows: /apt-get install -y --no-install-recommends jq /m, originalFails: /Do you want to continue\? \[Y\/n\] Abort/ },
  { name: 'apt-cache-cleanup', rule: 'dockerfile/require-package-cache-cleanup', base: 'debian', uid: 10001, net: 'mirror',
    shows: /&& hello && rm -rf \/var\/lib\/apt\/lists\/\*$/m },
  { name: 'apt-lone-update', rule: 'dockerfile/no-lone-update', base: 'debian', uid: 10001, net: 'mirror',
    shows: /^RUN apt-get update && apt-get install -y --no-install-recommends hello /m },
  { name: 'apt-signature-bypass', rule: 'dockerfile/no-package-signature-bypass', base: 'debian', uid: 10001, net: 'mirror',
    shows: /apt-get install -y --no-install-recommends hello /m },
  { name: 'apt-prefer-apt-get', rule: 'dockerfile/prefer-apt-get', base: 'debian', uid: 10001, net: 'mirror',
    shows: /^RUN apt-get update && apt-get install /m },
  // downloads and copies
  { name: 'insecure-download-debian', rule: 'dockerfile/no-insecure-download', base: 'debian', uid: 10001, net: 'https',
    shows: /^RUN wget -q -O \/tmp\/Release https:/m },
  { name: 'insecure-env-busybox', rule: 'dockerfile/no-insecure-download', base: 'busybox', uid: 65534, shows: /^FROM busybox:1.36\nCOPY /m },
  { name: 'add-to-copy-debian', rule: 'dockerfile/prefer-copy-over-add', base: 'debian', uid: 10001, version: '1.0-fixes',
    shows: /^COPY app\/app.sh \/app\/app.sh\nCOPY app\/VERSION \/app\/$/m },
  { name: 'add-to-copy-busybox', rule: 'dockerfile/prefer-copy-over-add', base: 'busybox', uid: 65534, version: '1.0-fixes',
    shows: /^COPY --chown=65534:65534 app\/ \/app\/$/m },
  { name: 'copy-dest-slash-debian', rule: 'dockerfile/copy-dest-slash', base: 'debian', uid: 10001, version: '1.0-fixes',
    shows: /^COPY app\/app.sh app\/VERSION \/app\/$/m },
  { name: 'copy-dest-slash-alpine', rule: 'dockerfile/copy-dest-slash', base: 'alpine', uid: 65534, version: '1.0-fixes',
    shows: /^COPY app\/app.sh app\/VERSION \/opt\/app\/$/m },
  // build secrets: built with `docker build --secret` directly (container-check.sh passes no build options)
  { name: 'secret-arg-debian', rule: 'dockerfile/no-secrets-in-arg-env', base: 'debian', uid: 10001,
    secret: { id: 'api_token', env: 'API_TOKEN', value: 'fixture-token-4711' },
    shows: /^RUN --mount=type=secret,id=api_token test "\$\(printf %s "\$\(cat \/run\/secrets\/api_token\)" \| sha256sum/m },
];
const isDebian = (c) => c.base === 'debian';

let skipReason = null; // set when this machine cannot run containers
const netSkip = { mirror: null, https: null }; // set when a build cannot reach the network it needs
let startedDaemon = false;
let tmp;
const verified = [];
const timings = [];
const t0 = performance.now();

/** The Debian mirror the stand-in was debootstrapped from (the host's apt sources, as container-check.sh reads them). */
function debianMirror() {
  const files = ['/etc/apt/sources.list'];
  try { files.push(...readdirSync('/etc/apt/sources.list.d').filter((f) => /\.(sources|list)$/.test(f)).map((f) => `/etc/apt/sources.list.d/${f}`)); } catch { /* none */ }
  for (const f of files) {
    let text = '';
    try { text = readFileSync(f, 'utf8'); } catch { continue; }
    for (const m of text.matchAll(/^(?:URIs:|deb) +(https?:\/\/\S+\/debian)\/?(?:\s|$)/gm)) return m[1];
  }
  return 'http://deb.debian.org/debian';
}

/** Whether `url` answers from this host: the builds use the host network (BUILD_NETWORK=host). */
async function reachable(url) {
  if ((process.env.BUILD_NETWORK ?? 'host') !== 'host') return `BUILD_NETWORK=${process.env.BUILD_NETWORK}: RUN steps have no network`;
  try {
    const r = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
    return r.ok ? null : `${url} answered HTTP ${r.status}`;
  } catch (e) {
    return `${url} is not reachable from this machine (${e.cause?.code ?? e.message})`;
  }
}

before(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'shipshape-fixes-'));
  skipReason = machineSkipReason();
  if (!skipReason) {
    const wasUp = daemonRunning();
    // Starts dockerd, imports the stand-in bases, runs a smoke container. Exit 6 = cannot run containers;
    // any other failure is a real failure (the before hook throwing fails every test).
    const [r, mirror, https] = await Promise.all([
      run('bash', [CHECK, '--setup']),
      reachable(`${debianMirror()}/dists/bookworm/InRelease`),
      reachable(HTTPS_PROBE),
    ]);
    timings.push(`setup (dockerd + stand-in images + smoke container): ${r.seconds.toFixed(1)} s`);
    startedDaemon = !wasUp && daemonRunning();
    if (r.code === 6) skipReason = tail(r.stderr, 1).replace(/^\[container-check\] FAIL: /, '');
    else assert.equal(r.code, 0, `container-check.sh --setup failed:\n${tail(r.stderr)}`);
    netSkip.mirror = mirror;
    netSkip.https = mirror ?? https;
  }
  if (skipReason) console.error(`\nSKIPPED: ALL fix container tests (${CASES.length}): ${skipReason}\n`);
  else {
    for (const kind of ['mirror', 'https']) {
      const n = CASES.filter((c) => c.net === kind).length;
      if (netSkip[kind] && n) console.error(`\nSKIPPED: ${n} fix container test(s) that need ${kind === 'mirror' ? 'the Debian mirror' : 'HTTPS'} during the build: ${netSkip[kind]}\n`);
    }
  }
});

after(async () => {
  if (startedDaemon) await run('bash', [CHECK, '--stop-daemon']); // leave the machine as we found it
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  const deb = verified.filter(isDebian).length;
  if (timings.length) console.error(`\n[fixes] timings:\n  ${timings.join('\n  ')}\n  whole file: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`fix cases verified in containers: ${verified.length} (Debian: ${deb}, BusyBox/Alpine: ${verified.length - deb})`);
  const skipped = CASES.length - verified.length;
  if (skipped) console.error(`fix cases NOT verified in containers (skipped or failed): ${skipped} of ${CASES.length}`);
});

async function findingsOf(file, rule) {
  // --rule also turns on rules that are off by default (numeric-user)
  const r = await run('node', [CLI, 'lint', '--format', 'json', '--rule', rule, file], 60_000);
  assert.ok(r.code === 0 || r.code === 1, `lint ${file}: exit ${r.code}\n${tail(r.stderr)}`);
  return JSON.parse(r.stdout).findings.filter((f) => f.rule === rule);
}

/**
 * A fresh build context for one case: fix-fixtures/app/ plus a BUILD_ID unique to this case and run, so
 * every step after `COPY app/ /app/` really runs (no BuildKit cache from an earlier run or another case
 * whose fixed RUN reads the same), and ca/ with this machine's locally added CA certificates.
 */
function buildContext(name) {
  const ctx = path.join(tmp, name);
  cpSync(path.join(FIXTURES, 'app'), path.join(ctx, 'app'), { recursive: true });
  writeFileSync(path.join(ctx, 'app', 'BUILD_ID'), `${name} ${randomUUID()}\n`);
  mkdirSync(path.join(ctx, 'ca'), { recursive: true });
  let cas = [];
  try { cas = readdirSync(LOCAL_CAS).filter((f) => f.endsWith('.crt')); } catch { /* none */ }
  for (const f of cas) writeFileSync(path.join(ctx, 'ca', f), readFileSync(path.join(LOCAL_CAS, f)));
  return ctx;
}

const DOCKER = ['-H', `unix://${CTR_HOME}/docker.sock`]; // the private dockerd container-check.sh runs
/**
 * For the build-secret case: `docker build` with `options` (--secret / --build-arg) in the private dockerd,
 * then the image's history (what `docker history` shows of every step) and its own CMD's output and exit.
 */
async function buildWithOptions(dockerfile, ctx, options, env, what) {
  const tag = `localhost/shipshape-fixes-${process.pid}:${what}`;
  const denv = { ...ENV, ...env, DOCKER_BUILDKIT: '1' };
  const b = await run('/usr/bin/docker', [...DOCKER, 'build', '--network', 'none', ...options, '-f', dockerfile, '-t', tag, ctx], 600_000, denv);
  if (b.code !== 0) return { built: false, log: b.stderr, seconds: b.seconds };
  const h = await run('/usr/bin/docker', [...DOCKER, 'history', '--no-trunc', '--format', '{{.CreatedBy}}', tag], 60_000, denv);
  const c = await run('/usr/bin/docker', [...DOCKER, 'run', '--rm', '--network', 'none', tag], 60_000, denv);
  await run('/usr/bin/docker', [...DOCKER, 'rmi', '-f', tag], 60_000, denv);
  return { built: true, log: b.stderr, history: h.stdout, cmdCode: c.code, cmdOut: c.stdout + c.stderr, seconds: b.seconds + c.seconds };
}

/** container-check.sh: build in `ctx`, run as the image's USER (uid must be `uid`), then run its own CMD. */
function check(dockerfile, ctx, uid) {
  return run('bash', [CHECK, '--expect-uid', String(uid), '--run-cmd', dockerfile, ctx]);
}

describe('Dockerfile quick fixes verified in real containers', () => {
  for (const c of CASES) {
    const where = isDebian(c) ? 'Debian' : c.base === 'alpine' ? 'Alpine (BusyBox)' : 'BusyBox';
    test(`${c.name}: ${c.rule} fix on ${where} builds, runs its CMD as uid ${c.uid}`, { timeout: 600_000 }, async (t) => {
      const reason = skipReason ?? (c.net ? netSkip[c.net] : null);
      if (reason) {
        console.error(`SKIPPED: fix container test ${c.name}: ${reason}`);
        return t.skip(`SKIPPED: ${reason}`);
      }
      assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
      const original = path.join(FIXTURES, c.name, 'Dockerfile');
      const originalText = readFileSync(original, 'utf8');
      assert.notEqual((await findingsOf(original, c.rule)).length, 0, `${c.name}: the unfixed fixture must have a ${c.rule} finding`);

      const fix = await run('node', [CLI, 'fix', original, '--unsafe', '--rule', c.rule, '--stdout'], 60_000);
      assert.equal(fix.code, 0, `fix exit ${fix.code}\n${tail(fix.stderr)}`);
      const fixedText = fix.stdout;
      assert.notEqual(fixedText, originalText, `${c.name}: the fix changed nothing\n${fix.stderr}`);
      assert.match(fixedText, c.shows, `${c.name}: the fix output is not what ${c.rule} should write:\n${fixedText}`);

      // same file name in its own folder (also the build context), so it lints exactly like the original
      const ctx = buildContext(c.name);
      const fixed = path.join(ctx, 'Dockerfile');
      writeFileSync(fixed, fixedText);
      assert.deepEqual((await findingsOf(fixed, c.rule)).map((f) => `${f.line}: ${f.message}`), [], `${c.name}: the fixed Dockerfile still has ${c.rule} findings`);

      if (c.secret) {
        const { id, env, value } = c.secret;
        // the original, given the token as a build argument, leaks it into the image history...
        const o = await buildWithOptions(original, ctx, ['--build-arg', `${env}=${value}`], {}, 'original');
        assert.ok(o.built, `${c.name}: the original must build with --build-arg ${env}\n${tail(o.log)}`);
        assert.ok(o.history.includes(value), `${c.name}: the original's history should show the build argument (else this case proves nothing)\n${o.history}`);
        // ...the fixed file gets it as a secret: the RUN sees the value (it fails otherwise), the history does not
        const r = await buildWithOptions(fixed, ctx, ['--secret', `id=${id},env=${env}`], { [env]: value }, 'fixed');
        timings.push(`${c.name} original + fixed (docker build --secret): ${(o.seconds + r.seconds).toFixed(1)} s`);
        assert.ok(r.built, `${c.name} fixed: docker build --secret id=${id},env=${env} failed\n${tail(r.log)}\n--- fixed Dockerfile:\n${fixedText}`);
        assert.ok(!r.history.includes(value), `${c.name} fixed: the secret is still in the image history\n${r.history}`);
        assert.equal(r.cmdCode, 0, `${c.name} fixed: own CMD exit ${r.cmdCode}\n${r.cmdOut}`);
        assert.match(r.cmdOut, new RegExp(`^shipshape-fixture-app version=\\S+ uid=${c.uid} `, 'm'), `${c.name} fixed: own CMD output / uid`);
        verified.push(c);
        return;
      }

      if (c.originalFails) {
        const o = await check(original, ctx, c.uid);
        timings.push(`${c.name} original (must fail): ${o.seconds.toFixed(1)} s`);
        assert.equal(o.code, 2, `${c.name}: the ORIGINAL must fail to build (container-check.sh exit 2), got exit ${o.code}\n${tail(o.stderr)}`);
        assert.match(o.stderr, c.originalFails, `${c.name}: the original fails for another reason than the one the fix removes\n${tail(o.stderr)}`);
      }

      const r = await check(fixed, ctx, c.uid);
      timings.push(`${c.name} fixed: ${r.seconds.toFixed(1)} s`);
      assert.equal(r.code, 0, `${c.name} fixed: container-check.sh exit ${r.code ?? r.signal}\n${tail(r.stderr)}\n--- fixed Dockerfile:\n${fixedText}`);
      assert.equal(r.stdout.trim(), String(c.uid), `${c.name} fixed: runtime uid`);
      // the fixture app prints the uid it really runs as: proves the image's own CMD/ENTRYPOINT works too
      assert.match(r.stderr, new RegExp(`cmd\\| shipshape-fixture-app version=${c.version ?? '\\S+'} uid=${c.uid} `), `${c.name} fixed: own CMD output\n${tail(r.stderr)}`);
      assert.match(r.stderr, /own ENTRYPOINT\/CMD: exit=0/, `${c.name} fixed: own CMD exit code`);
      verified.push(c);
    });
  }
});
