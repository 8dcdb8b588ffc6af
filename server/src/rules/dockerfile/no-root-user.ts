import { composeSetsNonRootUser } from '../../engine/compose/link';
import { defineRule } from '../../engine/rule';
import { effectiveUser, isRootUser, UserInstruction, Stage } from '../../engine/dockerfile/model';
import { planNonRootUser, userInsertionPoint, insertLines, replaceLines } from '../../engine/fixes';
import { DockerfileContext } from '../../engine/rule';
import { Fix } from '../../engine/types';

export default defineRule({
  id: 'dockerfile/no-root-user',
  target: 'dockerfile',
  severity: 'error',
  defaultOn: true,
  owasp: ['D01'],
  cwe: 'CWE-250',
  peers: ['hadolint DL3002', 'Trivy DS-0002', 'Checkov CKV_DOCKER_8', 'KICS last_user_is_root', 'Semgrep last-user-is-root'],
  fix: { safety: 'unsafe', description: 'switch to a non-root user, creating it if the file does not' },
  docs: {
    summary: 'The last USER of the image that ships is root, so its process runs as root.',
    why: 'A final `USER root` (or `0`, `root:…`, `0:…`, also through an ARG) makes the container run as uid 0. A compromised application then has full control of the container, and any escape lands as root on the host. Switching to root for an install step is fine as long as the stage switches back before it ends; a builder stage that stays root is fine too, because it does not ship.',
    fix: 'Switch back to an unprivileged user after the steps that need root: `USER 10001:10001`. The quick fix replaces the final `USER root` (creating the user when the file has none), or, when RUN steps after it need root, adds the switch after them.',
    invalid: [
      'FROM debian:bookworm-slim\nRUN useradd --uid 10001 app\nUSER root\nCMD ["app"]\n',
      'FROM alpine:3.20\nARG RUN_AS=0\nUSER ${RUN_AS}\n',
    ],
    valid: [
      'FROM debian:bookworm-slim\nUSER root\nRUN apt-get update\nUSER 10001\n',
      'FROM debian:bookworm-slim AS build\nUSER root\nRUN make\nFROM debian:bookworm-slim\nUSER 10001:10001\n',
    ],
    options: [{ name: 'uid', description: 'the uid and gid the quick fix gives the user it creates (default 10001, or the editor setting `shipshape.fixUid`).' }],
    references: [
      { title: 'OWASP Docker Top 10 — D01 Secure User Mapping', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Dockerfile reference: USER', url: 'https://docs.docker.com/reference/dockerfile/#user' },
      { title: 'hadolint DL3002', url: 'https://github.com/hadolint/hadolint/wiki/DL3002' },
    ],
    whenNotToUse: 'Images whose entrypoint starts as root on purpose and drops privileges itself (gosu/su-exec). Suppress with a reason.',
  },
  check(ctx) {
    const stage = ctx.model.shippedStage;
    if (!stage) return;
    // the compose services that build this image all run it as a non-root user
    if (composeSetsNonRootUser(ctx.linkedServices)) return;
    const eff = effectiveUser(stage);
    if (eff.kind === 'instruction' && isRootUser(eff.user.user)) {
      const inherited = eff.stage !== stage;
      ctx.report({
        range: eff.user.argsRange,
        message: inherited
          ? `The final stage inherits USER ${eff.user.raw} from stage ${eff.stage.name ?? eff.stage.index} and never switches away, so the container runs as root. Add a USER with a non-root user to the final stage.`
          : `USER ${eff.user.raw} is the last USER of the final stage, so the container runs as root. Switch to a non-root user after the steps that need root.`,
        fixes: () => [switchFix(ctx, stage, inherited ? null : eff.user)],
      });
    }
    // ONBUILD USER root makes every image built FROM this one run as root
    for (const u of stage.users) {
      if (u.onbuild && isRootUser(u.user)) {
        ctx.report({ range: u.argsRange, message: `ONBUILD USER ${u.raw} makes images built FROM this one run as root. Use a non-root user.` });
      }
    }
  },
});

function switchFix(ctx: DockerfileContext, stage: Stage, rootUser: UserInstruction | null): Fix {
  const plan = planNonRootUser(stage, ctx.options);
  const userLine = `USER ${plan.userRef}`;
  const title = `Switch to a non-root user (${plan.label})`;
  const line = rootUser?.instruction.getRange().start.line ?? -1;
  const runAfter = rootUser !== null && stage.instructions.some(i => i.getKeyword() === 'RUN' && i.getRange().start.line > line);
  if (rootUser && !runAfter) {
    // nothing after the USER root needs root: replace it in place (all its lines, continuations included)
    return { title, safety: 'unsafe', edits: [replaceLines(ctx.model, line, rootUser.instruction.getRange().end.line, [...plan.create, userLine])] };
  }
  return { title, safety: 'unsafe', edits: [insertLines(ctx.model, userInsertionPoint(ctx.model, stage), [...plan.create, userLine])] };
}
