// Peers' labelled samples (../shared/corpus/kics): for every KICS Dockerfile query whose mapped
// Shipshape rules exist, positives must be found on their expected lines and negatives stay clean.
// Prints recall and precision per rule (every sample scored). A miss fails the test unless it is a
// documented, deliberate disagreement with KICS (explained in the rule's docs too).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './helpers';
import { lintDockerfile } from '../../server/src/engine/lint';
import { getRule } from '../../server/src/engine/registry';

const KICS = path.resolve(ROOT, '..', 'shared', 'corpus', 'kics');

/** sample → why Shipshape disagrees with KICS on purpose */
const DELIBERATE: Record<string, string> = {
  'missing_user_instruction/negative.dockerfile':
    'its final stage is FROM scratch with no USER, which runs as uid 0: KICS skips scratch, Shipshape reports it',
};

interface Score { tp: number; fn: number; fp: number; misses: string[]; details: string[] }

function scoreDockerfileQueries(): Map<string, Score> {
  const rows = fs.readFileSync(path.join(KICS, 'MAPPING.tsv'), 'utf8').trim().split('\n').slice(1).map(l => l.split('\t'));
  const scores = new Map<string, Score>();
  for (const [kind, query, rulesCell] of rows) {
    if (kind !== 'dockerfile') continue;
    const rules = rulesCell.split(/[,\s]+/).filter(Boolean);
    if (!rules.every(r => getRule(r))) continue; // not built yet
    const key = rules.join(',');
    const s = scores.get(key) ?? { tp: 0, fn: 0, fp: 0, misses: [], details: [] };
    scores.set(key, s);
    const dir = path.join(KICS, 'dockerfile', query);
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Array<{ line: number; fileName?: string; filename?: string }>;
    for (const file of fs.readdirSync(dir).filter(f => /^(positive|negative)/.test(f)).sort()) {
      const found = lintDockerfile(fs.readFileSync(path.join(dir, file), 'utf8'), { allRules: true }).findings
        .filter(f => rules.includes(f.ruleId) && !f.suppressed).map(f => f.range.start.line + 1);
      if (file.startsWith('negative')) {
        s.fp += found.length;
        if (found.length) s.misses.push(`${query}/${file}`);
        if (found.length) s.details.push(`${query}/${file}: reported on line(s) ${found.join(', ')} (KICS: clean)`);
        continue;
      }
      const lines = expected.filter(e => (e.fileName ?? e.filename ?? 'positive.dockerfile') === file).map(e => e.line);
      for (const line of lines) {
        if (found.includes(line)) s.tp++;
        else { s.fn++; s.misses.push(`${query}/${file}`); s.details.push(`${query}/${file}: missed line ${line} (found ${found.join(', ') || 'nothing'})`); }
      }
      s.fp += found.filter(l => !lines.includes(l)).length;
    }
  }
  return scores;
}

test('KICS Dockerfile samples for the built rules: found where KICS expects, clean where it does', t => {
  if (!fs.existsSync(path.join(KICS, 'MAPPING.tsv'))) {
    process.stderr.write(`\n*** SKIPPED: peer corpus not found at ${KICS} ***\n\n`);
    return t.skip(`SKIPPED: peer corpus not found at ${KICS}`);
  }
  const scores = scoreDockerfileQueries();
  assert.ok(scores.size > 0, 'no KICS query maps to a built rule');
  const unexplained: string[] = [];
  let tp = 0, fn = 0, fp = 0;
  for (const [rules, s] of scores) {
    tp += s.tp; fn += s.fn; fp += s.fp;
    const recall = s.tp / Math.max(1, s.tp + s.fn), precision = s.tp / Math.max(1, s.tp + s.fp);
    t.diagnostic(`${rules}: recall ${(recall * 100).toFixed(1)}% (${s.tp}/${s.tp + s.fn}), precision ${(precision * 100).toFixed(1)}% (${s.fp} false)`);
    for (const d of s.details) t.diagnostic(`  ${d}${DELIBERATE[d.split(':')[0]] ? ` — deliberate: ${DELIBERATE[d.split(':')[0]]}` : ''}`);
    unexplained.push(...s.misses.filter(m => !DELIBERATE[m]));
  }
  t.diagnostic(`all built rules: recall ${(100 * tp / Math.max(1, tp + fn)).toFixed(1)}%, precision ${(100 * tp / Math.max(1, tp + fp)).toFixed(1)}% over ${scores.size} rule group(s)`);
  assert.deepEqual(unexplained, []);
});
