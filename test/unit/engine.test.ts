// Engine pieces that rules lean on: the shell reader, ARG/ENV substitution, image knowledge, robustness.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { splitShell, programName, effectiveWords } from '../../server/src/engine/dockerfile/shell';
import { substitute } from '../../server/src/engine/dockerfile/variables';
import { parseImageRef, distroOf, knownNonRootDefault } from '../../server/src/engine/knowledge/base-images';
import { buildDockerfileModel, effectiveUser } from '../../server/src/engine/dockerfile/model';
import { lintDockerfile } from '../../server/src/engine/lint';
import { setsSpecialBit } from '../../server/src/rules/dockerfile/no-setuid';

test('shell: splits on operators, keeps quotes and offsets', () => {
  const text = `apt-get update && echo "a && b" | tee x; sudo -u root ls 2>&1 || true`;
  const cmds = splitShell(text, 100);
  assert.deepEqual(cmds.map(c => c.words.map(w => w.value).join(' ')), ['apt-get update', 'echo a && b', 'tee x', 'sudo -u root ls 2>&1', 'true']);
  assert.deepEqual(cmds.map(c => c.before), [null, '&&', '|', ';', '||']);
  assert.equal(cmds[0].words[0].start, 100);
  assert.equal(text.slice(cmds[3].words[0].start - 100, cmds[3].words[0].end - 100), 'sudo');
  assert.equal(programName(cmds[3]), 'ls');
  assert.equal(programName(cmds[3], true), 'sudo');
});

test('shell: Dockerfile continuations and comment lines inside them', () => {
  const cmds = splitShell('apt-get update \\\n  # a comment && sudo\n  && apt-get install -y x', 0);
  assert.deepEqual(cmds.map(c => c.words.map(w => w.value).join(' ')), ['apt-get update', 'apt-get install -y x']);
});

test('shell: wrappers and assignments are looked through', () => {
  const [cmd] = splitShell('DEBIAN_FRONTEND=noninteractive env -i /usr/bin/chmod u+s /x', 0);
  assert.equal(programName(cmd), 'chmod');
  assert.deepEqual(effectiveWords(cmd).map(w => w.value), ['/usr/bin/chmod', 'u+s', '/x']);
});

test('variables: Docker substitution forms', () => {
  const vars = new Map<string, string | null>([['A', 'x'], ['E', ''], ['U', null]]);
  assert.equal(substitute('${A}:$A', vars), 'x:x');
  assert.equal(substitute('${E:-d}/${E-d}/${Z:-z}', vars), 'd//z');
  assert.equal(substitute('${A:+alt}${E:+alt}', vars), 'alt');
  assert.equal(substitute('$U', vars), null, 'an ARG without a value is unknown');
  assert.equal(substitute('\\$A', vars), '$A');
});

test('knowledge: image references, distro families, non-root defaults', () => {
  assert.deepEqual(parseImageRef('docker.io/library/node:20@sha256:abc'), { registry: null, repository: 'node', tag: '20', digest: 'sha256:abc' });
  assert.deepEqual(parseImageRef('localhost:5000/team/app:1'), { registry: 'localhost:5000', repository: 'team/app', tag: '1', digest: null });
  const family = (r: string) => distroOf(parseImageRef(r)!);
  assert.equal(family('node:20-alpine'), 'alpine');
  assert.equal(family('python:3.12-slim'), 'debian');
  assert.equal(family('ubuntu:24.04'), 'debian');
  assert.equal(family('registry.access.redhat.com/ubi9/ubi-minimal:9.4'), 'rhel');
  assert.equal(family('gcr.io/distroless/static-debian12'), 'distroless');
  assert.equal(family('busybox:1.36'), 'busybox');
  assert.equal(family('scratch'), 'scratch');
  assert.equal(family('example.com/x/y:1'), 'unknown');
  assert.equal(knownNonRootDefault(parseImageRef('gcr.io/distroless/base-debian12:nonroot')!)?.uid, 65532);
  assert.equal(knownNonRootDefault(parseImageRef('node:20')!), null, 'node ships a user but runs as root');
});

test('model: stages, shipped stage, --target, --build-arg and inheritance through FROM <stage>', () => {
  const text = 'ARG BASE=debian:bookworm-slim\nFROM ${BASE} AS base\nUSER 10001\nFROM base AS app\nFROM alpine:3.20 AS debug\n';
  const m = buildDockerfileModel(text);
  assert.equal(m.stages.length, 3);
  assert.equal(m.shippedStage?.name, 'debug');
  assert.equal(m.stages[1].parent, m.stages[0]);
  assert.equal(m.stages[1].distro, 'debian');
  const t = buildDockerfileModel(text, { target: 'app' });
  assert.equal(t.shippedStage?.name, 'app');
  assert.equal(effectiveUser(t.shippedStage!).kind, 'instruction');
  assert.equal(buildDockerfileModel(text, { target: 'nope' }).missingTarget, 'nope');
  assert.equal(buildDockerfileModel(text, { buildArgs: { BASE: 'alpine:3.20' } }).stages[0].distro, 'alpine');
});

test('setuid modes', () => {
  for (const m of ['u+s', 'g+s', '+s', 'a+s', 'ug+rws', '4755', '2755', '6755', '04755', 'u=rwxs']) assert.ok(setsSpecialBit(m), m);
  for (const m of ['755', '0755', 'a-s', 'u-s', '+x', '1777', 'o+t']) assert.ok(!setsSpecialBit(m), m);
});

test('bad input never throws: binary, huge lines, lone keywords, CRLF, BOM', () => {
  const inputs = ['', '\u0000\u0001\u0002', 'FROM', 'USER', '\uFEFFFROM debian:12\r\nUSER root\r\n', 'FROM x\nRUN ' + 'a'.repeat(200000),
    'FROM x\nRUN <<EOF\nunterminated', 'FROM x\nRUN ["unterminated', 'ONBUILD\nFROM\nUSER ${', '\\\n\\\n'];
  for (const input of inputs) assert.doesNotThrow(() => lintDockerfile(input, { allRules: true }), JSON.stringify(input.slice(0, 40)));
  const crlf = lintDockerfile('FROM debian:12\r\nUSER root\r\n').findings;
  assert.deepEqual(crlf.map(f => f.ruleId), ['dockerfile/no-root-user']);
});

test('suppression comments silence the next instruction or the file, and keep the reason', () => {
  const text = 'FROM debian:12\n# shipshape-ignore dockerfile/no-root-user -- entrypoint drops privileges with gosu\nUSER root\n';
  const [f] = lintDockerfile(text).findings;
  assert.equal(f.ruleId, 'dockerfile/no-root-user');
  assert.equal(f.suppressed?.reason, 'entrypoint drops privileges with gosu');
  const file = lintDockerfile('# shipshape-ignore-file dockerfile/require-non-root-user -- base image sets USER\nFROM example.com/x:1\n').findings;
  assert.ok(file.every(x => x.suppressed));
  const other = lintDockerfile('FROM debian:12\n# shipshape-ignore dockerfile/no-sudo -- other rule\nUSER root\n').findings;
  assert.equal(other[0].suppressed, undefined);
});

test('settings: severities override, off-by-default rules turn on, off turns off', () => {
  const text = 'FROM debian:12\nRUN useradd -u 10001 app\nUSER app\n';
  assert.deepEqual(lintDockerfile(text).findings.map(f => f.ruleId), []);
  assert.deepEqual(lintDockerfile(text, { rules: { 'dockerfile/numeric-user': 'warning' } }).findings.map(f => `${f.ruleId}:${f.severity}`), ['dockerfile/numeric-user:warning']);
  assert.deepEqual(lintDockerfile('FROM debian:12\n', { rules: { 'dockerfile/require-non-root-user': 'off' } }).findings, []);
});

test('model: a RUN that runs on past a line break with no `<<` has no heredoc (dockerfile-ast threw; fuzz seed 202 #476157)', () => {
  // lone CRs inside a continuation, then a comment line: dockerfile-ast took the lines for heredoc bodies
  const text = '   FROM debian:bookworm-slim\r   RUN apt-get update && apt-get install -y curl \\\r# expect\nRUN groupadd --system app\nUSER 10001:10001\n';
  const { findings } = lintDockerfile(text);
  assert.ok(!findings.some(f => f.ruleId === 'dockerfile/syntax' && /could not read/.test(f.message)), findings.map(f => f.message).join('\n'));
  assert.ok(buildDockerfileModel(text).instructions.length >= 3);
});
