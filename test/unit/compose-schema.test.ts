// compose/valid-schema: the schema and validator versions named in its docs are the installed ones, the
// validation follows Compose's reading of YAML (anchors, merge keys), survives hostile input, and never
// stops the other rules.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './helpers';
import { lintCompose } from '../../server/src/engine/compose/lint';
import { parseComposeFile } from '../../server/src/engine/compose/document';
import { validateComposeSchema, SCHEMA_SOURCE, dottedPath } from '../../server/src/engine/compose/schema';
import { getRule } from '../../server/src/engine/registry';

const versionOf = (pkg: string) => (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

test('the schema package and ajv versions in the docs are the installed ones', () => {
  assert.equal(versionOf(SCHEMA_SOURCE.package), SCHEMA_SOURCE.version);
  assert.equal(versionOf('ajv'), SCHEMA_SOURCE.ajv);
  const docs = JSON.stringify(getRule('compose/valid-schema')?.docs);
  assert.match(docs, new RegExp(`${SCHEMA_SOURCE.package}@${SCHEMA_SOURCE.version.replace(/\./g, '\\.')}`));
  assert.match(docs, new RegExp(`ajv ${SCHEMA_SOURCE.ajv.replace(/\./g, '\\.')}`));
});

test('merge keys and anchors are applied before validation; errors land on the node that brought them', () => {
  const text = 'x-a: &a\n  restart: always\n  bogus: 1\nservices:\n  web:\n    <<: *a\n    image: nginx:1.27\n';
  const problems = validateComposeSchema(parseComposeFile('/p/compose.yaml', text));
  assert.deepEqual(problems.map(p => [p.range.start.line, p.pointer]), [[2, '/services/web/bogus']]);
});

test('an alias bomb and a file that is not YAML yield no schema errors and no crash', () => {
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`), 'services: {}'].join('\n');
  const started = Date.now();
  assert.deepEqual(validateComposeSchema(parseComposeFile('/p/compose.yaml', bomb)), []);
  assert.ok(Date.now() - started < 2000, 'bounded');
  assert.deepEqual(validateComposeSchema(parseComposeFile('/p/compose.yaml', 'services:\n  web: [\n')), []);
});

test('a schema error does not stop the other rules', () => {
  const text = 'services:\n  web:\n    image: nginx:latest\n    privileged: true\n    read_onyl: true\n';
  const ids = new Set(lintCompose('/p/compose.yaml', text).findings.map(f => f.ruleId));
  for (const id of ['compose/valid-schema', 'compose/no-privileged', 'compose/no-latest-tag']) assert.ok(ids.has(id), id);
});

test('JSON pointers read as dotted paths', () => {
  assert.equal(dottedPath('/services/web/ports/0'), 'services.web.ports[0]');
  assert.equal(dottedPath('/services/a~1b'), 'services.a/b');
  assert.equal(dottedPath(''), 'the file');
});
