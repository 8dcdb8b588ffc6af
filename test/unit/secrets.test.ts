// The secret knowledge the Dockerfile rules and compose/no-literal-secrets share.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { isSecretName, nonSecretNameReason, isPlaceholderValue, nonSecretValueKind, isVariableReference, findSecretValues, urlPassword, credentialFileKind } from '../../server/src/engine/knowledge/secrets';
import { buildSecretId, buildSecretCliFlag } from '../../server/src/engine/dockerfile/build-secrets';
import { fixDockerfile } from '../../server/src/engine/lint';

test('secret names: words and qualifiers, with the allow-lists', () => {
  for (const n of ['DB_PASSWORD', 'POSTGRES_PASSWORD', 'dbPassword', 'GITHUB_TOKEN', 'NPM_AUTH_TOKEN', 'API_KEY', 'apiKey', 'APIKEY', 'AWS_SECRET_ACCESS_KEY',
    'AWS_ACCESS_KEY_ID', 'SSH_PRIVATE_KEY', 'CLIENT_SECRET', 'JWT_SECRET', 'SMTP_PASS', 'DB_PWD', 'NPM_AUTH', 'COMPOSER_AUTH', 'DJANGO_SECRET_KEY', 'GITHUB_PAT',
    'LICENSE_KEY', 'passphrase', 'REGISTRY_CREDENTIALS']) assert.ok(isSecretName(n), n);
  for (const n of ['PASSWORD_FILE', 'POSTGRES_PASSWORD_FILE', 'TOKEN_VERSION', 'SECRETS_DIR', 'API_KEY_PATH', 'AUTH_URL', 'AUTH_ENABLED', 'PUBLIC_KEY', 'GPG_KEY',
    'GPG_KEYS', 'KEY_FINGERPRINT', 'SIGNING_KEY_ID', 'PWD', 'OLDPWD', 'KEYBOARD', 'TOKENIZERS_PARALLELISM', 'PASSWORD_MIN_LENGTH', 'SSH_AUTH_SOCK', 'KEY',
    'SECRET_NAME', 'JWT_ISSUER', 'STRIPE_PUBLISHABLE_KEY', 'PASSWORD_HASH', 'BYPASS', 'CLIENT_ID', 'MONKEY']) assert.ok(!isSecretName(n), n);
  assert.match(nonSecretNameReason('DB_PASSWORD_FILE') ?? '', /file/);
  assert.equal(nonSecretNameReason('DB_PASSWORD'), null);
});

test('values: placeholders, paths, versions and flags are not credentials', () => {
  for (const v of ['', '""', 'changeme', 'CHANGE_ME', '<token>', '{{ token }}', 'xxxxxxxx', '***', 'your-api-key-here', 'TODO', 'example']) assert.ok(isPlaceholderValue(v), v);
  for (const v of ['hunter2', 'postgres', 's3cr3t-Pa55', 'ghp_abc']) assert.ok(!isPlaceholderValue(v), v);
  assert.equal(nonSecretValueKind('/run/secrets/db'), 'path');
  assert.equal(nonSecretValueKind('1.4.2'), 'version');
  assert.equal(nonSecretValueKind('true'), 'flag');
  assert.equal(nonSecretValueKind(''), 'empty');
  assert.equal(nonSecretValueKind('changeme'), 'placeholder');
  assert.equal(nonSecretValueKind('hunter2hunter2'), null);
  assert.ok(isVariableReference('${TOKEN}') && isVariableReference('$TOKEN') && !isVariableReference('a$TOKEN'));
});

test('provider formats are found with their offsets; examples and variables are not', () => {
  const gh = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
  const text = `token=${gh} url=https://u:Tr0ub4dor-3@host/x key=AKIAIOSFODNN7EXAMPLE other=https://u:\${PASS}@host`;
  const found = findSecretValues(text);
  assert.deepEqual(found.map(f => f.kind), ['github-token', 'url-password']);
  assert.equal(text.slice(found[0].start, found[0].end), gh);
  assert.equal(text.slice(found[1].start, found[1].end), 'Tr0ub4dor-3');
  assert.deepEqual(findSecretValues('-----BEGIN RSA PRIVATE KEY-----\nMIIE').map(f => f.kind), ['private-key']);
  assert.deepEqual(findSecretValues('-----BEGIN PUBLIC KEY-----').map(f => f.kind), []);
  assert.equal(urlPassword('postgres://app:s3cret@db:5432/app'), 's3cret');
  assert.equal(urlPassword('postgres://app:${DB_PASSWORD}@db/app'), null);
  assert.equal(urlPassword('https://example.com/a'), null);
});

test('credential file names', () => {
  for (const p of ['.env', 'config/.env.production', 'id_rsa', '/root/.ssh/id_ed25519', 'server.key', 'tls/server.pem', '.npmrc', '.aws/credentials', 'credentials.json', '.docker/config.json'])
    assert.ok(credentialFileKind(p), p);
  for (const p of ['.env.example', 'id_rsa.pub', 'ca.pem', 'fullchain.pem', '.ssh/known_hosts', 'config.json', 'keyboard.json', 'environment.ts'])
    assert.equal(credentialFileKind(p), null, p);
});

test('build secret ids and the docker build flag', () => {
  assert.equal(buildSecretId('GITHUB_TOKEN'), 'github_token');
  assert.equal(buildSecretCliFlag('NPM_TOKEN'), '--secret id=npm_token,env=NPM_TOKEN');
});

test('move to a build secret: a multi-variable ENV keeps its other variables; no fix when a value is read outside RUN', () => {
  const only = ['dockerfile/no-secrets-in-arg-env'];
  const multi = 'FROM alpine:3.20\nENV DB_HOST=db API_TOKEN=abc123def RETRIES=3\nRUN wget --header "X-Token: $API_TOKEN" https://x/y\n';
  assert.equal(fixDockerfile(multi, { only, unsafe: true }).text,
    'FROM alpine:3.20\nENV DB_HOST=db RETRIES=3\nRUN --mount=type=secret,id=api_token wget --header "X-Token: $(cat /run/secrets/api_token)" https://x/y\n');
  const outside = 'FROM alpine:3.20\nARG API_TOKEN\nENV COPY_OF=$API_TOKEN\nRUN echo $API_TOKEN\n';
  assert.equal(fixDockerfile(outside, { only, unsafe: true }).applied.length, 0);
  const runtime = 'FROM alpine:3.20\nENV DB_PASSWORD=hunter2hunter2\nCMD ["app"]\n';
  assert.equal(fixDockerfile(runtime, { only, unsafe: true }).applied.length, 0, 'a runtime secret is not a build secret');
});
