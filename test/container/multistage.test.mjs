// Real-container check of the "convert to multi-stage" fix (dockerfile/require-multi-stage): each fixture
// is a single-stage build that ships its toolchain. `shipshape fix --unsafe --stdout --rule
// dockerfile/require-multi-stage` must turn it into a builder + runtime build whose lint has no
// require-multi-stage and no D01 finding, and which, built and run, runs its own CMD as uid 10001.
// Linting cannot prove the COPY --from paths, the runtime base and the user block work together; a build
// and a run do. Debian case: real gcc from the Debian mirror. Alpine case: a golang:1.25-alpine stand-in
// (test/container/standins/golang-alpine) whose `go build` installs the fixture app, since there is no
// registry offline. Same conventions as container.test.mjs: machines that cannot run containers SKIP
// (loudly), they never pass or fail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, CHECK, CTR_HOME, ENV, run, tail, daemonRunning, machineSkipReason, setupDaemon } from './harness.mjs';

const FIXTURES = path.join(ROOT, 'test/container/fixtures'); // also the build context
const STANDINS = path.join(ROOT, 'test/container/standins');
const CLI = path.join(ROOT, 'dist/cli.js');
const RULE = 'dockerfile/require-multi-stage';
const D01_RULES = new Set(['dockerfile/require-non-root-user', 'dockerfile/no-root-user']);
const CASES = [
  { name: 'multistage-debian', runtime: /^FROM debian:bookworm-slim\s*$/m, adds: /useradd --system --uid 10001/ },
  { name: 'multistage-alpine-go', runtime: /^FROM alpine:3\.\d+\s*$/m, adds: /adduser -S -D -H -u 10001/, standin: { tag: 'golang:1.25-alpine', dir: 'golang-alpine' } },
];

let skipReason = null;
let startedDaemon = false;
let tmp;

before(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'shipshape-ms-'));
  skipReason = machineSkipReason();
  if (!skipReason) {
    // starts dockerd, imports the stand-in bases, runs a smoke container (exit 6: cannot run containers)
    ({ skipReason, startedDaemon } = await setupDaemon());
  }
  if (!skipReason) {
    // the stand-in toolchain images, built into the same private dockerd from the local alpine stand-in
    const docker = { ...ENV, DOCKER_HOST: `unix://${CTR_HOME}/docker.sock`, DOCKER_BUILDKIT: '1' };
    for (const c of CASES.filter((x) => x.standin)) {
      const b = await run('/usr/bin/docker', ['build', '--network', 'none', '-t', c.standin.tag, path.join(STANDINS, c.standin.dir)], 300_000, docker);
      assert.equal(b.code, 0, `building the stand-in ${c.standin.tag} failed:\n${tail(b.stderr)}`);
    }
  }
  if (skipReason) console.error(`\nSKIPPED: ALL multi-stage container tests (${CASES.length}): ${skipReason}\n`);
});

after(async () => {
  if (startedDaemon) await run('bash', [CHECK, '--stop-daemon']);
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function findings(file) {
  const r = await run('node', [CLI, 'lint', '--format', 'json', file], 60_000);
  assert.ok(r.code === 0 || r.code === 1, `lint ${file}: exit ${r.code}\n${tail(r.stderr)}`);
  return JSON.parse(r.stdout).findings;
}

for (const c of CASES) {
  test(`${c.name}: the multi-stage conversion builds and runs its CMD as uid 10001`, { timeout: 600_000 }, async (t) => {
    if (skipReason) {
      console.error(`SKIPPED: container test ${c.name}: ${skipReason}`);
      return t.skip(`SKIPPED: ${skipReason}`);
    }
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
    const original = path.join(FIXTURES, c.name, 'Dockerfile');
    assert.ok((await findings(original)).some((f) => f.rule === RULE), `${c.name}: the unfixed fixture must have a ${RULE} finding`);

    const fix = await run('node', [CLI, 'fix', original, '--rule', RULE, '--unsafe', '--stdout'], 60_000);
    assert.equal(fix.code, 0, `fix exit ${fix.code}\n${tail(fix.stderr)}`);
    const converted = fix.stdout;
    assert.match(converted, /^FROM \S+ AS builder\s*$/m, 'a named builder stage');
    assert.match(converted, c.runtime, 'the runtime stage uses the expected base');
    assert.match(converted, /^COPY --from=builder /m, 'the runtime stage copies the build output');
    assert.match(converted, c.adds, 'the runtime stage creates the non-root user the distro\'s way');
    assert.match(converted, /^USER 10001:10001\s*$/m, 'the runtime stage switches to uid 10001');
    assert.ok(!/--link\b/.test(converted) && !/<<-?["']?[A-Za-z]/.test(converted), 'no COPY --link and no heredoc (Debian 12 engines reject them)');

    const fixed = path.join(tmp, c.name, 'Dockerfile');
    mkdirSync(path.dirname(fixed), { recursive: true });
    writeFileSync(fixed, converted);
    const after = await findings(fixed);
    assert.deepEqual(after.filter((f) => f.rule === RULE || D01_RULES.has(f.rule)).map((f) => `${f.rule}: ${f.message}`), [], 'converted Dockerfile: no multi-stage or D01 finding');

    const r = await run('bash', [CHECK, '--expect-uid', '10001', '--run-cmd', fixed, FIXTURES]);
    assert.equal(r.code, 0, `${c.name} converted: container-check.sh exit ${r.code ?? r.signal}\n${tail(r.stderr)}\n--- converted Dockerfile:\n${converted}`);
    assert.equal(r.stdout.trim(), '10001', 'runtime uid');
    assert.match(r.stderr, /cmd\| shipshape-fixture-app .*uid=10001 /, 'the image\'s own CMD runs and reports uid 10001');
  });
}
