// SARIF output validates against the SARIF 2.1.0 JSON schema (the OASIS rtm.5 schema, as shipped in
// @microsoft/jest-sarif), carries suppression reasons from our and the peers' comments, and fixes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { ROOT } from './helpers';

const SCHEMA = path.join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

function sarifOf(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-sarif-'));
  for (const [name, text] of Object.entries(files)) { fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true }); fs.writeFileSync(path.join(dir, name), text); }
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'lint', '--format', 'sarif', '.'], { cwd: dir, encoding: 'utf8' });
  return JSON.parse(r.stdout);
}

const FILES = {
  'api/Dockerfile': '# checkov:skip=CKV_DOCKER_3:runs as nobody via the entrypoint\nFROM debian:bookworm-slim\n# hadolint ignore=DL3004\nRUN sudo apt-get update\n',
  'Dockerfile': 'FROM debian:bookworm-slim\nRUN groupadd -g 10001 app && useradd -u 10001 -g app app\nUSER root\n',
  'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
};

test('SARIF validates against the SARIF 2.1.0 schema', () => {
  // the schema's language pattern is not valid in JavaScript's unicode mode
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')));
  const sarif = sarifOf(FILES);
  const ok = validate(sarif);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  assert.ok(sarif.runs[0].results.length >= 3);
});

test('suppressed results keep the justification; fixes are SARIF fixes; rules carry OWASP tags and helpUri', () => {
  const sarif = sarifOf(FILES);
  const results = sarif.runs[0].results as Array<{ ruleId: string; suppressions?: Array<{ justification: string }>; fixes?: Array<{ artifactChanges: Array<{ replacements: unknown[] }> }>; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
  const user = results.find(r => r.ruleId === 'dockerfile/require-non-root-user' && r.locations[0].physicalLocation.artifactLocation.uri === 'api/Dockerfile')!;
  assert.equal(user.suppressions?.[0].justification, 'runs as nobody via the entrypoint');
  const sudo = results.find(r => r.ruleId === 'dockerfile/no-sudo')!;
  assert.equal(sudo.suppressions?.[0].justification, 'hadolint ignore');
  const root = results.find(r => r.ruleId === 'dockerfile/no-root-user')!;
  assert.ok(root.fixes?.[0].artifactChanges[0].replacements.length, 'the switch-user fix is a SARIF fix');
  const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'compose/no-privileged');
  assert.ok(rule.properties.tags.some((t: string) => t.startsWith('OWASP-D01')));
  assert.match(rule.helpUri, /compose\/no-privileged\.md$/);
});
