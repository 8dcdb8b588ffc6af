// Suppression comments: ours (with reasons, unknown ids and unused ones reported) and the peers'.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lintDockerfile } from '../../server/src/engine/lint';
import { lintCompose } from '../../server/src/engine/compose/lint';

const active = (fs: { ruleId: string; suppressed?: unknown }[]) => fs.filter(f => !f.suppressed).map(f => f.ruleId);

test('hadolint and Checkov comments silence the mapped rules, keeping a reason', () => {
  const text = '# checkov:skip=CKV_DOCKER_3:the base image runs as nobody\nFROM debian:bookworm-slim\nRUN useradd -u 10001 app\n# hadolint ignore=DL3004\nRUN sudo ls\nUSER 10001\n';
  const all = lintDockerfile(text).findings;
  assert.deepEqual(active(all), []);
  const sudo = all.find(f => f.ruleId === 'dockerfile/no-sudo')!;
  assert.equal(sudo.suppressed?.reason, 'hadolint ignore');
  const user = lintDockerfile('# checkov:skip=CKV_DOCKER_3:the base image runs as nobody\nFROM debian:bookworm-slim\n').findings[0];
  assert.equal(user.ruleId, 'dockerfile/require-non-root-user');
  assert.equal(user.suppressed?.reason, 'the base image runs as nobody');
  assert.deepEqual(active(lintDockerfile('FROM debian:12\n# hadolint ignore=DL3008\nUSER root\n').findings), ['dockerfile/no-root-user'], 'an unrelated code silences nothing');
});

test('kics-scan, nosemgrep and BuildKit check=skip', () => {
  assert.deepEqual(active(lintDockerfile('FROM debian:12\n# kics-scan ignore-line\nUSER root\n').findings), []);
  assert.deepEqual(active(lintDockerfile('FROM debian:12\n# nosemgrep\nUSER root\n').findings), []);
  assert.deepEqual(active(lintDockerfile('# kics-scan ignore\nFROM debian:12\nUSER root\n').findings), []);
  assert.deepEqual(active(lintDockerfile('# check=skip=all\nFROM debian:12\nUSER root\n').findings), []);
});

test('compose: own-line and trailing comments', () => {
  const text = 'services:\n  a:\n    image: busybox:1.36\n    privileged: true # nosemgrep\n  b:\n    image: busybox:1.36\n    # shipshape-ignore compose/no-privileged -- needs /dev/kvm\n    privileged: true\n  c:\n    image: busybox:1.36\n    privileged: true  # dclint disable-line\n';
  const fs = lintCompose('/x/compose.yaml', text, { only: ['compose/no-privileged'] }).findings;
  assert.equal(fs.length, 3);
  assert.deepEqual(active(fs), []);
  assert.equal(fs.find(f => f.range.start.line === 7)?.suppressed?.reason, 'needs /dev/kvm');
});

test('unknown rule ids and unused suppressions are reported (info)', () => {
  const text = '# shipshape-ignore dockerfile/no-such-rule -- typo\nFROM debian:12\nRUN useradd -u 10001 app\n# shipshape-ignore dockerfile/no-root-user -- was root once\nUSER 10001\n';
  const fs = lintDockerfile(text).findings.filter(f => f.ruleId === 'shipshape/suppression');
  assert.deepEqual(fs.map(f => [f.range.start.line, f.severity, /Unknown|unused/.exec(f.message)?.[0]]), [[0, 'info', 'Unknown'], [3, 'info', 'unused']]);
  const off = lintDockerfile(text, { rules: { 'dockerfile/no-root-user': 'off' } }).findings.filter(f => f.ruleId === 'shipshape/suppression');
  assert.equal(off.length, 1, 'a suppression of a rule that did not run is not called unused');
});
