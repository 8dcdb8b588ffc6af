// Compose fixture tests, as for Dockerfiles: test/fixtures/compose/<rule>/**/*.y(a)ml. A file with
// `# expect:` markers is a case (`# expect: <id>` marks the next key line; `# expect: none` means clean);
// a file without markers is a helper (an extends base, a Dockerfile's neighbour). Cases are linted with
// their folder readable, so extends, override files and Dockerfiles resolve. `.fixed.yaml` files are the
// exact result of the rule's fixes; a fixed file must still parse and lose the finding.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { ROOT } from './helpers';
import { lintCompose, fixCompose } from '../../server/src/engine/compose/lint';
import { RULES } from '../../server/src/engine/registry';

const DIR = path.join(ROOT, 'test', 'fixtures', 'compose');
const readFile = (p: string) => { try { return fs.readFileSync(p, 'utf8'); } catch { return undefined; } };

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))
    .flatMap(e => e.isDirectory() ? walk(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) && !/\.fixed\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []);
}

function markers(text: string) {
  const lines = text.split('\n');
  const expected: string[] = [];
  let none = false;
  lines.forEach((l, i) => {
    const m = /^\s*#\s*expect:\s*(.+?)\s*$/.exec(l);
    if (!m) return;
    if (m[1] === 'none') { none = true; return; }
    let j = i + 1;
    while (j < lines.length && (/^\s*#/.test(lines[j]) || lines[j].trim() === '')) j++;
    for (const id of m[1].split(',')) expected.push(`${id.trim()}@${j + 1}`);
  });
  return { expected, none };
}

const cases = fs.existsSync(DIR) ? fs.readdirSync(DIR).sort().flatMap(rule => walk(path.join(DIR, rule)).map(file => ({ ruleId: `compose/${rule}`, file }))) : [];

for (const { ruleId, file } of cases) {
  const text = fs.readFileSync(file, 'utf8');
  const { expected, none } = markers(text);
  if (!none && expected.length === 0) continue; // helper file
  const name = `${ruleId}: ${path.relative(path.join(DIR, ruleId.slice(8)), file)}`;
  // `# trusted-registries: a, b` → LintOptions.trustedRegistries, as in the Dockerfile fixtures
  const trusted = /^\s*#\s*trusted-registries:\s*(.*)$/m.exec(text)?.[1].split(',').map(x => x.trim()).filter(Boolean);
  const options = { only: [ruleId], readFile, ...(trusted ? { trustedRegistries: trusted } : {}) };

  test(`${name} reports exactly its markers`, () => {
    const got = lintCompose(file, text, options).findings.filter(f => !f.suppressed).map(f => `${f.ruleId}@${f.range.start.line + 1}`).sort();
    assert.deepEqual(got, expected.sort());
  });

  const fixedFile = file.replace(/\.(ya?ml)$/, '.fixed.$1');
  if (fs.existsSync(fixedFile)) {
    test(`${name} is fixed as .fixed says, and the fix holds`, () => {
      const result = fixCompose(file, text, { ...options, unsafe: true });
      assert.equal(result.text, fs.readFileSync(fixedFile, 'utf8'));
      assert.deepEqual(parseDocument(result.text).errors.map(e => e.message), [], 'the fixed file parses');
      const after = lintCompose(file, result.text, { allRules: true, readFile }).findings;
      assert.deepEqual(after.filter(f => f.ruleId === ruleId && !f.suppressed).map(f => f.message), [], 'the fixed finding is gone');
      const before = new Set(lintCompose(file, text, { allRules: true, readFile }).findings.filter(f => f.severity === 'error').map(f => f.ruleId));
      assert.deepEqual(after.filter(f => f.severity === 'error' && !before.has(f.ruleId)).map(f => f.message), [], 'no new error');
    });
  }
}

test('every compose rule has invalid and valid fixtures, and a fixable rule a .fixed one', () => {
  for (const rule of RULES.filter(r => r.target === 'compose')) {
    const own = cases.filter(c => c.ruleId === rule.id).map(c => ({ ...c, ...markers(fs.readFileSync(c.file, 'utf8')) }));
    assert.ok(own.some(c => c.expected.length > 0), `${rule.id} has no invalid fixture`);
    assert.ok(own.some(c => c.none), `${rule.id} has no valid fixture`);
    if (rule.fix) assert.ok(own.some(c => fs.existsSync(c.file.replace(/\.(ya?ml)$/, '.fixed.$1'))), `${rule.id} offers a fix but has no .fixed fixture`);
  }
});
