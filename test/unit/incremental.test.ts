// Incremental parsing gives exactly what a whole parse gives: every fixture and KICS sample is edited
// many times (characters typed and deleted, lines added and removed) and each version is linted both ways.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './helpers';
import { lintDockerfile } from '../../server/src/engine/lint';
import { DockerfileParseCache } from '../../server/src/engine/dockerfile/incremental';

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory() ? files(path.join(dir, e.name)) : /(\.dockerfile|Dockerfile)$/i.test(e.name) ? [path.join(dir, e.name)] : []);
}

let seed = 42;
const random = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
const ALPHABET = ['a', ' ', '\\', '#', '$', '{', '}', '"', 'USER root', 'RUN sudo x', '\n', '<<EOF', 'EOF', '<<-"END"', '\tEND', 'RUN <<X\nls\nX',
  // stage-level edits: a new stage, a stage name, a reference to a stage, a global ARG, a secret in a comment
  'FROM alpine AS b\n', ' AS build', '--from=0 ', '--from=build ', 'ARG X=1\n', '# password=hunter2hunter2\n'];

function edit(text: string): string {
  const lines = text.split('\n');
  const l = random(lines.length);
  switch (random(4)) {
    case 0: { const c = random(lines[l].length + 1); lines[l] = lines[l].slice(0, c) + ALPHABET[random(ALPHABET.length)] + lines[l].slice(c); break; }
    case 1: { const c = random(Math.max(1, lines[l].length)); lines[l] = lines[l].slice(0, c) + lines[l].slice(c + 1); break; }
    case 2: lines.splice(l, 0, ['RUN echo hi', '# note', '', 'USER 10001', 'RUN <<EOF', 'EOF', 'COPY <<A /a', 'FROM debian:12 AS x', 'COPY --from=x / /', '   '][random(10)]); break;
    default: lines.splice(l, 1);
  }
  return lines.join('\n');
}

// findings and their fixes (built, so a fix made from a kept finding is checked too)
const summary = (text: string, cache?: DockerfileParseCache) =>
  JSON.stringify(lintDockerfile(text, { allRules: true, parseCache: cache }).findings.map(f => [f.ruleId, f.severity, f.range, f.message, f.suppressed?.reason ?? null, f.fixes.map(x => [x.title, x.safety, x.edits, x.files ?? null])]));

test('incremental lint (parse and per-stage results kept) = whole lint over thousands of edits', () => {
  const inputs = [...files(path.join(ROOT, 'test', 'fixtures', 'dockerfile')), ...files(path.resolve(ROOT, '..', 'shared', 'corpus', 'kics', 'dockerfile'))];
  assert.ok(inputs.length > 50);
  let versions = 0, reusedSome = 0;
  for (const file of inputs) {
    const cache = new DockerfileParseCache();
    let text = fs.readFileSync(file, 'utf8');
    for (let i = 0; i < 12; i++) {
      assert.equal(summary(text, cache), summary(text), `${path.basename(file)} after ${i} edits:\n${text}`);
      if (!cache.last.whole && cache.last.reused > 0) reusedSome++;
      versions++;
      text = edit(text);
    }
  }
  assert.ok(reusedSome > versions / 3, `the cache was used for ${reusedSome} of ${versions} versions`);
});

test('heredocs: RUN, COPY and ONBUILD bodies, <<- with tabs, several per line, quoted words', () => {
  let text = 'FROM debian:12\nRUN <<EOF cat > /x && <<-"END" sh\nhello\nEOF\n\tgo\n\tEND\nUSER root\nCOPY <<A /a\nbody\nA\nonbuild run <<X\nq\nX\nLABEL a=<<b\nRUN sudo ls\n';
  const cache = new DockerfileParseCache();
  for (let i = 0; i < 300; i++) {
    assert.equal(summary(text, cache), summary(text), text);
    text = edit(text);
  }
});

test('a keystroke in a large file re-parses one block', () => {
  const lines = ['FROM debian:bookworm-slim'];
  for (let i = 0; i < 2000; i++) lines.push(i % 3 ? `COPY a${i} /a${i}` : `RUN apt-get install -y p${i} \\\n  && rm -rf /var/lib/apt/lists/*`);
  const text = lines.join('\n') + '\n';
  const cache = new DockerfileParseCache();
  lintDockerfile(text, { parseCache: cache });
  const typed = text.replace('COPY a500 ', 'COPY a5000 ');
  assert.equal(summary(typed, cache), summary(typed));
  assert.deepEqual([cache.last.whole, cache.last.parsed], [false, 1]);
});

test('a keystroke in one stage re-runs the stage rules on that stage only, and keeps the others', () => {
  const stages: string[] = [];
  for (let k = 0; k < 30; k++) stages.push(`FROM debian:bookworm AS s${k}\nRUN apt-get install -y curl${k}\nRUN curl https://x/${k} | sh\nUSER ${k % 2 ? 'root' : '10001'}`);
  const text = stages.join('\n') + '\n';
  const cache = new DockerfileParseCache();
  const first = lintDockerfile(text, { parseCache: cache });
  const typed = text.replace('curl https://x/15 ', 'curl https://x/15x ');
  const second = lintDockerfile(typed, { parseCache: cache });
  const kept = second.model!.stages.filter((s, k) => s === first.model!.stages[k]).length;
  assert.equal(kept, 29, 'every stage but the edited one is the same object');
  // the findings of untouched stages are the same objects (not made again); the edited stage's are new
  const before = new Set(first.findings);
  const line15 = typed.split('\n').findIndex(l => l.includes('x/15x'));
  for (const f of second.findings) {
    const inEdited = f.range.start.line >= line15 - 2 && f.range.start.line <= line15 + 1;
    if (f.ruleId === 'dockerfile/no-pipe-to-shell') assert.equal(before.has(f), !inEdited, `${f.ruleId} line ${f.range.start.line}`);
  }
  assert.equal(summary(typed, cache), summary(typed));
});
