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
const ALPHABET = ['a', ' ', '\\', '#', '$', '{', '}', '"', 'USER root', 'RUN sudo x', '\n', '<<EOF', 'EOF', '<<-"END"', '\tEND', 'RUN <<X\nls\nX'];

function edit(text: string): string {
  const lines = text.split('\n');
  const l = random(lines.length);
  switch (random(4)) {
    case 0: { const c = random(lines[l].length + 1); lines[l] = lines[l].slice(0, c) + ALPHABET[random(ALPHABET.length)] + lines[l].slice(c); break; }
    case 1: { const c = random(Math.max(1, lines[l].length)); lines[l] = lines[l].slice(0, c) + lines[l].slice(c + 1); break; }
    case 2: lines.splice(l, 0, ['RUN echo hi', '# note', '', 'USER 10001', 'RUN <<EOF', 'EOF', 'COPY <<A /a'][random(7)]); break;
    default: lines.splice(l, 1);
  }
  return lines.join('\n');
}

const summary = (text: string, cache?: DockerfileParseCache) =>
  JSON.stringify(lintDockerfile(text, { allRules: true, parseCache: cache }).findings.map(f => [f.ruleId, f.range, f.message, f.suppressed?.reason ?? null]));

test('incremental lint = whole lint over thousands of edits', () => {
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
