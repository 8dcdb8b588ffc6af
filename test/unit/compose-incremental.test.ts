// The editor's compose cache gives exactly what a whole lint gives: every compose fixture, KICS sample and
// a generated file with anchors, merges and extends is edited many times (characters typed and deleted,
// lines added, removed and duplicated, anchors and aliases written) and each version is parsed and linted
// both ways: with ComposeLintCache (one block re-parsed, the schema re-checked for one service) and afresh.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import { ROOT } from './helpers';
import { lintCompose, ComposeLintCache } from '../../server/src/engine/compose/lint';
import { parseComposeFile, ComposeFile, deref } from '../../server/src/engine/compose/document';
import { ComposeParseCache } from '../../server/src/engine/compose/parse-cache';

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory() ? files(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []);
}

let seed = 6;
const random = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };

/** A compose file like the benchmark's: x- anchors merged with `<<`, same-file extends, both syntaxes, the usual mistakes. */
function generated(services: number): string {
  const out = [
    'name: gen', '', 'x-logging: &logging', '  driver: json-file', '  options:', '    max-size: "10m"', '',
    'x-defaults: &defaults', '  restart: unless-stopped', '  logging: *logging', '  environment: &env', '    TZ: UTC', '  networks:', '    - backend', '',
    'x-limits: &limits', '  deploy:', '    resources:', '      limits:', '        memory: 256M', '', 'services:',
    '  base:', '    image: ghcr.io/acme/base:1.4.2', '    read_only: true', '    cap_drop: [ALL]',
  ];
  for (let i = 1; i < services; i++) {
    const name = `svc-${i}`;
    out.push(`  ${name}:`);
    if (i % 3 === 0) out.push('    <<: [*defaults, *limits]');
    else if (i % 3 === 1) out.push('    <<: *defaults');
    if (i % 5 === 0) out.push('    extends:', '      service: base');
    out.push(`    image: ${i % 4 ? `ghcr.io/acme/${name}:1.${i}` : 'nginx:latest'}`);
    if (i % 2) out.push('    environment:', '      - LOG_LEVEL=warn', `      - DB_PASSWORD=${i % 4 === 1 ? 'hunter2' : '${DB_PASSWORD}'}`);
    else out.push('    environment:', '      <<: *env', '      LOG_LEVEL: warn');
    out.push('    ports:', i % 2 ? `      - "${8000 + i}:80"` : `      - target: 80\n        published: "${9000 + i}"\n        host_ip: 127.0.0.1`);
    if (i % 4 === 2) out.push('    volumes:', '      - /var/run/docker.sock:/var/run/docker.sock', '      - ./data:/data:ro');
    if (i % 6 === 1) out.push('    privileged: true', '    user: root');
    if (i % 7 === 3) out.push('    build:', '      context: .', '      args:', '        VERSION: "1"');
    if (i % 8 === 5) out.push('    healthcheck:', '      test: ["CMD", "true"]', '      interval: 30s', '    read_onyl: true');
  }
  out.push('', 'networks:', '  backend: {}', '', 'volumes:', '  data: {}', '');
  return out.join('\n');
}

const TYPED = ['a', 'b', '1', ' ', '-', '_', '.', ':', '/'];
const LINES = ['key: v', '- x', 'privileged: true', 'ports: ["80:80"]', 'image: nginx', 'cap_add: [SYS_ADMIN]', '<<: *defaults', 'x: &anchor {a: 1}', 'y: *anchor', 'user: root', '# shipshape-ignore compose/no-privileged -- test', 'read_onyl: true', 'k:'];
const ANYWHERE = ['a', ' ', ':', '#', '- ', '"', '&a', '*a', '\n', '  ', '{', '}', '[', ']', '|', ',', '!!str ', '\t', '? ', '---\n', '%YAML 1.1\n'];

/** One edit as a person makes them (mostly typing inside a line), or a rougher one. */
function edit(text: string): string {
  const lines = text.split('\n');
  const l = random(lines.length);
  const indent = /^ */.exec(lines[l])![0];
  if (random(3) > 0) {
    const body = lines[l].length - indent.length;
    const c = indent.length + random(body + 1);
    switch (random(5)) {
      case 0: case 1: lines[l] = lines[l].slice(0, c) + TYPED[random(TYPED.length)] + lines[l].slice(c); break;
      case 2: if (body > 0) lines[l] = lines[l].slice(0, c) + lines[l].slice(c + 1); break;
      case 3: lines.splice(l + 1, 0, indent + LINES[random(LINES.length)]); break;
      default: lines.splice(l + 1, 0, indent + '  ' + LINES[random(LINES.length)]);
    }
    return lines.join('\n');
  }
  switch (random(4)) {
    case 0: { const c = random(lines[l].length + 1); lines[l] = lines[l].slice(0, c) + ANYWHERE[random(ANYWHERE.length)] + lines[l].slice(c); break; }
    case 1: lines.splice(l, 0, lines[l]); break;
    case 2: lines.splice(l, 1); break;
    default: lines.splice(l, 0, ['x-new: &n', '  privileged: true', 'services:', '# note', ''][random(5)]);
  }
  return lines.join('\n');
}

/** The parse as the engine reads it: every node's class, range, value, anchor, tag, style; aliases with what they resolve to. */
function dump(file: ComposeFile): string {
  const node = (n: unknown): unknown => {
    if (isPair(n)) return ['pair', node(n.key), node(n.value)];
    if (n === null || n === undefined) return null;
    const base = { range: (n as { range?: unknown }).range, anchor: (n as { anchor?: unknown }).anchor, tag: (n as { tag?: unknown }).tag };
    if (isScalar(n)) return { ...base, type: n.type, value: `${typeof n.value}:${String(n.value)}`, source: n.source };
    if (isAlias(n)) return { ...base, alias: n.source, to: deref(file, n)?.range };
    if (isMap(n) || isSeq(n)) return { ...base, kind: isMap(n) ? 'map' : 'seq', flow: n.flow, items: n.items.map(node) };
    return { other: String(n) };
  };
  return JSON.stringify({ contents: node(file.doc.contents), range: file.doc.range, errors: file.errors, warnings: file.doc.warnings.map(w => [w.code, w.pos]) });
}

const findings = (text: string, cache?: ComposeLintCache) =>
  JSON.stringify(lintCompose('/project/compose.yaml', text, { allRules: true, composeCache: cache }).findings
    .map(f => [f.ruleId, f.severity, f.message, f.range, f.related ?? null, f.subject ?? null, f.suppressed?.reason ?? null]));

const inputs = (): Array<{ name: string; text: string; edits: number }> => [
  ...files(path.join(ROOT, 'test', 'fixtures', 'compose')),
  ...files(path.resolve(ROOT, '..', 'shared', 'corpus', 'kics', 'compose')),
  ...files(path.join(ROOT, 'examples')),
].map(f => ({ name: path.relative(ROOT, f), text: fs.readFileSync(f, 'utf8'), edits: 4 }))
  .concat([{ name: 'generated (20 services)', text: generated(20), edits: 120 }]);

/** Edits `text` again and again, mostly from its last version without YAML errors (so that most versions can be parsed by blocks). */
function* versions(text: string, count: number): Generator<string> {
  let clean = text;
  for (let i = 0; i < count; i++) {
    yield text;
    if (!parseComposeFile('x', text).errors.length) clean = text;
    text = edit(random(3) === 0 ? text : clean);
  }
}

test('re-parsing one block gives the document a whole parse gives, over thousands of edits', () => {
  let total = 0, blocks = 0;
  for (const input of inputs()) {
    const cache = new ComposeParseCache();
    for (const text of versions(input.text, input.edits)) {
      assert.equal(dump(cache.parse('/project/compose.yaml', text)), dump(parseComposeFile('/project/compose.yaml', text)), `${input.name}:\n${text}`);
      total++;
      if (cache.last.kind === 'block') blocks++;
    }
  }
  // (728 versions without the KICS corpus beside the checkout, over 1,000 with it)
  assert.ok(total > 500 && blocks > total / 5, `${blocks} of ${total} versions were parsed by blocks`);
});

test('the cached lint (one block re-parsed, one service re-validated) finds what a whole lint finds, over thousands of edits', () => {
  let total = 0, split = 0;
  for (const input of inputs()) {
    const cache = new ComposeLintCache();
    for (const text of versions(input.text, input.edits)) {
      assert.equal(findings(text, cache), findings(text), `${input.name}:\n${text}`);
      total++;
      if (!cache.lastSchema.whole && cache.parse.last.kind === 'block') split++;
    }
  }
  assert.ok(split > total / 8, `the schema was validated by parts after ${split} of ${total} edits`);
});

test('a keystroke in a service re-parses that block and re-validates only that service', () => {
  const text = generated(30);
  const cache = new ComposeLintCache();
  findings(text, cache);
  const next = text.replace('      - LOG_LEVEL=warn\n      - DB_PASSWORD=${DB_PASSWORD}', '      - LOG_LEVEL=warnx\n      - DB_PASSWORD=${DB_PASSWORD}');
  assert.notEqual(next, text);
  assert.equal(findings(next, cache), findings(next));
  assert.equal(cache.parse.last.kind, 'block');
  assert.ok(cache.parse.last.depth >= 3, `depth ${cache.parse.last.depth}`);
  assert.deepEqual(cache.lastSchema, { whole: false, services: 1 });
  // the same text again (a settings change, a linked file changed): nothing re-parsed or re-validated
  assert.equal(findings(next, cache), findings(next));
  assert.equal(cache.parse.last.kind, 'same');
  assert.deepEqual(cache.lastSchema, { whole: false, services: 0 });
});

test('an edit inside an anchored map re-validates every service (they merge it)', () => {
  const text = generated(12);
  const cache = new ComposeLintCache();
  findings(text, cache);
  const next = text.replace('  restart: unless-stopped', '  restart: [1]');
  assert.equal(findings(next, cache), findings(next));
  assert.equal(cache.parse.last.kind, 'block');
  assert.equal(cache.lastSchema.services, 12);
  assert.ok(findings(next).includes('services.svc-1.restart'), 'the merged value is reported for the services that merge it');
});

test('the schema check runs whole when parts of the file could be reported twice or the file is too big to split', () => {
  // an anchor under `networks` (which the schema checks) used by a service
  const shared = 'networks:\n  n: &n\n    driver: 1\nservices:\n  a:\n    image: x\n    networks:\n      n: *n\n';
  const cache = new ComposeLintCache();
  assert.equal(findings(shared, cache), findings(shared));
  assert.equal(cache.lastSchema.whole, true);
  // an alias bomb: each part's plain value is under the limit where the check gives up, the whole file's is
  // over it, so the whole check reports nothing, and neither may the parts
  const bomb = ['x-a: &a [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]'];
  for (let i = 1; i <= 4; i++) bomb.push(`x-${i}: &b${i} [${Array.from({ length: i === 4 ? 8 : 10 }, () => (i > 1 ? `*b${i - 1}` : '*a')).join(', ')}]`);
  bomb.push('services:', '  a:', '    image: x', '    labels: *b4', '  b:', '    image: y', '    labels: *b4', '  c:', '    image: z', '    labels: *b4', '    bad_key: 1');
  const bombText = bomb.join('\n') + '\n';
  const bombCache = new ComposeLintCache();
  assert.equal(findings(bombText, bombCache), findings(bombText));
  assert.equal(findings(bombText.replace('image: y', 'image: yy'), bombCache), findings(bombText.replace('image: y', 'image: yy')));
});

test('edits the block re-parse cannot mirror are parsed whole, with the same result', () => {
  const text = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n  db:\n    image: postgres:16\n';
  const cases = [
    text.replace('  db:', '  dbx:'), // a service renamed: its key changed
    text.replace('    privileged: true', '\tprivileged: true'), // a tab
    '%YAML 1.1\n---\n' + text, // a directive
    text.replace('    privileged: true\n', '    privileged: true\n  web:\n    image: x\n'), // a duplicate key
    text.replace('image: nginx:1.27', 'image: "nginx:1.27'), // an unclosed quote
    text.replace('    privileged: true\n', '    privileged: true\nx-top: 1\n'), // a new top-level key inside the block
  ];
  for (const next of cases) {
    const cache = new ComposeLintCache();
    findings(text, cache);
    assert.equal(findings(next, cache), findings(next), next);
    assert.equal(dump(cache.parse.parse('/project/compose.yaml', next)), dump(parseComposeFile('/project/compose.yaml', next)), next);
  }
});

test('a keystroke re-parses the override file only when its text changed; a fix run parses it once', () => {
  const main = 'services:\n  app:\n    image: nginx:1.27\n';
  let override = 'services:\n  app:\n    privileged: true\n';
  const readFile = (p: string) => (/compose\.override\.yaml$/.test(p) ? override : undefined);
  const cache = new ComposeLintCache();
  const first = lintCompose('/w/compose.yaml', main, { readFile, composeCache: cache }).model!.companion;
  const second = lintCompose('/w/compose.yaml', main + '    user: "10001"\n', { readFile, composeCache: cache }).model!.companion;
  assert.ok(first && first === second, 'the unchanged override file keeps its parse');
  override += '    cap_add: [SYS_ADMIN]\n';
  const third = lintCompose('/w/compose.yaml', main, { readFile, composeCache: cache }).model!.companion;
  assert.ok(third && third !== second && third.text === override, 'a changed override file is parsed again');
  // lints of one fix run share the parses they are given
  const parses = new Map<string, ComposeFile>();
  const a = lintCompose('/w/compose.yaml', main, { readFile, parses }).model!.companion;
  const b = lintCompose('/w/compose.yaml', main + '    read_only: true\n', { readFile, parses }).model!.companion;
  assert.ok(a && a === b);
});
