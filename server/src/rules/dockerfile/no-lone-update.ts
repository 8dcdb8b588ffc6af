import { defineRule, DockerfileContext } from '../../engine/rule';
import { RunInstruction, Stage } from '../../engine/dockerfile/model';
import { PackageCommand, packageCommands, isIndexUpdate, isInstall, isAptFamily, isRpmFamily, PackageManager } from '../../engine/dockerfile/packages';
import { Fix } from '../../engine/types';
import { owaspRef, BEST_PRACTICES } from '../../engine/references';

function family(m: PackageManager): string {
  return isAptFamily(m) ? 'apt' : isRpmFamily(m) ? 'rpm' : m;
}

export default defineRule({
  id: 'dockerfile/no-lone-update',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D02'],
  peers: ['Trivy DS-0017', 'Checkov CKV_DOCKER_5', 'KICS update_instruction_alone', 'Dockle CIS-DI-0007'],
  fix: { safety: 'safe', description: 'move the update into the RUN that installs' },
  docs: {
    summary: 'A package index update runs in its own RUN, so a later install can use a stale, cached index.',
    why: 'Docker caches each RUN as a layer. When `apt-get update` (or `apk update`, `yum/dnf update`, `zypper refresh`, `pacman -Sy`) is its own RUN, a rebuild reuses that cached layer and the following install works from a package index that may be months old: it installs outdated, unpatched versions, or fails when the mirror has dropped them.',
    fix: 'Update and install in the same RUN: `RUN apt-get update && apt-get install -y --no-install-recommends pkg && rm -rf /var/lib/apt/lists/*`. The quick fix moves the update into the installing RUN (and removes the RUN that only updated).',
    invalid: ['FROM debian:bookworm-slim\nRUN apt-get update\nRUN apt-get install -y curl\n'],
    valid: ['FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n', 'FROM alpine:3.22\nRUN apk --update add curl\n'],
    references: [owaspRef('D02'), BEST_PRACTICES, { title: 'Dockerfile best practices: apt-get', url: 'https://docs.docker.com/build/building/best-practices/#apt-get' }],
    differences: 'The finding is placed on the install that uses the stale index (where KICS reports it), and names the RUN that updated. An update that no later RUN installs after is not reported: no install can see its stale index.',
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const runs = stage.runs.filter(r => !r.onbuild);
      runs.forEach((run, k) => {
        const pkgs = packageCommands(run.commands);
        const lone = pkgs.filter(p => isIndexUpdate(p) && !pkgs.some(q => isInstall(q) && family(q.manager) === family(p.manager)));
        for (const update of lone) {
          const later = runs.slice(k + 1).find(r => packageCommands(r.commands).some(q => isInstall(q) && family(q.manager) === family(update.manager)));
          if (!later) continue;
          const install = packageCommands(later.commands).find(q => isInstall(q) && family(q.manager) === family(update.manager))!;
          const words = install.cmd.words;
          const updateLine = run.instruction.getRange().start.line + 1;
          ctx.report({
            range: ctx.model.index.rangeOf(words[0].start, (install.actionWord ?? install.program).end),
            message: `This install uses the package index from the separate RUN on line ${updateLine} (${update.cmd.words.map(x => x.value).join(' ')}), which the build cache may serve stale. Update and install in the same RUN.`,
            fixes: later.execForm ? undefined : () => [mergeFix(ctx, stage, run, update, later, install)],
          });
        }
      });
    }
  },
});

function mergeFix(ctx: DockerfileContext, _stage: Stage, run: RunInstruction, update: PackageCommand, later: RunInstruction, install: PackageCommand): Fix {
  const index = ctx.model.index;
  const u = update.cmd.words;
  const updateText = index.text.slice(u[0].start, u[u.length - 1].end);
  const at = index.positionAt(install.cmd.words[0].start);
  const edits = [{ range: { start: at, end: at }, newText: `${updateText} && ` }];
  // the RUN that only updated goes away entirely
  const onlyUpdates = run.commands.every(c => packageCommands([c]).some(p => isIndexUpdate(p)));
  if (onlyUpdates && !run.execForm) {
    const r = run.instruction.getRange();
    edits.push({ range: { start: { line: r.start.line, character: 0 }, end: { line: r.end.line + 1, character: 0 } }, newText: '' });
  }
  return { title: `Move "${updateText}" into the RUN that installs`, safety: 'safe', edits };
}
