import { defineRule, DockerfileContext } from '../../engine/rule';
import { RunInstruction, Stage, isRootUser, UserInstruction } from '../../engine/dockerfile/model';
import { ShellCommand, effectiveWords, programName, SUDO_VALUED } from '../../engine/dockerfile/shell';
import { Fix, TextEdit } from '../../engine/types';
import { insertLines } from '../../engine/fixes';

export default defineRule({
  id: 'dockerfile/no-sudo',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'error',
  defaultOn: true,
  owasp: ['D01', 'D04'],
  cwe: 'CWE-250',
  peers: ['hadolint DL3004', 'Trivy DS-0010', 'Checkov CKV2_DOCKER_1', 'KICS run_using_sudo', 'Semgrep no-sudo-in-dockerfile', 'Dockle DKL-DI-0001'],
  fix: { safety: 'unsafe', description: 'drop sudo; when the step runs as a non-root user, wrap it in USER root … USER <user>' },
  docs: {
    summary: 'A RUN step uses sudo.',
    why: 'sudo in an image means a setuid-root binary and a sudoers policy ship with it: anyone who gets a shell as the app user may become root, which undoes the non-root user. During the build sudo is pointless: steps run as the USER in effect, so use `USER root` for the steps that need root and switch back afterwards. sudo also behaves unpredictably without a TTY and a password.',
    fix: 'Remove `sudo`. If the step must run as root while the stage has switched to a non-root user, put `USER root` before it and switch back with `USER <user>` after it — the quick fix does both.',
    invalid: [
      'FROM debian:bookworm-slim\nRUN sudo apt-get update\n',
    ],
    valid: [
      'FROM debian:bookworm-slim\nUSER root\nRUN apt-get update\nUSER 10001\n',
    ],
    references: [
      { title: 'OWASP Docker Top 10 — D01 Secure User Mapping', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Dockerfile best practices: USER', url: 'https://docs.docker.com/build/building/best-practices/#user' },
      { title: 'hadolint DL3004', url: 'https://github.com/hadolint/hadolint/wiki/DL3004' },
    ],
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const run of stage.runs) {
        for (const cmd of run.commands) {
          const words = effectiveWords(cmd, true);
          if (programName(cmd, true) !== 'sudo') continue;
          const sudo = words[0];
          const range = ctx.model.index.rangeOf(sudo.start, sudo.end);
          ctx.report({
            range,
            message: 'sudo in a RUN step: build steps already run as the USER in effect, and shipping sudo lets the app user become root. Use USER root for this step instead.',
            fixes: run.execForm ? undefined : () => [removeSudoFix(ctx, stage, run, cmd)],
          });
        }
      }
    }
  },
});

/** Deletes `sudo` and its options, and wraps the RUN in USER root … USER <user> when it runs as non-root. */
function removeSudoFix(ctx: DockerfileContext, stage: Stage, run: RunInstruction, cmd: ShellCommand): Fix {
  const words = effectiveWords(cmd, true);
  let k = 1;
  while (k < words.length && words[k].value.startsWith('-')) {
    if (words[k].value === '--') { k++; break; }
    k += SUDO_VALUED.has(words[k].value) ? 2 : 1;
  }
  const index = ctx.model.index;
  const end = k < words.length ? words[k].start : words[words.length - 1].end;
  const edits: TextEdit[] = [{ range: index.rangeOf(words[0].start, end), newText: '' }];
  const active = userAt(stage, run.instruction.getRange().start.line);
  if (!run.onbuild && active && !isRootUser(active.user)) {
    edits.push(insertLines(ctx.model, { line: run.instruction.getRange().start.line, character: 0 }, ['USER root']));
    edits.push(insertLines(ctx.model, { line: run.instruction.getRange().end.line + 1, character: 0 }, [`USER ${active.raw}`]));
  }
  return { title: 'Remove sudo', safety: 'unsafe', edits };
}

/** The USER in effect at a line of the stage (its own USERs only; inherited ones count as set before it). */
function userAt(stage: Stage, line: number): UserInstruction | null {
  let current: UserInstruction | null = null;
  for (let s: Stage | null = stage; s && !current; s = s.parent) {
    const before = s.users.filter(u => !u.onbuild && (s !== stage || u.instruction.getRange().start.line < line));
    current = before.length ? before[before.length - 1] : null;
  }
  return current;
}
