// Policy files: found upward (nearest wins), extends, validation with positions, applied to lint options;
// the shipped JSON schema accepts and refuses what the engine does.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { findPolicyFile, loadPolicy, applyPolicy, isIgnored } from '../../server/src/engine/policy';
import { lintDockerfile } from '../../server/src/engine/lint';
import { ROOT } from './helpers';

const files = (f: Record<string, string>) => (p: string) => f[p];

test('the nearest policy file wins; extends layers a parent under it', () => {
  const read = files({
    '/repo/.shipshape.yaml': 'rules:\n  dockerfile/numeric-user: error\n',
    '/repo/svc/.shipshape.yml': 'extends: ../team.yaml\nrules:\n  dockerfile/no-sudo: warning\nfailOn: warning\n',
    '/repo/team.yaml': 'rules:\n  dockerfile/no-sudo: off\n  dockerfile/no-setuid: error\ntrustedRegistries: ["registry.example/*"]\n',
  });
  assert.equal(findPolicyFile('/repo/svc/api', read), '/repo/svc/.shipshape.yml');
  assert.equal(findPolicyFile('/repo/other', read), '/repo/.shipshape.yaml');
  assert.equal(findPolicyFile('/elsewhere', read), null);
  const { policy, errors } = loadPolicy('/repo/svc/.shipshape.yml', read);
  assert.deepEqual(errors, []);
  assert.deepEqual(policy!.rules, { 'dockerfile/no-sudo': 'warning', 'dockerfile/no-setuid': 'error' });
  assert.deepEqual(policy!.trustedRegistries, ['registry.example/*']);
  assert.equal(policy!.failOn, 'warning');
});

test('a policy changes what lint reports', () => {
  const read = files({ '/p/.shipshape.yaml': 'rules:\n  dockerfile/no-root-user: off\n  dockerfile/numeric-user: error\n' });
  const options = applyPolicy({}, loadPolicy('/p/.shipshape.yaml', read).policy);
  const text = 'FROM debian:12\nRUN useradd -u 10001 app\nUSER app\nUSER root\n';
  assert.deepEqual(lintDockerfile(text).findings.map(f => f.ruleId), ['dockerfile/no-root-user']);
  assert.deepEqual(lintDockerfile('FROM debian:12\nRUN useradd -u 10001 app\nUSER app\n', options).findings.map(f => `${f.ruleId}:${f.severity}`), ['dockerfile/numeric-user:error']);
  assert.deepEqual(lintDockerfile(text, options).findings.map(f => f.ruleId), []);
});

test('rule options: uid for the user fixes', () => {
  const read = files({ '/p/.shipshape.yaml': 'rules:\n  dockerfile/require-non-root-user:\n    options: { uid: 20000 }\n' });
  const options = applyPolicy({}, loadPolicy('/p/.shipshape.yaml', read).policy);
  const [f] = lintDockerfile('FROM debian:12\nCMD ["x"]\n', options).findings;
  assert.match(f.fixes[0].title, /uid 20000/);
});

test('invalid policies: every problem positioned and named by key', () => {
  const cases: Array<[string, string, number]> = [
    ['rules:\n  dockerfile/nope: error\n', 'rules.dockerfile/nope', 1],
    ['rules:\n  dockerfile/no-sudo: loud\n', 'rules.dockerfile/no-sudo', 1],
    ['colour: blue\n', 'colour', 0],
    ['trustedRegistries: docker.io\n', 'trustedRegistries', 0],
    ['failOn: sometimes\n', 'failOn', 0],
    ['extends: missing.yaml\n', 'extends', 0],
    ['rules: [\n', '', 1],
  ];
  for (const [text, key, line] of cases) {
    const { policy, errors } = loadPolicy('/p/.shipshape.yaml', files({ '/p/.shipshape.yaml': text }));
    assert.equal(policy, null, text);
    assert.equal(errors[0].key, key, text);
    assert.equal(errors[0].range.start.line, line, text);
  }
  const cycle = files({ '/p/.shipshape.yaml': 'extends: b.yaml\n', '/p/b.yaml': 'extends: .shipshape.yaml\n' });
  assert.match(loadPolicy('/p/.shipshape.yaml', cycle).errors[0].message, /cycle/);
  const outside = loadPolicy('/p/.shipshape.yaml', files({ '/p/.shipshape.yaml': 'extends: ../team.yaml\n', '/team.yaml': 'rules: {}\n' }), p => p.startsWith('/p/'));
  assert.deepEqual(outside.errors, []);
  assert.match(outside.warnings[0].message, /outside the workspace, which is not trusted/);
  assert.ok(outside.policy, 'the rest of the policy still applies');
});

test('ignore globs are relative to the policy file', () => {
  const { policy } = loadPolicy('/repo/.shipshape.yaml', files({ '/repo/.shipshape.yaml': 'ignore: ["vendor/**", "**/testdata/**"]\n' }));
  assert.ok(isIgnored(policy, '/repo/vendor/x/Dockerfile'));
  assert.ok(isIgnored(policy, '/repo/a/b/testdata/compose.yaml'));
  assert.ok(!isIgnored(policy, '/repo/app/Dockerfile'));
});

test('the shipped JSON schema agrees with the engine on valid and invalid policies', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'shipshape-policy.schema.json'), 'utf8'));
  const validate = new Ajv({ strict: false }).compile(schema);
  const good = 'rules:\n  dockerfile/no-root-user: error\n  compose/no-privileged:\n    severity: warning\n    options: { note: kept }\ntrustedRegistries: ["registry.internal.example/*"]\nignore: ["vendor/**"]\nfailOn: error\n';
  assert.ok(validate(parse(good)), JSON.stringify(validate.errors));
  assert.deepEqual(loadPolicy('/p/.shipshape.yaml', files({ '/p/.shipshape.yaml': good })).errors, []);
  for (const bad of ['failOn: sometimes\n', 'colour: blue\n', 'rules:\n  dockerfile/no-sudo: loud\n', 'ignore: vendor\n']) {
    assert.equal(validate(parse(bad)), false, bad);
    assert.ok(loadPolicy('/p/.shipshape.yaml', files({ '/p/.shipshape.yaml': bad })).errors.length > 0, bad);
  }
});

test('rule options: mutable tags and secret-name allow-lists', async () => {
  const { lintCompose } = await import('../../server/src/engine/compose/lint');
  const read = files({ '/p/.shipshape.yaml': 'rules:\n  dockerfile/no-latest-tag:\n    options: { mutableTags: [latest, stable] }\n  compose/no-latest-tag:\n    options: { mutableTags: [edge] }\n  dockerfile/no-secrets-in-arg-env:\n    options: { allowNames: ["legacy_*"] }\n  compose/no-root-user:\n    options: { uid: 4242 }\n' });
  const options = applyPolicy({}, loadPolicy('/p/.shipshape.yaml', read).policy);
  assert.deepEqual(lintDockerfile('FROM debian:stable\nUSER 1\n').findings.map(f => f.ruleId), []);
  assert.deepEqual(lintDockerfile('FROM debian:stable\nUSER 1\n', options).findings.map(f => f.ruleId), ['dockerfile/no-latest-tag']);
  const compose = 'services:\n  a:\n    image: nginx:edge\n    user: root\n';
  assert.ok(!lintCompose('/p/compose.yaml', compose, { only: ['compose/no-latest-tag'] }).findings.length);
  assert.equal(lintCompose('/p/compose.yaml', compose, { ...options, only: ['compose/no-latest-tag'] }).findings.length, 1);
  const fix = lintCompose('/p/compose.yaml', compose, { ...options, only: ['compose/no-root-user'] }).findings[0].fixes[0];
  assert.match(fix.edits[0].newText, /4242:4242/);
  const arg = "FROM debian:12\nARG LEGACY_API_TOKEN=t0k3nValue99\nUSER 1\n";
  assert.equal(lintDockerfile(arg, { only: ['dockerfile/no-secrets-in-arg-env'] }).findings.length, 1);
  assert.equal(lintDockerfile(arg, { ...options, only: ['dockerfile/no-secrets-in-arg-env'] }).findings.length, 0);
});

test('patterns that could make matching slow are refused at load, with their position', () => {
  const { errors } = loadPolicy('/p/.shipshape.yaml', files({ '/p/.shipshape.yaml': `ignore:\n  - "${'*a'.repeat(12)}"\n` }));
  assert.equal(errors[0].key, 'ignore');
  assert.equal(errors[0].range.start.line, 1);
  assert.match(errors[0].message, /wildcards/);
});
