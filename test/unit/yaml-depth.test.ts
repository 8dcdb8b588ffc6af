// Flow collections nested thousands deep are refused before `yaml` parses them (the long fuzz run found a
// 1.4 MB compose file of `[` that took 34 s to parse); real files with brackets in values still parse.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { tooDeepAt, MAX_FLOW_DEPTH, TOO_DEEP_MESSAGE } from '../../server/src/engine/yaml-depth';
import { lintFile } from '../../server/src/engine/project';
import { loadPolicy } from '../../server/src/engine/policy';

test('yaml depth: brackets in quotes, comments and balanced flows do not count', () => {
  const many = (s: string) => s.repeat(MAX_FLOW_DEPTH + 5);
  assert.equal(tooDeepAt(`services:\n  a:\n    command: "${many('[')}"\n    # ${many('{')}\n    entrypoint: '${many('[')}'\n`), -1);
  assert.equal(tooDeepAt(`x: ${many('[]')}\n`), -1);
  const deep = `services:\n  a:\n    image: ${many('[')}\n`;
  assert.equal(tooDeepAt(deep), deep.indexOf('[') + MAX_FLOW_DEPTH);
  assert.ok(tooDeepAt(`x: ${many('{a: ')}`) > 0);
  assert.ok(TOO_DEEP_MESSAGE.includes(MAX_FLOW_DEPTH.toLocaleString('en')), 'the message names the limit');
});

test('yaml depth: a compose file nested past the limit gets one valid-yaml finding, at once', () => {
  const text = `services:\n  web:\n    image: ${'['.repeat(200_000)}\n    user: root\n`;
  const t = performance.now();
  const r = lintFile('/p/compose.yaml', text, {});
  assert.ok(performance.now() - t < 2000, `took ${performance.now() - t} ms`);
  assert.deepEqual(r.findings.map(f => [f.ruleId, f.range.start.line]), [['compose/valid-yaml', 2]]);
  assert.match(r.findings[0].message, /nested more than 1,000 levels/);
});

test('yaml depth: a policy file nested past the limit is an error at its place', () => {
  const text = `rules:\n  x: ${'{a: '.repeat(5000)}\n`;
  const { policy, errors } = loadPolicy('/p/.shipshape.yaml', () => text);
  assert.equal(policy, null);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].range.start.line, 1);
});
