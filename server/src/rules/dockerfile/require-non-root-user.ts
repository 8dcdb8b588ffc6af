import { composeSetsNonRootUser } from '../../engine/compose/link';
import { defineRule } from '../../engine/rule';
import { effectiveUser } from '../../engine/dockerfile/model';
import { planNonRootUser, userInsertionPoint, insertLines } from '../../engine/fixes';

export default defineRule({
  id: 'dockerfile/require-non-root-user',
  target: 'dockerfile',
  severity: 'error',
  defaultOn: true,
  owasp: ['D01'],
  cwe: 'CWE-250',
  peers: ['Trivy DS-0002', 'Checkov CKV_DOCKER_3', 'KICS missing_user_instruction', 'Semgrep missing-user'],
  fix: { safety: 'unsafe', description: 'insert a user-creation block right for the base image\'s distro and a USER line before CMD/ENTRYPOINT' },
  docs: {
    summary: 'The image that ships never switches to a non-root user, so its process runs as root.',
    why: 'Without a USER instruction the container\'s process runs as uid 0. If the application is compromised, the attacker is root inside the container: they can change any file in it, install tools, and a single kernel or runtime escape makes them root on the host. Only the stage that ships counts: a builder stage that runs as root is fine.',
    fix: 'Create an unprivileged user with a fixed uid (for example 10001) in the final stage and switch to it with `USER 10001:10001` before CMD/ENTRYPOINT. The quick fix writes the commands that exist in the base image\'s distro (useradd on Debian/Ubuntu/RHEL, BusyBox adduser on Alpine), or a numeric USER where there is no shell (distroless, scratch). Files the app must write need to be owned by that user (`COPY --chown=10001:10001`).',
    invalid: [
      'FROM debian:bookworm-slim\nCOPY app /usr/local/bin/app\nCMD ["app"]\n',
      'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
    ],
    valid: [
      'FROM debian:bookworm-slim\nRUN useradd --system --uid 10001 app\nUSER 10001\nCMD ["app"]\n',
      'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      'FROM debian:bookworm-slim AS build\nRUN make\nFROM build AS final\nUSER 10001\n',
    ],
    options: [{ name: 'uid', description: 'the uid and gid the quick fix gives the user it creates (default 10001, or the editor setting `shipshape.fixUid`).' }],
    references: [
      { title: 'OWASP Docker Top 10 — D01 Secure User Mapping', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Dockerfile reference: USER', url: 'https://docs.docker.com/reference/dockerfile/#user' },
      { title: 'CWE-250: Execution with Unnecessary Privileges', url: 'https://cwe.mitre.org/data/definitions/250.html' },
    ],
    differences: 'KICS (missing_user_instruction) skips a `FROM scratch` final stage; Shipshape reports it, because an image without USER runs its process as uid 0 whatever its base, and scratch has no /etc/passwd to fall back on. The fix writes `USER 65534:65534`.',
    whenNotToUse: 'Images whose entrypoint must start as root and drops privileges itself (gosu/su-exec patterns, some database images). Suppress the finding with a reason in that case.',
  },
  check(ctx) {
    const stage = ctx.model.shippedStage;
    if (!stage) return;
    // the compose services that build this image all run it as a non-root user
    if (composeSetsNonRootUser(ctx.linkedServices)) return;
    // an image reference we cannot resolve is left alone rather than guessed at
    if (!stage.parent && stage.image === null) return;
    if (effectiveUser(stage).kind !== 'implicit-root') return;
    const from = stage.from;
    const range = from.getImageRange() ?? from.getRange();
    ctx.report({
      range,
      message: `The final stage (${stage.name ?? stage.image ?? 'FROM'}) has no USER, so the container runs as root. Create a non-root user and switch to it with USER before CMD/ENTRYPOINT.`,
      fixes: () => {
        const plan = planNonRootUser(stage, ctx.options);
        const at = userInsertionPoint(ctx.model, stage);
        return [{ title: `Add a non-root user (${plan.label})`, safety: 'unsafe', edits: [insertLines(ctx.model, at, [...plan.create, `USER ${plan.userRef}`])] }];
      },
    });
  },
});
