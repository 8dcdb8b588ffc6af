// Fixture tests: every marker is found and nothing unmarked is reported (the rule under test only);
// `.fixed` files are the exact result of the rule's fixes, and after a fix the finding is gone, no new
// error appears from any rule and the file still parses.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { loadFixtures } from './helpers';
import { lintDockerfile, fixDockerfile } from '../../server/src/engine/lint';
import { RULES } from '../../server/src/engine/registry';

const fixtures = loadFixtures();

for (const fx of fixtures) {
  const name = `${fx.ruleId}: ${path.basename(fx.file)}`;
  const options = { only: [fx.ruleId], target: fx.target, buildArgs: fx.buildArgs, dockerignore: fx.dockerignore, trustedRegistries: fx.trustedRegistries };

  test(`${name} reports exactly its markers`, () => {
    const { findings, model } = lintDockerfile(fx.text, options);
    // a finding belongs to the instruction whose lines contain its start
    const instructionLine = (line: number) => model?.instructions.find(i => i.getRange().start.line <= line && line <= i.getRange().end.line)?.getRange().start.line ?? line;
    const got = findings.filter(f => !f.suppressed).map(f => `${f.ruleId}@${instructionLine(f.range.start.line) + 1}`).sort();
    const want = fx.expected.map(e => `${e.ruleId}@${e.line + 1}`).sort();
    assert.ok(fx.expectNone || want.length > 0, 'a fixture needs `# expect: none` or at least one `# expect: <id>` marker');
    assert.deepEqual(got, want);
  });

  if (fx.fixed !== undefined) {
    test(`${name} is fixed as .fixed says, and the fix holds`, () => {
      const result = fixDockerfile(fx.text, { ...options, unsafe: true });
      assert.equal(result.text, fx.fixed);
      const before = lintDockerfile(fx.text, { allRules: true, target: fx.target, buildArgs: fx.buildArgs }).findings;
      const after = lintDockerfile(result.text, { allRules: true, target: fx.target, buildArgs: fx.buildArgs }).findings;
      assert.deepEqual(after.filter(f => f.ruleId === fx.ruleId).map(f => f.message), [], 'the fixed finding is gone');
      assert.deepEqual(after.filter(f => f.ruleId === 'dockerfile/syntax').map(f => f.message), [], 'the fixed file parses');
      const errorsBefore = new Set(before.filter(f => f.severity === 'error').map(f => f.ruleId));
      const newErrors = after.filter(f => f.severity === 'error' && !errorsBefore.has(f.ruleId));
      assert.deepEqual(newErrors.map(f => `${f.ruleId}: ${f.message}`), [], 'no new error-severity finding');
      assert.ok(!/--link\b/.test(result.text) || /--link\b/.test(fx.text), 'no COPY --link (Debian 12 engines reject it)');
      assert.ok(!/<<-?["']?[A-Za-z]/.test(result.text) || /<<-?["']?[A-Za-z]/.test(fx.text), 'no heredoc introduced');
    });
  }
}

test('every rule has invalid and valid fixtures, and a fixable rule has a .fixed fixture', () => {
  for (const rule of RULES.filter(r => r.target === 'dockerfile' && r.id.startsWith('dockerfile/'))) {
    const own = fixtures.filter(f => f.ruleId === rule.id);
    assert.ok(own.some(f => f.expected.length > 0), `${rule.id} has no invalid fixture`);
    assert.ok(own.some(f => f.expectNone), `${rule.id} has no valid fixture`);
    if (rule.fix) assert.ok(own.some(f => f.fixed !== undefined || f.fixedDockerignore !== undefined), `${rule.id} offers a fix but has no .fixed fixture`);
  }
});
