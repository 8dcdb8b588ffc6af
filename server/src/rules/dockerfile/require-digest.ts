import { defineRule } from '../../engine/rule';
import { knownBaseImage } from '../../engine/dockerfile/stages';
import { parseImageRef } from '../../engine/knowledge/base-images';

export default defineRule({
  id: 'dockerfile/require-digest',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'info',
  defaultOn: false,
  owasp: ['D08'],
  cwe: 'CWE-494',
  peers: ['Semgrep dockerfile-source-not-pinned'],
  docs: {
    summary: 'A base image is referenced by tag only, not pinned by digest (@sha256:…).',
    why: 'A tag is a pointer the publisher (or anyone who takes over the repository or the registry path) can move: the same Dockerfile builds from different content on different days. A digest names exact content, so the build gets the image that was reviewed and scanned, and a tampered tag cannot slip in.',
    fix: 'Pin the digest next to the tag, which keeps it readable: `FROM node:20.11-slim@sha256:<digest>` (`docker buildx imagetools inspect node:20.11-slim` prints it). Let a bot (Renovate, Dependabot) update the digest so patches still arrive.',
    invalid: ['FROM python:3.12-slim\n'],
    valid: ['FROM python:3.12-slim@sha256:2b0079146a74e23bf4ae8f6a28e1b484c6292f6fb904cbb51825b4a19812fcd8\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D08 Container Image Integrity and Origin', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Docker: pin base image versions', url: 'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions' },
    ],
    whenNotToUse: 'Projects that want base-image patches the moment the tag moves and have no bot to bump digests.',
    differences: 'Judged after ARG substitution; earlier stages, `scratch` and images that depend on an unknown build argument are not reported.',
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const image = knownBaseImage(stage);
      if (!image || image.toLowerCase() === 'scratch') continue;
      const ref = parseImageRef(image);
      if (!ref || ref.digest) continue;
      const range = stage.from.getImageRange();
      if (!range) continue;
      ctx.report({ range, message: `FROM ${image} is not pinned by digest: the tag can move to other content. Pin it: ${image}@sha256:<digest>.` });
    }
  },
});
