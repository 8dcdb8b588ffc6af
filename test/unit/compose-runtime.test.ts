// The runtime compose rules' behaviour that fixtures cannot show: tiered severities, the second fix of a
// rule, and value normalisation that feeds several rules.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lintCompose } from '../../server/src/engine/compose/lint';
import { applyEdits } from '../../server/src/engine/edits';

const lint = (text: string, rule: string, rules?: Record<string, 'error' | 'warning' | 'info'>) =>
  lintCompose('/p/compose.yaml', text, { only: [rule], rules }).findings;

test('no-dangerous-capabilities: escape-class capabilities are errors, host-wide ones warnings; a configured severity wins', () => {
  const text = 'services:\n  a:\n    image: alpine:3.20\n    cap_add: [SYS_ADMIN, net_admin, CAP_SYS_TIME, CHOWN]\n';
  assert.deepEqual(lint(text, 'compose/no-dangerous-capabilities').map(f => f.severity), ['error', 'warning', 'warning']);
  assert.deepEqual(lint(text, 'compose/no-dangerous-capabilities', { 'compose/no-dangerous-capabilities': 'info' }).map(f => f.severity), ['info', 'info', 'info']);
});

test('no-seccomp-unconfined: the second fix points at a profile, keeping the separator and the quotes', () => {
  const text = 'services:\n  a:\n    image: alpine:3.20\n    security_opt:\n      - "seccomp=unconfined"\n      - no-new-privileges:true\n';
  const [finding] = lint(text, 'compose/no-seccomp-unconfined');
  assert.equal(finding.fixes.length, 2);
  assert.match(finding.fixes[0].title, /default profile/);
  assert.equal(applyEdits(text, finding.fixes[0].edits), 'services:\n  a:\n    image: alpine:3.20\n    security_opt:\n      - no-new-privileges:true\n');
  assert.equal(applyEdits(text, finding.fixes[1].edits), text.replace('"seccomp=unconfined"', '"seccomp=./seccomp-profile.json"'));
});

test('bind-ports-to-localhost: a long-form `published` that carries an address counts as bound', () => {
  const text = 'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - target: 80\n        published: 127.0.0.1:8080\n      - target: 81\n        published: "8081"\n';
  assert.deepEqual(lint(text, 'compose/bind-ports-to-localhost').map(f => f.range.start.line + 1), [7]);
});

test('no-sensitive-host-mount: the :ro fix is not offered where read-only does not help', () => {
  const text = 'services:\n  a:\n    image: alpine:3.20\n    volumes:\n      - /etc:/host/etc\n      - /:/host\n';
  assert.deepEqual(lint(text, 'compose/no-sensitive-host-mount').map(f => f.fixes.length), [1, 0]);
});

test('namespace rules: removing the only key of a map is not offered (an emptied map reads as null)', () => {
  const text = 'services:\n  a:\n    pid: host\n';
  const [finding] = lint(text, 'compose/no-host-pid');
  assert.equal(finding.fixes.length, 0);
});
