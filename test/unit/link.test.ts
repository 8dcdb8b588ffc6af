// The Dockerfile link seen from both sides: compose `user:`/`build.target`/`build.args` change how the
// Dockerfile is judged, and compose rules read the Dockerfile a service builds.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lintFile } from '../../server/src/engine/project';
import { servicesBuilding, composeCandidates } from '../../server/src/engine/compose/link';
import { buildComposeModel } from '../../server/src/engine/compose/model';
import { linkDockerfile, runsAsRoot } from '../../server/src/engine/compose/link';

function project(files: Record<string, string>) {
  return (p: string) => files[p];
}

const DOCKERFILE = 'FROM debian:bookworm-slim AS runtime\nARG RUN_AS=root\nUSER ${RUN_AS}\nFROM runtime AS debug\nUSER root\n';

test('compose candidates: the folder and three above', () => {
  const c = composeCandidates('/repo/services/api/Dockerfile');
  assert.ok(c.includes('/repo/services/api/compose.yaml'));
  assert.ok(c.includes('/repo/docker-compose.yml'));
  assert.ok(!c.some(p => p.startsWith('/repo/services/api/..')));
});

test('a compose service that builds the Dockerfile with a non-root user satisfies the D01 rules', () => {
  const files = {
    '/p/Dockerfile': 'FROM debian:bookworm-slim\nCMD ["app"]\n',
    '/p/compose.yaml': 'services:\n  app:\n    build: .\n    user: "10001:10001"\n',
  };
  const linked = servicesBuilding('/p/Dockerfile', project(files));
  assert.deepEqual(linked.map(s => [s.name, s.user]), [['app', '10001:10001']]);
  assert.deepEqual(lintFile('/p/Dockerfile', files['/p/Dockerfile'], { readFile: project(files) }).findings.map(f => f.ruleId), []);
  const rootUser = { ...files, '/p/compose.yaml': 'services:\n  app:\n    build: .\n    user: root\n' };
  assert.deepEqual(lintFile('/p/Dockerfile', files['/p/Dockerfile'], { readFile: project(rootUser) }).findings.map(f => f.ruleId), ['dockerfile/require-non-root-user']);
  assert.deepEqual(lintFile('/p/Dockerfile', files['/p/Dockerfile']).findings.map(f => f.ruleId), ['dockerfile/require-non-root-user'], 'no project: judged alone');
});

test('build.target picks the shipped stage and build.args feed ARGs', () => {
  const files = {
    '/p/app/Dockerfile': DOCKERFILE,
    '/p/compose.yaml': 'services:\n  app:\n    build:\n      context: ./app\n      target: runtime\n      args:\n        RUN_AS: "10001"\n',
  };
  assert.deepEqual(lintFile('/p/app/Dockerfile', DOCKERFILE, { readFile: project(files) }).findings.map(f => f.ruleId), []);
  assert.deepEqual(lintFile('/p/app/Dockerfile', DOCKERFILE).findings.map(f => f.ruleId), ['dockerfile/no-root-user'], 'alone, the last stage ships');
});

test('compose reads the Dockerfile a service builds (context, dockerfile, target, args in list form)', () => {
  const files = {
    '/p/app/build.Dockerfile': DOCKERFILE,
    '/p/compose.yaml': 'services:\n  app:\n    build:\n      context: app\n      dockerfile: build.Dockerfile\n      target: runtime\n      args: ["RUN_AS=10001"]\n  dbg:\n    build: { context: app, dockerfile: build.Dockerfile, target: debug }\n',
  };
  const model = buildComposeModel('/p/compose.yaml', files['/p/compose.yaml'], { readFile: project(files) });
  const [app, dbg] = model.services.map(s => linkDockerfile(s, project(files)));
  assert.equal(app?.path, '/p/app/build.Dockerfile');
  assert.equal(runsAsRoot(app!), false);
  assert.equal(runsAsRoot(dbg!), true);
});

test('a compose healthcheck satisfies dockerfile/require-healthcheck for the image it builds', () => {
  const dockerfile = 'FROM debian:bookworm-slim\nUSER 10001\nCMD ["app"]\n';
  const withCheck = { '/p/Dockerfile': dockerfile, '/p/compose.yaml': 'services:\n  app:\n    build: .\n    healthcheck:\n      test: ["CMD", "true"]\n' };
  const only = { only: ['dockerfile/require-healthcheck'] };
  assert.deepEqual(lintFile('/p/Dockerfile', dockerfile, { ...only, readFile: project(withCheck) }).findings.map(f => f.ruleId), []);
  const disabled = { ...withCheck, '/p/compose.yaml': 'services:\n  app:\n    build: .\n    healthcheck:\n      disable: true\n' };
  assert.deepEqual(lintFile('/p/Dockerfile', dockerfile, { ...only, readFile: project(disabled) }).findings.map(f => f.ruleId), ['dockerfile/require-healthcheck']);
});

test('moving a secret to a build secret also adds build.secrets to the compose service that builds it', async () => {
  const { applyEdits } = await import('../../server/src/engine/edits');
  const { parse } = await import('yaml');
  const dockerfile = 'FROM node:22-slim\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > .npmrc && npm ci\nUSER 10001\n';
  const compose = 'services:\n  api:\n    build:\n      context: .\n    ports:\n      - "127.0.0.1:3000:3000"\n';
  const files = { '/p/Dockerfile': dockerfile, '/p/compose.yaml': compose };
  const [f] = lintFile('/p/Dockerfile', dockerfile, { only: ['dockerfile/no-secrets-in-arg-env'], readFile: project(files) }).findings;
  const fix = f.fixes[0];
  assert.match(fix.title, /compose build\.secrets/);
  assert.equal(fix.files?.[0].path, '/p/compose.yaml');
  const updated = parse(applyEdits(compose, fix.files![0].edits));
  assert.deepEqual(updated.services.api.build, { context: '.', secrets: [fix.title.match(/id=([\w-]+)/)![1]] });
  assert.deepEqual(Object.values(updated.secrets), [{ environment: 'NPM_TOKEN' }]);
  assert.deepEqual(updated.services.api.ports, ['127.0.0.1:3000:3000'], 'the rest of the service is untouched');
});
