import { defineRule } from '../../engine/rule';
import { resolveAt } from '../../engine/dockerfile/stages';
import { hadolintRef, dockerfileRef } from '../../engine/references';

export default defineRule({
  id: 'dockerfile/absolute-workdir',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'warning',
  defaultOn: true,
  owasp: [],
  peers: ['hadolint DL3000', 'Trivy DS-0009', 'Checkov CKV_DOCKER_10', 'KICS workdir_path_not_absolute', 'BuildKit WorkdirRelativePath'],
  docs: {
    summary: 'WORKDIR is a relative path, so where it lands depends on the WORKDIR before it (or the base image\'s).',
    why: 'A relative WORKDIR is resolved against the previous working directory, which may come from the base image and change when the base changes. Files then land somewhere other than the COPY and CMD lines assume.',
    fix: 'Use an absolute path: `WORKDIR /app`. Windows paths (`C:\\\\app`) count as absolute. Paths from variables are judged after substitution and left alone when a value is unknown.',
    invalid: ['FROM debian:bookworm-slim\nWORKDIR app\n'],
    valid: ['FROM debian:bookworm-slim\nWORKDIR /app\n', 'FROM debian:bookworm-slim\nENV HOME_DIR=/srv\nWORKDIR $HOME_DIR/app\n', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\\\app\n'],
    references: [dockerfileRef('WORKDIR'), hadolintRef('DL3000')],
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const ins of stage.instructions) {
        if (ins.getKeyword() !== 'WORKDIR' || !ins.getArgumentsRange()) continue;
        const raw = ctx.model.index.slice(ins.getArgumentsRange()!).trim().replace(/^(["'])(.*)\1$/, '$2');
        const path = resolveAt(stage, ins, raw, ctx.model.escape);
        if (path === null || path === '' || path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.startsWith('\\')) continue;
        ctx.report({ range: ins.getArgumentsRange()!, message: `WORKDIR ${raw} is relative, so it depends on the previous working directory (possibly the base image's). Use an absolute path such as /${path}.` });
      }
    }
  },
});
