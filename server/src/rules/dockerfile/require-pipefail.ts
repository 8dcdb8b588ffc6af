import { defineRule, DockerfileContext } from '../../engine/rule';
import { RunInstruction, Stage } from '../../engine/dockerfile/model';
import { shellAt, isPosixShell, inShebangHeredoc } from '../../engine/dockerfile/stages';
import { effectiveWords } from '../../engine/dockerfile/shell';
import { firstLineWithComments, insertLines } from '../../engine/fixes';
import { Fix } from '../../engine/types';
import { owaspRef, hadolintRef, dockerfileRef } from '../../engine/references';

/** `set -o pipefail` / `set -euo pipefail` earlier in the same RUN. */
function setsPipefail(run: RunInstruction, before: number): boolean {
  return run.commands.some(c => {
    const w = effectiveWords(c);
    return w[0]?.value === 'set' && w[0].start < before && w.some((x, k) => x.value === 'pipefail' && /^-[a-z]*o$/.test(w[k - 1]?.value ?? ''));
  });
}

export default defineRule({
  id: 'dockerfile/require-pipefail',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D08'],
  peers: ['hadolint DL4006', 'KICS shell_running_a_pipe_without_pipefail_flag', 'Semgrep set-pipefail'],
  fix: { safety: 'safe', description: 'insert SHELL ["/bin/bash", "-o", "pipefail", "-c"] (BusyBox/Alpine: /bin/sh, which is ash) before the RUN' },
  docs: {
    summary: 'A RUN pipes commands without `pipefail`, so a failure before the last `|` goes unnoticed.',
    why: 'A pipeline\'s status is its last command\'s. In `RUN curl -fsSL https://example.com/key | gpg --dearmor -o /usr/share/keyrings/x.gpg`, a failed or truncated download still "succeeds" when gpg exits 0, and the build continues with a broken or missing key, binary or config. With `pipefail` the build stops where it broke.',
    fix: 'Set the shell once per stage before such RUNs: `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (Debian, Ubuntu, RHEL), or `SHELL ["/bin/sh", "-o", "pipefail", "-c"]` on Alpine/BusyBox (ash supports it; Debian\'s dash does not). `set -o pipefail` at the start of the RUN works too. The quick fix inserts the SHELL line for the base image\'s distro.',
    invalid: ['FROM debian:bookworm-slim\nRUN curl -fsSL https://example.com/install.tgz | tar -xz -C /opt\n'],
    valid: ['FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/install.tgz | tar -xz -C /opt\n', 'FROM debian:bookworm-slim\nRUN set -eo pipefail; curl -fsSL https://example.com/x.tgz | tar -xz\n'],
    references: [owaspRef('D08'), dockerfileRef('SHELL'), hadolintRef('DL4006')],
    differences: 'An exec-form RUN never has a pipe: `RUN ["bash", "a", "|", "b"]` passes `|` as an argument, so it is not reported (KICS reports it). Commands run by PowerShell or cmd (a Windows SHELL) and heredoc bodies with their own interpreter are not judged. `RUN pwsh a | b` is reported (KICS skips it): the RUN still runs under /bin/sh, so the pipe is the shell\'s.',
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const missing: RunInstruction[] = [];
      for (const run of stage.runs) {
        if (run.execForm || run.onbuild) continue;
        const shell = shellAt(stage, run.instruction);
        if (!isPosixShell(shell) || shell.includes('pipefail')) continue;
        const pipe = run.commands.find(c => c.before === '|' && !inShebangHeredoc(ctx.model, run.instruction, c.words[0]?.start ?? 0));
        if (!pipe || setsPipefail(run, pipe.words[0].start)) continue;
        missing.push(run);
        const first = missing[0];
        const prev = run.commands[run.commands.indexOf(pipe) - 1];
        ctx.report({
          range: ctx.model.index.rangeOf(prev.words[0].start, pipe.words[pipe.words.length - 1].end),
          message: 'This pipe runs without pipefail: if a command before the last | fails, the RUN still succeeds and the build goes on with broken output. Set SHELL ["/bin/bash", "-o", "pipefail", "-c"] (ash: /bin/sh) before it.',
          fixes: () => { const f = shellFix(ctx, stage, first); return f ? [f] : []; },
        });
      }
    }
  },
});

function shellFix(ctx: DockerfileContext, stage: Stage, first: RunInstruction): Fix | null {
  const shell = stage.distro === 'alpine' || stage.distro === 'busybox' ? '/bin/sh' : stage.distro === 'debian' || stage.distro === 'rhel' ? '/bin/bash' : null;
  if (!shell) return null;
  const line = firstLineWithComments(ctx.model, first.instruction);
  return { title: `Insert SHELL ["${shell}", "-o", "pipefail", "-c"]`, safety: 'safe', edits: [insertLines(ctx.model, { line, character: 0 }, [`SHELL ["${shell}", "-o", "pipefail", "-c"]`])] };
}
