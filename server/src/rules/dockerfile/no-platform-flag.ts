import { defineRule } from '../../engine/rule';
import { hasVariables } from '../../engine/dockerfile/variables';
import { hadolintRef, dockerfileRef } from '../../engine/references';

export default defineRule({
  id: 'dockerfile/no-platform-flag',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'info',
  defaultOn: false,
  owasp: [],
  peers: ['hadolint DL3029', 'KICS using_platform_with_from', 'BuildKit FromPlatformFlagConstDisallowed'],
  docs: {
    summary: '`FROM --platform=` is set to a constant, so the image cannot be built for other platforms.',
    why: 'A fixed platform makes every build use that architecture, even `docker buildx build --platform linux/amd64,linux/arm64`: the other builds get emulated or wrong binaries. The flag is meant for cross-compiling with the automatic `$BUILDPLATFORM` / `$TARGETPLATFORM`.',
    fix: 'Drop the flag, or use `FROM --platform=$BUILDPLATFORM golang:1.25 AS build` for a cross-compiling builder stage.',
    invalid: ['FROM --platform=linux/amd64 debian:bookworm-slim\n'],
    valid: ['FROM --platform=$BUILDPLATFORM golang:1.25 AS build\n', 'FROM debian:bookworm-slim\n'],
    references: [dockerfileRef('FROM'), hadolintRef('DL3029')],
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const flag = stage.from.getPlatformFlag();
      const value = flag?.getValue();
      if (!flag || !value || hasVariables(value)) continue;
      ctx.report({ range: flag.getRange(), message: `--platform=${value} pins every build of this stage to ${value}, even multi-platform builds. Remove it, or use $BUILDPLATFORM/$TARGETPLATFORM.` });
    }
  },
});
