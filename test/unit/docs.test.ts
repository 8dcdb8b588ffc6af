// Docs meta-tests: each rule's docs examples behave as documented, the docs object is complete, and
// every face renders from it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { RULES } from '../../server/src/engine/registry';
import { lintFile } from '../../server/src/engine/project';
import { Rule } from '../../server/src/engine/rule';

const lintAs = (rule: Rule, text: string) =>
  lintFile(rule.target === 'compose' ? '/docs/compose.yaml' : '/docs/Dockerfile', text, { only: [rule.id], ...rule.docs.exampleOptions }).findings;
import { ruleMarkdown, hoverMarkdown, hoverPlainText, rulesTable } from '../../server/src/engine/docs';

for (const rule of RULES) {
  test(`${rule.id}: every invalid docs example yields exactly one finding of the rule`, () => {
    for (const example of rule.docs.invalid) {
      const found = lintAs(rule, example).filter(f => f.ruleId === rule.id);
      assert.equal(found.length, 1, `example:\n${example}\nfound: ${JSON.stringify(found.map(f => f.message))}`);
    }
  });

  test(`${rule.id}: every valid docs example yields none`, () => {
    for (const example of rule.docs.valid) {
      const found = lintAs(rule, example);
      assert.deepEqual(found.map(f => f.message), [], `example:\n${example}`);
    }
  });

  test(`${rule.id}: docs are complete and rendered everywhere`, () => {
    const d = rule.docs;
    assert.ok(d.summary && d.why && d.fix, 'summary, why and fix are written');
    assert.ok(d.invalid.length > 0 && d.valid.length > 0, 'has invalid and valid examples');
    if (rule.owasp.length) assert.match(d.references[0]?.title ?? '', /OWASP/, 'the OWASP item is the first reference');
    const page = ruleMarkdown(rule);
    assert.match(page, new RegExp(`^# ${rule.id}`));
    assert.match(page, /## Why/);
    const hover = hoverMarkdown(rule);
    for (const o of rule.owasp) {
      assert.match(hover, new RegExp(`OWASP ${o}`));
      assert.match(hoverPlainText(rule), new RegExp(`OWASP ${o}`));
    }
    assert.match(rulesTable(), new RegExp(rule.id.replace('/', '\\/')));
  });
}
