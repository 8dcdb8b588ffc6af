import { defineRule } from '../../engine/rule';
import { effectiveWords, programName } from '../../engine/dockerfile/shell';
import { hadolintRef, dockerfileRef } from '../../engine/references';

export default defineRule({
  id: 'dockerfile/no-shell-symlink',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'info',
  defaultOn: true,
  owasp: [],
  peers: ['hadolint DL4005', 'KICS changing_default_shell_using_run_command'],
  docs: {
    summary: 'A RUN replaces /bin/sh with a symlink to change the build shell; use SHELL.',
    why: '`ln -sf /bin/bash /bin/sh` changes the shell for every program in the image, not just the build: system scripts written for a POSIX sh (dash, ash) now run under another shell, and package upgrades may silently restore the link.',
    fix: 'Use the SHELL instruction for the build: `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`. It changes how RUN lines are run and nothing else.',
    invalid: ['FROM debian:bookworm-slim\nRUN ln -sf /bin/bash /bin/sh\n'],
    valid: ['FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n', 'FROM debian:bookworm-slim\nRUN ln -s /opt/tool/bin/tool /usr/local/bin/tool\n'],
    references: [dockerfileRef('SHELL'), hadolintRef('DL4005')],
    differences: 'KICS also reports a RUN that merely starts PowerShell (`RUN powershell -command`); that does not change the default shell, so Shipshape does not.',
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const run of stage.runs) {
        for (const cmd of run.commands) {
          if (programName(cmd) !== 'ln') continue;
          const words = effectiveWords(cmd);
          const opts = words.slice(1).filter(w => w.value.startsWith('-'));
          const args = words.slice(1).filter(w => !w.value.startsWith('-'));
          if (!opts.some(o => /^-[a-zA-Z]*s/.test(o.value) || o.value === '--symbolic') || args.length < 2) continue;
          if (!/^\/(usr\/)?bin\/sh$/.test(args[args.length - 1].value)) continue;
          ctx.report({ range: ctx.model.index.rangeOf(words[0].start, args[args.length - 1].end), message: `This replaces /bin/sh for every program in the image, not just the build. Use SHELL ["${args[0].value}", "-c"] to choose the build shell.` });
        }
      }
    }
  },
});
