import { defineRule } from '../../engine/rule';
import { packageCommands, isInstall, hasOption } from '../../engine/dockerfile/packages';
import { shippableStages } from '../../engine/dockerfile/stages';
import { insertAfterWord } from '../../engine/dockerfile/flag-edits';
import { owaspRef, hadolintRef } from '../../engine/references';

export default defineRule({
  id: 'dockerfile/require-no-install-recommends',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'info',
  defaultOn: true,
  owasp: ['D04'],
  peers: ['hadolint DL3015', 'Trivy DS-0029', 'KICS apt_get_not_avoiding_additional_packages', 'Semgrep missing-no-install-recommends'],
  fix: { safety: 'safe', description: 'insert --no-install-recommends' },
  docs: {
    summary: '`apt-get install` without `--no-install-recommends` also installs every recommended package.',
    why: 'By default apt installs the packages a package merely recommends: often dozens of extra tools and libraries the application never uses. Each is attack surface and a source of scanner findings to patch, and the image grows for nothing.',
    fix: 'Add `--no-install-recommends` (or `-o APT::Install-Recommends=false`) and list what you really need: `apt-get install -y --no-install-recommends curl ca-certificates`. The quick fix inserts the flag.',
    invalid: ['FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n'],
    valid: ['FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n'],
    references: [owaspRef('D04'), { title: 'Dockerfile best practices: apt-get', url: 'https://docs.docker.com/build/building/best-practices/#apt-get' }, hadolintRef('DL3015')],
  },
  check(ctx) {
    for (const stage of shippableStages(ctx.model)) {
      for (const run of stage.runs) {
        for (const p of packageCommands(run.commands)) {
          if ((p.manager !== 'apt-get' && p.manager !== 'apt') || !isInstall(p) || !p.actionWord) continue;
          if (hasOption(p, '--no-install-recommends') || p.cmd.words.some(w => /install-recommends=(false|0|no)/i.test(w.value))) continue;
          const action = p.actionWord;
          ctx.report({
            range: ctx.model.index.rangeOf(p.program.start, action.end),
            message: `${p.manager} install without --no-install-recommends also installs recommended packages the app does not need: more attack surface and a bigger image. Add --no-install-recommends.`,
            fixes: () => [{ title: 'Add --no-install-recommends', safety: 'safe', edits: [insertAfterWord(ctx.model, action, '--no-install-recommends', run.execForm)] }],
          });
        }
      }
    }
  },
});
