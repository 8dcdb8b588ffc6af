// Compose fixes never break the YAML: the edits keep lines and indentation as YAML reads them (a lone \r is
// not a line break to YAML, a `!tag` or `&anchor` before a key is where its map's indentation starts), and
// lintCompose drops any fix whose output has YAML errors the file has not (the safety net). Inputs from the
// fuzzer (seed 101: inputs 45112, 47295, 57491; hangs 40392, 2353).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { lintCompose, fixCompose, hardenService } from '../../server/src/engine/compose/lint';
import { parseErrorCount } from '../../server/src/engine/compose/document';
import { servicesBuilding } from '../../server/src/engine/compose/link';
import { getRule } from '../../server/src/engine/registry';
import { applyEdits } from '../../server/src/engine/edits';
import { ComposeRule } from '../../server/src/engine/rule';

const PATH = '/w/docker-compose.yml';
const errorsOf = (text: string) => parseDocument(text, { merge: false, prettyErrors: false, uniqueKeys: true, strict: true }).errors.length;

/** Every single fix, fixCompose --unsafe and hardenService of each service: none may add a YAML error. */
function assertFixesParse(text: string, options: Parameters<typeof lintCompose>[2] = {}): number {
  assert.equal(errorsOf(text), 0, 'the input parses');
  const { findings } = lintCompose(PATH, text, { allRules: true, ...options });
  let fixes = 0;
  for (const f of findings) {
    for (const fix of f.fixes) {
      fixes++;
      assert.equal(errorsOf(applyEdits(text, fix.edits)), 0, `${f.ruleId}: ${fix.title}`);
    }
  }
  const all = fixCompose(PATH, text, { allRules: true, unsafe: true, ...options });
  assert.equal(errorsOf(all.text), 0, 'fixCompose --unsafe');
  for (const s of new Set(findings.map(f => f.subject).filter((s): s is string => !!s))) {
    assert.equal(errorsOf(hardenService(PATH, text, s, options).text), 0, `hardenService ${s}`);
  }
  return fixes;
}

test('compose fixes: a line after a lone \\r gets its own line break (YAML reads \\r as part of the line)', () => {
  const text = 'services:\r\n  app:\n    build: ./\r\n    image: app\r   ';
  const readFile = (p: string) => (/Dockerfile$/.test(p) ? 'FROM alpine:3.19\nCMD ["sh"]\n' : undefined);
  assert.ok(assertFixesParse(text, { readFile }) > 0);
  const user = lintCompose(PATH, text, { allRules: true, readFile }).findings.find(f => f.ruleId === 'compose/require-non-root-user');
  assert.ok(user?.fixes.length, 'the non-root user fix is still offered');
  assert.match(applyEdits(text, user.fixes[0].edits), /image: app\r\n {4}user: /);
});

test('compose fixes: a file ending in a lone \\r', () => {
  const text = 'services:\r\n  base:\r\n    image: ghcr.io/acme/app:3.2\r\n    deploy:\r\n      resources:\r\n        reservations:\r\n          memory: 64M\r';
  assertFixesParse(text);
  const fixed = fixCompose(PATH, text, { allRules: true, unsafe: true });
  assert.ok(fixed.applied.some(a => a.ruleId === 'compose/require-memory-limit'));
});

test('compose fixes: a key written with a tag or an anchor before it indents its map from the tag', () => {
  assertFixesParse('services:\n 0app:*    deploy:\n  !   resources:\u001a        limits:\n          meMory: 256M\n');
  assertFixesParse('services:\n  app:\n    !!str image: nginx:1.27\n    ports:\n      - "127.0.0.1:80:80"\n');
  assertFixesParse('services:\n  app:\n    &img image: nginx:1.27\n    deploy:\n      resources: {}\n');
  const fixed = fixCompose(PATH, 'services:\n  app:\n    !!str image: nginx:1.27\n', { allRules: true, unsafe: true });
  assert.match(fixed.text, /\n {4}read_only: true\n/);
});

test('compose fixes: a fix whose output does not parse is not offered (the safety net)', () => {
  const text = 'services:\n  app:\n    image: nginx:1.27\n';
  const rule = getRule('compose/require-pids-limit') as ComposeRule;
  const check = rule.check;
  const fixesOf = () => lintCompose(PATH, text, { allRules: true }).findings.find(f => f.ruleId === rule.id)!.fixes;
  assert.equal(fixesOf().length, 1);
  try {
    rule.check = ctx => check({ ...ctx, report: r => ctx.report({ ...r, fixes: () => [
      { title: 'breaks the file', safety: rule.fix!.safety, edits: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '   pids_limit: [\n' }] },
      { title: 'keeps it', safety: rule.fix!.safety, edits: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: '    pids_limit: 100\n' }] },
    ] }) });
    assert.deepEqual(fixesOf().map(f => f.title), ['keeps it']);
    assert.equal(fixCompose(PATH, text, { allRules: true, unsafe: true }).text.includes('pids_limit: ['), false);
    // the CLI's lint only lists fixes: verifyFixes: false lists them unchecked; fixing still checks them
    const listed = lintCompose(PATH, text, { allRules: true, verifyFixes: false }).findings.find(f => f.ruleId === rule.id)!.fixes;
    assert.deepEqual(listed.map(f => f.title), ['breaks the file', 'keeps it']);
  } finally {
    rule.check = check;
  }
});

test('compose fixes: a file with YAML errors gets no fixes and no fix passes', () => {
  const text = 'services:\n  app:\n    image: nginx:1.27\n    image: nginx:1.28\n';
  assert.ok(errorsOf(text) > 0);
  const { findings } = lintCompose(PATH, text, { allRules: true });
  assert.ok(findings.length > 0);
  assert.equal(findings.flatMap(f => f.fixes).length, 0);
  const fixed = fixCompose(PATH, text, { allRules: true, unsafe: true });
  assert.equal(fixed.text, text);
  assert.equal(fixed.applied.length, 0);
  assert.equal(hardenService(PATH, text, 'app').text, text);
});

test('compose: a merge-key bomb converts each merged map once (lint and fixes stay fast)', () => {
  const lines = ['x-m0: &m0 {a: 1, b: 2}'];
  for (let i = 1; i <= 22; i++) lines.push(`x-m${i}: &m${i} {<<: [*m${i - 1}, *m${i - 1}, *m${i - 1}, *m${i - 1}], k${i}: *m${i - 1}}`);
  const text = [...lines, 'services:', '  service1:', '    <<: *m22', '    image: notareal/image:latest', '    ports:', '      - 8080:8080', ''].join('\n');
  const t = performance.now();
  const { findings } = lintCompose(PATH, text, { allRules: true });
  fixCompose(PATH, text, { allRules: true, unsafe: true });
  const ms = performance.now() - t;
  assert.ok(findings.some(f => f.ruleId === 'compose/no-latest-tag'));
  assert.ok(ms < 5000, `lint + fix took ${ms.toFixed(0)} ms`);
});

test('compose link: the same compose text under several names is parsed once per lookup, each keeps its path', () => {
  const compose = 'services:\n  web:\n    build: .\n    user: "10001"\n';
  const read: string[] = [];
  const found = servicesBuilding('/p/a/b/Dockerfile', p => { read.push(p); return /\.ya?ml$/.test(p) ? compose : undefined; });
  // the compose files in /p/a/b build /p/a/b/Dockerfile; the ones above build their own folders' Dockerfiles
  assert.deepEqual([...new Set(found.map(s => s.composePath))], ['/p/a/b/compose.yaml', '/p/a/b/compose.yml', '/p/a/b/docker-compose.yml', '/p/a/b/docker-compose.yaml']);
  assert.ok(found.every(s => s.name === 'web' && s.user === '10001'));
});

test('compose fixes: the parse check of the edited blocks alone agrees with parsing the whole output', () => {
  // top-level keys around services, an anchor and an alias, nested mappings, block sequences (of scalars and
  // of mappings), a comment between blocks, and no line break at the end; LF and CRLF
  const lines = [
    'x-logging: &log', '  driver: json-file', 'services:', '  api:', '    image: ghcr.io/acme/api:1.2', '    logging: *log',
    '    environment:', '      - MODE=prod', '      - LEVEL=info', '    deploy:', '      resources:', '        limits:', '          cpus: "1.0"',
    '  web:', '    image: nginx:1.27', '    ports:', '      - "127.0.0.1:80:80"', '      - target: 443', '        published: 443',
    '  worker:', '    image: ghcr.io/acme/worker:1.2', '    cap_add:', '    - NET_ADMIN', '    - SYS_TIME', '    healthcheck:', '    read_only: ', '',
    '# shared networks', 'networks:', '  backend: {}', 'secrets:', '  db:', '    file: ./db.txt',
  ];
  const snippets = [
    '    read_only: true\n', '      - MODE=dev\n', '    pids_limit: [\n', '  extra_net: {}\n', 'secrets:\n  more:\n    file: ./m.txt\n',
    'networks:\n', 'volumes:\n  data: {}\n', '    user: "10001"\n', '  - broken\n', '      resources: {}\n', '  api2:\n    image: x\n',
    '\tbad: tab\n', '# a comment\n', '    secrets:\n      - db\n', 'x-logging: {}\n', '   odd: indent\n', 'services:\n',
    '        memory: 1G\n', '          memory: 1G\n', '    - CHOWN\n', '        - x\n', '      - "8080"\n', '        protocol: tcp\n',
    '      limits:\n        pids: 10\n', '    image: again\n', '      ? complex\n', '    healthcheck:\n      test: ["CMD", "true"]\n',
  ];
  const tokens = ['', 'x', ': ', '- ', '  ', '{', "'", '"', '\n', '\n  ', '\n      - y', ' #', '&a ', '*log', '|\n', '200', 'true', ' 1'];
  const rule = getRule('compose/require-pids-limit') as ComposeRule;
  const check = rule.check;
  let seed = 11;
  const random = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  for (const eol of ['\n', '\r\n']) {
    const text = lines.join(eol);
    const rows = text.split('\n');
    const pos = (line: number, character: number) => ({ line, character });
    const candidates = Array.from({ length: 400 }, (_, i) => {
      const kind = random(4);
      let edits;
      if (kind === 0) {
        // 1–3 insertions at line starts (the end of the file included), each snippet once: fixes write each key once
        const picked = new Set<number>();
        const n = 1 + random(3);
        while (picked.size < n) picked.add(random(snippets.length));
        const at = new Set<number>();
        while (at.size < picked.size) at.add(random(rows.length + 1));
        const where = [...at];
        edits = [...picked].map((sn, j) => {
          const line = where[j];
          const body = snippets[sn].replace(/\n/g, eol);
          const end = line >= rows.length;
          const p = end ? pos(rows.length - 1, rows[rows.length - 1].length) : pos(line, 0);
          return { range: { start: p, end: p }, newText: end ? eol + body : body };
        });
      } else if (kind === 1) {
        // a change within a line, or across a line break
        const line = random(rows.length);
        const row = rows[line].replace(/\r$/, '');
        const from = random(row.length + 1);
        const to = Math.min(row.length, from + random(6));
        const end = random(5) === 0 && line + 1 < rows.length ? pos(line + 1, random(3)) : pos(line, to);
        edits = [{ range: { start: pos(line, from), end }, newText: tokens[random(tokens.length)].replace(/\n/g, eol) }];
      } else if (kind === 2) {
        // two insertions at one point (they apply in the order given), often at a line's end
        const line = random(rows.length);
        const row = rows[line].replace(/\r$/, '');
        const p = pos(line, random(2) ? row.length : random(row.length + 1));
        const pick = () => (random(2) ? tokens[random(tokens.length)] : snippets[random(snippets.length)]).replace(/\n/g, eol);
        edits = [{ range: { start: p, end: p }, newText: pick() }, { range: { start: p, end: p }, newText: pick() }];
      } else {
        // one or two whole lines removed
        const line = random(rows.length - 1);
        edits = [{ range: { start: pos(line, 0), end: pos(Math.min(rows.length - 1, line + 1 + random(2)), 0) }, newText: '' }];
      }
      return { title: `candidate ${i}`, safety: rule.fix!.safety, edits };
    });
    try {
      rule.check = ctx => check({ ...ctx, report: r => ctx.report({ ...r, fixes: () => candidates }) });
      const offered = new Set(lintCompose(PATH, text, { allRules: true }).findings.filter(f => f.ruleId === rule.id).flatMap(f => f.fixes.map(x => x.title)));
      const whole = new Set(candidates.filter(c => parseErrorCount(applyEdits(text, c.edits)) === 0).map(c => c.title));
      assert.ok(whole.size > 25 && whole.size < 375, `a mix of good and bad candidates (${whole.size} good)`);
      const wrong = candidates.filter(c => offered.has(c.title) !== whole.has(c.title)).map(c => `${offered.has(c.title) ? 'offered' : 'dropped'}: ${JSON.stringify(c.edits)}`);
      assert.deepEqual(wrong, [], `line ends ${JSON.stringify(eol)}`);
    } finally {
      rule.check = check;
    }
  }
});
