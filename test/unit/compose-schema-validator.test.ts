// The Compose schema's validator is generated ahead of time (scripts/gen-compose-validator.mjs): the
// checked-in module is current, and it reports exactly what ajv reports when it compiles the schema at
// run time with the same options.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { ROOT } from './helpers';
import { parseComposeFile } from '../../server/src/engine/compose/document';
import { toPlain } from '../../server/src/engine/compose/plain';
import { rawSchemaErrors, validateComposeSchema } from '../../server/src/engine/compose/schema';

test('the generated validator is current (else: node scripts/gen-compose-validator.mjs)', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'gen-compose-validator.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

/** Every compose file under test/fixtures, and variations that break the schema in the usual ways. */
function inputs(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(e.name)) out.push(fs.readFileSync(full, 'utf8'));
    }
  };
  walk(path.join(ROOT, 'test', 'fixtures'));
  // each fixture again with every third value wrapped in a list and every fifth key misspelt
  for (const text of [...out]) {
    let n = 0, k = 0;
    out.push(text.replace(/^(\s+)([\w.-]+): (\S.*)$/gm, (m, indent: string, key: string, value: string) => (++n % 3 ? m : `${indent}${key}: [${value}]`)));
    out.push(text.replace(/^(\s+)([\w.-]+):/gm, (m, indent: string, key: string) => (++k % 5 ? m : `${indent}${key}x:`)));
  }
  out.push(
    'services:\n  web:\n    image: nginx:1.27\n    read_onyl: true\n    ports: [{ target: web }]\n    deploy: { resources: { limits: { cpus: [1] } } }\n',
    'services:\n  web:\n    build: { context: ., args: 3 }\n    healthcheck: { test: 5, interval: true }\n    depends_on: { db: { condition: maybe } }\n',
    'x-a: &a\n  restart: sometimes\n  bogus: 1\nservices:\n  web:\n    <<: *a\n    image: [nginx]\n    volumes: [{ type: bind }, 3]\n    environment: [A=1, { B: 2 }]\n',
    'version: 3\nservices: []\nnetworks: { n: { driver: 1, ipam: { config: [{ subnet: 1 }] } } }\nvolumes: { "bad name!": {} }\nsecrets: { s: { file: 1 } }\n',
    'services:\n  web:\n    image: nginx\n    cap_add: [NET_ADMIN, NET_ADMIN]\n    ulimits: { nofile: { soft: a } }\n    logging: { driver: json-file, options: { max-size: [1] } }\n',
    'name: 3\ninclude: [{ path: 3 }]\nservices:\n  "web/x": { image: nginx }\n  api: { extends: { file: 3 } }\n',
  );
  return out;
}

test('the generated validator reports what ajv reports compiling the schema at run time', () => {
  // as the engine compiled it before the validator was generated; the generator also sets inlineRefs: false,
  // which changes nothing but the errors' schemaPath (relative to the definition that failed)
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'dclint', 'schemas', 'compose.schema.json'), 'utf8'));
  const runtime = new Ajv({ allErrors: true, strict: false, validateSchema: false, verbose: true }).compile(schema);
  const comparable = (errors: unknown[]) => JSON.parse(JSON.stringify(errors.map(e => ({ ...(e as object), schemaPath: undefined }))));
  let compared = 0, invalid = 0;
  for (const text of inputs()) {
    const file = parseComposeFile('/p/compose.yaml', text);
    const plain = toPlain(file);
    if (!plain) continue;
    compared++;
    const expected = runtime(plain.value) ? [] : [...(runtime.errors ?? [])];
    if (expected.length) invalid++;
    assert.deepEqual(comparable(rawSchemaErrors(file)), comparable(expected), text);
  }
  assert.ok(compared > 200 && invalid > 100, `${compared} documents, ${invalid} invalid`);
});

test('toPlain without sources gives the same value, and the problems are placed as before', () => {
  for (const text of inputs()) {
    const file = parseComposeFile('/p/compose.yaml', text);
    const full = toPlain(file);
    const bare = toPlain(file, false);
    assert.deepEqual(bare?.value, full?.value);
    assert.equal(bare?.sources.size ?? 0, 0);
  }
  const problems = validateComposeSchema(parseComposeFile('/p/compose.yaml', 'services:\n  web:\n    image: nginx:1.27\n    read_onyl: true\n'));
  assert.deepEqual(problems.map(p => [p.range.start.line, p.pointer, p.message]), [[3, '/services/web/read_onyl', "'read_onyl' is not allowed in services.web (did you mean 'read_only'?)."]]);
});
