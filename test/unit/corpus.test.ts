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
import { lintCompose } from '../../server/src/engine/compose/lint';

const KICS = path.resolve(ROOT, '..', 'shared', 'corpus', 'kics');

/** sample → why Shipshape disagrees with KICS on purpose */
const DELIBERATE: Record<string, string> = {
  'missing_user_instruction/negative.dockerfile':
    'its final stage is FROM scratch with no USER, which runs as uid 0: KICS skips scratch, Shipshape reports it',
  'yum_clean_all_missing/negative.dockerfile':
    '`yum install \\` continued by `yum clean all` is one command installing packages named yum, clean and all: no cleanup runs',
  'yum_clean_all_missing/positive.dockerfile':
    'line 12 `yum clean all \\` continued by `yum -y install` is one `yum clean` command that installs nothing; line 3 `yum install` in a stage nothing copies from (it can ship with --target) is reported',
  'yum_install_allows_manual_input/positive.dockerfile':
    'line 4 is exec form with the program "sudo yum" as one word: no such program exists, the RUN fails, it is not read as yum',
  'changing_default_shell_using_run_command/positive2.dockerfile':
    '`RUN powershell -command` starts PowerShell once; it does not change the default shell',
  'shell_running_a_pipe_without_pipefail_flag/positive.dockerfile':
    'line 3 is exec form: `|` is passed to bash as an argument, there is no pipe',
  'shell_running_a_pipe_without_pipefail_flag/negative.dockerfile':
    '`RUN pwsh A | B` runs under /bin/sh (the default SHELL): the pipe is sh\'s, so pipefail matters',
  'run_command_cd_instead_of_workdir/negative2.dockerfile':
    'a lone `RUN cd /usr/share/nginx/html` has no effect on any later instruction: Shipshape reports it, KICS does not',
  'npm_install_without_pinned_version/negative1.dockerfile':
    'lines 3 and 5 install `sax@latest`: `latest` is the moving target pinning avoids, so Shipshape reports it (KICS and hadolint accept it)',
  'run_utilities_and_posix_commands/negative.dockerfile':
    'line 6 installs nano and vim: RULES.md reports installing editors, KICS only running them',
};

/**
 * KICS splits some Shipshape rules into several queries (one per package manager). A query's samples are
 * scored only on the findings of its own part of the rule (matched on the finding's message), so an apk
 * finding in a yum sample is neither a hit nor a false alarm of the yum query.
 */
const FACETS: Record<string, RegExp> = {
  apk_add_using_local_cache_path: /^apk /, apt_get_install_lists_were_not_deleted: /^apt/, yum_clean_all_missing: /^yum /,
  missing_dnf_clean_all: /^(dnf|microdnf) /, missing_zypper_clean: /^zypper /, pip_install_keeping_cached_packages: /^pip /,
  apt_get_missing_flags_to_avoid_manual_input: /^apt/, yum_install_allows_manual_input: /^yum /,
  missing_flag_from_dnf_install: /^(dnf|microdnf) /, missing_zypper_non_interactive_switch: /^zypper /,
  apt_get_install_pin_version_not_defined: /^apt/, unpinned_package_version_in_apk_add: /^apk /, yum_install_without_version: /^yum /,
  missing_version_specification_in_dnf_install: /^(dnf|microdnf) /, zypper_install_without_version: /^zypper /,
  unpinned_package_version_in_pip_install: /^pip /, npm_install_without_pinned_version: /^npm /, gem_install_without_version: /^gem /,
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
      const { findings, model } = lintDockerfile(fs.readFileSync(path.join(dir, file), 'utf8'), { allRules: true });
      // KICS reports per instruction: a finding on a RUN's continuation line counts at the RUN's first line
      const instructionLine = (line: number) => model?.instructions.find(i => i.getRange().start.line <= line && line <= i.getRange().end.line)?.getRange().start.line ?? line;
      const found = findings.filter(f => rules.includes(f.ruleId) && !f.suppressed && (FACETS[query]?.test(f.message) ?? true)).map(f => instructionLine(f.range.start.line) + 1);
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
  const deliberate = [...scores.values()].flatMap(s => s.details).filter(d => DELIBERATE[d.split(':')[0]]).length;
  t.diagnostic(`samples with a deliberate, documented disagreement: ${deliberate}`);
  t.diagnostic(`all built rules: recall ${(100 * tp / Math.max(1, tp + fn)).toFixed(1)}%, precision ${(100 * tp / Math.max(1, tp + fp)).toFixed(1)}% over ${scores.size} rule group(s)`);
  assert.deepEqual(unexplained, []);
});

/** compose sample → why Shipshape disagrees with KICS on purpose (the rule's docs `differences` say it too) */
const COMPOSE_DELIBERATE: Record<string, string> = {
  'privileged_ports_mapped_in_container/positive3.yaml':
    '"70:8000": only the host side is below 1024; it is bound by the Docker daemon, not the container (compose/no-privileged-port judges the container port)',
  'privileged_ports_mapped_in_container/positive6.yaml':
    '"90-9091:8080-8081": only the host side is below 1024 (compose/no-privileged-port judges the container port)',
  'privileged_ports_mapped_in_container/positive9.yaml':
    '"127.0.0.1:80:8001": only the host side is below 1024 (compose/no-privileged-port judges the container port)',
  'volume_has_sensitive_host_directory/positive1.yaml':
    '`- /var/lib/backup/data` is an anonymous volume at a container path: nothing from the host is mounted',
  'volume_has_sensitive_host_directory/positive2.yaml':
    'the volume binds host /var/lib/backup/data, an application data directory; only /var and /var/lib themselves (and the runtimes\' state under them) are sensitive',
  'volume_has_sensitive_host_directory/positive3.yaml':
    'a local-persist volume at /var/data that no service mounts (the file has no valid service): /var/data is not a system directory',
  'security_opt_not_set/negative1.yaml':
    'KICS accepts any security_opt; `apparmor:unconfined` alone does not stop privilege gain, so compose/require-no-new-privileges reports it',
  'cpus_not_limited/positive3.yaml':
    'an empty `deploy:`: KICS reports the service and `deploy` twice, compose/require-cpu-limit reports once, on `deploy` (line 7)',
  'memory_not_limited/positive3.yaml':
    'an empty `deploy:`: KICS reports the service and `deploy` twice, compose/require-memory-limit reports once, on `deploy` (line 7)',
  'restart_policy_on_failure_not_set_to_5/positive2.yaml':
    '`restart: on-failure:3`: KICS wants exactly 5 retries, compose/restart-policy reports only a missing bound or one above 5 (fewer retries loop less)',
};

/**
 * KICS places a compose finding on the key line (`ports:`, `cap_add:`) where Shipshape points at the entry
 * under it: a finding counts on its own line or on the line of the service key that holds it.
 */
function scoreComposeQueries(): Map<string, Score> {
  const rows = fs.readFileSync(path.join(KICS, 'MAPPING.tsv'), 'utf8').trim().split('\n').slice(1).map(l => l.split('\t'));
  const scores = new Map<string, Score>();
  for (const [kind, query, rulesCell] of rows) {
    if (kind !== 'compose') continue;
    const rules = rulesCell.split(/[,\s]+/).filter(Boolean);
    if (!rules.every(r => getRule(r))) continue; // not built yet
    const key = rules.join(',');
    const s = scores.get(key) ?? { tp: 0, fn: 0, fp: 0, misses: [], details: [] };
    scores.set(key, s);
    const dir = path.join(KICS, 'compose', query);
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Array<{ line: number; fileName?: string; filename?: string }>;
    for (const file of fs.readdirSync(dir).filter(f => /^(positive|negative)/.test(f)).sort()) {
      const full = path.join(dir, file);
      const { findings, model } = lintCompose(full, fs.readFileSync(full, 'utf8'), { allRules: true });
      // the last key starting at or before the line whose value reaches it (a block value's range runs on to the next key)
      const keyLine = (line: number) => Math.max(-1, ...(model?.services.flatMap(sv => [...sv.keys.values()].flat()) ?? [])
        .filter(l => l.file === model?.file && l.keyRange && l.keyRange.start.line <= line && line <= l.range.end.line).map(l => l.keyRange!.start.line));
      const lines = expected.filter(e => (e.fileName ?? e.filename) === file).map(e => e.line);
      const found = findings.filter(f => rules.includes(f.ruleId) && !f.suppressed).map(f => {
        const own = f.range.start.line + 1, held = keyLine(f.range.start.line);
        return lines.includes(own) || held < 0 ? own : held + 1;
      });
      if (file.startsWith('negative')) {
        s.fp += found.length;
        if (found.length) { s.misses.push(`${query}/${file}`); s.details.push(`${query}/${file}: reported on line(s) ${found.join(', ')} (KICS: clean)`); }
        continue;
      }
      for (const line of lines) {
        if (found.includes(line)) s.tp++;
        else { s.fn++; s.misses.push(`${query}/${file}`); s.details.push(`${query}/${file}: missed line ${line} (found ${found.join(', ') || 'nothing'})`); }
      }
      s.fp += found.filter(l => !lines.includes(l)).length;
    }
  }
  return scores;
}

test('KICS compose samples for the built rules: found where KICS expects, clean where it does', t => {
  if (!fs.existsSync(path.join(KICS, 'MAPPING.tsv'))) return t.skip(`SKIPPED: peer corpus not found at ${KICS}`);
  const scores = scoreComposeQueries();
  assert.ok(scores.size > 0, 'no KICS compose query maps to a built rule');
  const unexplained: string[] = [];
  let tp = 0, fn = 0, fp = 0;
  for (const [rules, s] of scores) {
    tp += s.tp; fn += s.fn; fp += s.fp;
    t.diagnostic(`${rules}: recall ${(100 * s.tp / Math.max(1, s.tp + s.fn)).toFixed(1)}% (${s.tp}/${s.tp + s.fn}), precision ${(100 * s.tp / Math.max(1, s.tp + s.fp)).toFixed(1)}% (${s.fp} false)`);
    for (const d of s.details) t.diagnostic(`  ${d}${COMPOSE_DELIBERATE[d.split(':')[0]] ? ` — deliberate: ${COMPOSE_DELIBERATE[d.split(':')[0]]}` : ''}`);
    unexplained.push(...s.misses.filter(m => !COMPOSE_DELIBERATE[m]));
  }
  t.diagnostic(`all built compose rules: recall ${(100 * tp / Math.max(1, tp + fn)).toFixed(1)}%, precision ${(100 * tp / Math.max(1, tp + fp)).toFixed(1)}% over ${scores.size} rule group(s)`);
  assert.deepEqual(unexplained, []);
});
