// "Fix all <rule> problems in this file" is worked out on every code action request (each cursor move):
// it must build the fixes of the findings under the cursor and at most two more per rule, not every fix
// in the file (on a 500-service compose file, building and parse-checking them all took 5 s).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixRuleActions, fixAllTitle } from '../../server/src/lsp/fix-rule';
import { lazyFixes } from '../../server/src/engine/lint';
import { Finding } from '../../server/src/engine/types';

function findings(rules: string[], perRule: number, fixable: (i: number) => boolean) {
  const built: string[] = [];
  const list: Finding[] = [];
  for (const ruleId of rules) {
    for (let i = 0; i < perRule; i++) {
      const line = list.length;
      list.push(lazyFixes({ ruleId, severity: 'warning', message: 'm', range: { start: { line, character: 0 }, end: { line, character: 5 } } }, () => {
        built.push(`${ruleId}#${i}`);
        return fixable(i) ? [{ title: 'fix', safety: 'safe', edits: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: 'x' }] }] : [];
      }));
    }
  }
  return { list, built };
}

const at = (line: number) => ({ start: { line, character: 1 }, end: { line, character: 1 } });

test('fix all <rule>: offered with two fixable findings, building only the ones it needs', () => {
  const { list, built } = findings(['a/one', 'a/two'], 200, () => true);
  const actions = fixRuleActions('file:///x', { findings: list }, at(250), () => null, 1);
  assert.deepEqual(actions.map(a => a.title), [fixAllTitle('a/two')]);
  assert.equal(actions[0].diagnostics?.length, 200);
  // the finding under the cursor (line 250 = a/two #50), then the first two of its rule
  assert.deepEqual(built, ['a/two#50', 'a/two#0', 'a/two#1']);
});

test('fix all <rule>: not offered when one finding is fixable; findings elsewhere are not built', () => {
  const { list, built } = findings(['a/one', 'a/two'], 50, i => i === 7);
  assert.deepEqual(fixRuleActions('file:///x', { findings: list }, at(7), () => null, 1), []);
  // a/one's findings are all looked at (only one is fixable); a/two's are never built
  assert.ok(built.every(b => b.startsWith('a/one#')), built.join(', '));
});
