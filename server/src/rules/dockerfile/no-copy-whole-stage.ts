import { defineRule } from '../../engine/rule';
import { copyInstructions } from '../../engine/dockerfile/copies';
import { shippableStages } from '../../engine/dockerfile/stages';

export default defineRule({
  id: 'dockerfile/no-copy-whole-stage',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D06', 'D04'],
  peers: ['hadolint DL3067'],
  docs: {
    summary: 'COPY --from=<stage> / copies the whole filesystem of another stage into the image.',
    why: 'The point of a builder stage is that its compilers, package caches, source code, credentials used during the build (`.npmrc`, `~/.ssh`, cloud configs) and root-owned configuration stay behind. Copying its root directory brings all of that into the image that ships, along with every setuid binary of the builder\'s base.',
    fix: 'Copy only the build output: `COPY --from=build /app/dist /app/dist` (and its runtime dependencies). For a static binary, copy the one file.',
    invalid: ['FROM golang:1.22 AS build\nRUN go build -o /out/app ./cmd/app\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build / /\n'],
    valid: ['FROM golang:1.22 AS build\nRUN go build -o /out/app ./cmd/app\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D06 Protect Secrets', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'OWASP Docker Top 10 — D04 Secure Defaults and Hardening', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Docker: multi-stage builds', url: 'https://docs.docker.com/build/building/multi-stage/' },
    ],
    whenNotToUse: 'Flattening a root filesystem on purpose (`FROM scratch` + `COPY --from=rootfs / /` to squash layers) where the source stage is already the minimal runtime.',
    differences: 'Only stages that can ship are judged: a `COPY --from=x /` into an intermediate stage that nothing ships is left alone.',
  },
  check(ctx) {
    const shipping = shippableStages(ctx.model);
    for (const copy of copyInstructions(ctx.model)) {
      const from = copy.flags.get('from');
      if (!from || copy.keyword !== 'COPY' || !shipping.has(copy.stage)) continue;
      const whole = copy.sources.find(s => /^\/+(?:\.|\*)?$/.test(s.resolved ?? s.raw));
      if (!whole) continue;
      ctx.report({
        range: whole.range,
        message: `COPY --from=${from.value} / copies that stage's whole filesystem (build tools, caches, credentials used while building) into the image. Copy only the build output.`,
      });
    }
  },
});
