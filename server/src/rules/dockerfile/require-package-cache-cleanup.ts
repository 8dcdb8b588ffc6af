import { Run } from 'dockerfile-ast';
import { defineRule, DockerfileContext } from '../../engine/rule';
import { RunInstruction, Stage } from '../../engine/dockerfile/model';
import { PackageCommand, packageCommands, isInstall, hasOption, isAptFamily, isRpmFamily } from '../../engine/dockerfile/packages';
import { shippableStages, mountsCacheAt } from '../../engine/dockerfile/stages';
import { effectiveWords, programName } from '../../engine/dockerfile/shell';
import { insertAfterWord } from '../../engine/dockerfile/flag-edits';
import { Fix } from '../../engine/types';
import { owaspRef, hadolintRef } from '../../engine/references';

/** True when the RUN removes files under a path (`rm -rf /var/lib/apt/lists/*`). */
function removes(run: RunInstruction, path: RegExp): boolean {
  return run.commands.some(c => programName(c) === 'rm' && effectiveWords(c).some(w => path.test(w.value)));
}

function cleans(run: RunInstruction, p: PackageCommand): boolean {
  const cleanOf = (m: string) => packageCommands(run.commands).some(q => q.action === 'clean' && (q.manager === m || (isAptFamily(q.manager) && isAptFamily(m as PackageCommand['manager']))));
  if (isAptFamily(p.manager)) return cleanOf(p.manager) || removes(run, /^\/var\/lib\/apt\/lists/) || mountsCacheAt(run.instruction, /^\/var\/(lib|cache)\/apt/);
  if (isRpmFamily(p.manager)) return cleanOf(p.manager) || removes(run, /^\/var\/cache\/(yum|dnf)/) || mountsCacheAt(run.instruction, /^\/var\/cache\/(yum|dnf)/);
  if (p.manager === 'zypper') return cleanOf('zypper') || removes(run, /^\/var\/cache\/zypp/) || mountsCacheAt(run.instruction, /^\/var\/cache\/zypp/);
  return false;
}

const CLEANUP: Record<string, string> = { 'apt-get': 'rm -rf /var/lib/apt/lists/*', apt: 'rm -rf /var/lib/apt/lists/*', aptitude: 'rm -rf /var/lib/apt/lists/*', yum: 'yum clean all', dnf: 'dnf clean all', microdnf: 'microdnf clean all', zypper: 'zypper clean --all' };

export default defineRule({
  id: 'dockerfile/require-package-cache-cleanup',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'info',
  defaultOn: true,
  owasp: ['D04'],
  peers: ['hadolint DL3009 DL3019 DL3032 DL3036 DL3040 DL3042', 'Trivy DS-0015 DS-0019 DS-0020 DS-0025 DS-0027', 'KICS apt_get_install_lists_were_not_deleted apk_add_using_local_cache_path yum_clean_all_missing missing_dnf_clean_all missing_zypper_clean pip_install_keeping_cached_packages'],
  fix: { safety: 'safe', description: 'append the cleanup to the RUN, or insert the no-cache flag' },
  docs: {
    summary: 'A package install leaves its package index or download cache in the image that ships.',
    why: 'apt lists, apk, yum/dnf/zypper caches and pip\'s wheel cache are only needed while installing. Left in a layer they add tens to hundreds of megabytes, ship stale package metadata that scanners and attackers can read, and cleaning them in a later RUN does not help: the earlier layer still holds them.',
    fix: 'Clean up in the same RUN that installs: `&& rm -rf /var/lib/apt/lists/*` (apt), `apk add --no-cache` (apk), `&& yum clean all` / `dnf clean all` / `zypper clean --all`, `pip install --no-cache-dir` (or `ENV PIP_NO_CACHE_DIR=1`). A BuildKit cache mount on the cache directory counts as clean. The quick fix appends the cleanup or inserts the flag.',
    invalid: ['FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n', 'FROM python:3.12-slim\nRUN pip install flask\n'],
    valid: ['FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n', 'FROM alpine:3.22\nRUN apk add --no-cache curl\n', 'FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n'],
    references: [owaspRef('D04'), { title: 'Dockerfile best practices: apt-get', url: 'https://docs.docker.com/build/building/best-practices/#apt-get' }, hadolintRef('DL3009')],
    differences: 'Only stages that ship are judged (the final stage, or the --target, and stages nothing copies from); a builder stage\'s cache never reaches the image. KICS samples that write `yum install \\` followed by `yum clean all` on the next line (one command installing packages named `yum`, `clean`, `all`) are reported, because no cleanup runs.',
  },
  check(ctx) {
    for (const stage of shippableStages(ctx.model)) {
      for (const run of stage.runs) {
        if (run.onbuild) continue;
        for (const p of packageCommands(run.commands)) {
          if (!isInstall(p)) continue;
          const problem = cacheProblem(stage, run, p);
          if (!problem) continue;
          ctx.report({
            range: ctx.model.index.rangeOf(p.program.start, (p.actionWord ?? p.program).end),
            message: `${problem}: the cache stays in this layer of the image that ships. ${p.manager === 'pip' ? 'Add --no-cache-dir' : p.manager === 'apk' ? 'Use apk add --no-cache' : `Add && ${CLEANUP[p.manager] ?? 'the cleanup'} to the same RUN`}.`,
            fixes: () => { const f = cacheFix(ctx, run, p); return f ? [f] : []; },
          });
        }
      }
    }
  },
});

function cacheProblem(stage: Stage, run: RunInstruction, p: PackageCommand): string | null {
  if (p.manager === 'apk') {
    if (hasOption(p, '--no-cache') || removes(run, /^\/var\/cache\/apk/) || mountsCacheAt(run.instruction, /^\/(var\/cache\/apk|etc\/apk\/cache)/)) return null;
    return 'apk add without --no-cache keeps the package index in /var/cache/apk';
  }
  if (p.manager === 'pip') {
    const env = stage.scopes.get(run.instruction)?.get('PIP_NO_CACHE_DIR');
    if (hasOption(p, '--no-cache-dir') || (env !== undefined && env !== null && env !== '') || mountsCacheAt(run.instruction, /\.cache\/pip/)) return null;
    return 'pip install without --no-cache-dir keeps downloaded wheels in ~/.cache/pip';
  }
  if (isAptFamily(p.manager) || isRpmFamily(p.manager) || p.manager === 'zypper') {
    if (cleans(run, p)) return null;
    return isAptFamily(p.manager) ? `${p.manager} install leaves the package lists in /var/lib/apt/lists` : `${p.manager} install leaves its metadata and package cache`;
  }
  return null;
}

function cacheFix(ctx: DockerfileContext, run: RunInstruction, p: PackageCommand): Fix | null {
  if (p.manager === 'pip' || p.manager === 'apk') {
    const flag = p.manager === 'pip' ? '--no-cache-dir' : '--no-cache';
    if (!p.actionWord) return null;
    return { title: `Add ${flag}`, safety: 'safe', edits: [insertAfterWord(ctx.model, p.actionWord, flag, run.execForm)] };
  }
  const cleanup = CLEANUP[p.manager];
  if (!cleanup || run.execForm || (run.instruction instanceof Run && run.instruction.getHeredocs().length > 0)) return null;
  const last = run.commands[run.commands.length - 1].words;
  const at = ctx.model.index.positionAt(last[last.length - 1].end);
  return { title: `Append && ${cleanup}`, safety: 'safe', edits: [{ range: { start: at, end: at }, newText: ` && ${cleanup}` }] };
}
