// Real-container check of the D01 (secure user mapping) fixes: each fixture is built and run as-is
// (must run as uid 0), then `shipshape fix --unsafe --stdout` is applied, the output must lint clean of
// D01 and, built and run, its process must run as uid 10001. Linting alone cannot prove that the
// inserted useradd/adduser line works on that base image; only a build + run can.
// Uses test/container/container-check.sh (offline stand-in base images, private dockerd in $CTR_HOME).
// Machines that cannot run containers SKIP (loudly), they never pass or fail. Prepare with
// scripts/setup-containers.sh (once, ~3.5 min; ~10 s when /tmp/ctr survives).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, CHECK, CTR_HOME, ENV, run, tail, daemonRunning, machineSkipReason, setupDaemon } from './harness.mjs';

const FIXTURES = path.join(ROOT, 'test/container/fixtures'); // also the build context (shared app/)
const CLI = path.join(ROOT, 'dist/cli.js');
// KEEP_DAEMON: one dockerd for the whole file (stopped in after()); CTR_NO_APT: a test never installs.
const D01_RULES = new Set(['dockerfile/require-non-root-user', 'dockerfile/no-root-user']);
const CASES = [
  { name: 'debian-app', adds: /useradd --system --uid 10001/ },
  { name: 'debian-multistage-root', adds: /useradd --system --uid 10001/ },
  { name: 'busybox-app', adds: /adduser -S -D -H -u 10001/ },
  { name: 'alpine-app', adds: /adduser -S -D -H -u 10001/ },
];

let skipReason = null; // set when this machine cannot run containers
let startedDaemon = false;
let tmp;

before(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'shipshape-ctr-'));
  skipReason = machineSkipReason();
  if (!skipReason) {
    // starts dockerd, imports the stand-in bases, runs a smoke container (exit 6: cannot run containers)
    ({ skipReason, startedDaemon } = await setupDaemon());
  }
  if (skipReason) console.error(`\nSKIPPED: ALL container tests (${CASES.length}): ${skipReason}\n`);
});

after(async () => {
  if (startedDaemon) await run('bash', [CHECK, '--stop-daemon']); // leave the machine as we found it
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Builds `dockerfile` (context: fixtures/), runs it; asserts the uid of its process and of its own CMD. */
async function assertRunsAs(dockerfile, uid, what) {
  const r = await run('bash', [CHECK, '--expect-uid', String(uid), '--run-cmd', dockerfile, FIXTURES]);
  assert.equal(r.code, 0, `${what}: container-check.sh exit ${r.code ?? r.signal}\n${tail(r.stderr)}`);
  assert.equal(r.stdout.trim(), String(uid), `${what}: runtime uid`);
  // the fixture app prints the uid it really runs as (proves the image's own CMD works too)
  assert.match(r.stderr, new RegExp(`cmd\\| shipshape-fixture-app .*uid=${uid} `), `${what}: own CMD output`);
}

async function d01Findings(file) {
  const r = await run('node', [CLI, 'lint', '--format', 'json', file], 60_000);
  assert.ok(r.code === 0 || r.code === 1, `lint ${file}: exit ${r.code}\n${tail(r.stderr)}`);
  const { findings } = JSON.parse(r.stdout);
  return findings.filter((f) => D01_RULES.has(f.rule) || (f.owasp ?? []).some((o) => String(o).startsWith('D01')));
}

for (const c of CASES) {
  test(`${c.name}: runs as root as-is, as uid 10001 after fix --unsafe`, { timeout: 600_000 }, async (t) => {
    if (skipReason) {
      console.error(`SKIPPED: container test ${c.name}: ${skipReason}`);
      return t.skip(`SKIPPED: ${skipReason}`);
    }
    const original = path.join(FIXTURES, c.name, 'Dockerfile');
    await assertRunsAs(original, 0, `${c.name} as-is`);

    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
    assert.notEqual((await d01Findings(original)).length, 0, `${c.name}: the unfixed fixture must have a D01 finding`);
    const fix = await run('node', [CLI, 'fix', original, '--unsafe', '--stdout'], 60_000);
    assert.equal(fix.code, 0, `fix exit ${fix.code}\n${tail(fix.stderr)}`);
    assert.match(fix.stdout, c.adds, 'fix output adds the base-specific user');
    assert.match(fix.stdout, /^USER 10001:10001\s*$/m, 'fix output switches to USER 10001:10001');

    // same file name in its own folder, so the fixed file lints/builds exactly like the original
    const fixed = path.join(tmp, c.name, 'Dockerfile');
    mkdirSync(path.dirname(fixed), { recursive: true });
    writeFileSync(fixed, fix.stdout);
    assert.deepEqual(await d01Findings(fixed), [], `${c.name}: fixed Dockerfile still has D01 findings`);
    await assertRunsAs(fixed, 10001, `${c.name} fixed`);
  });
}
