import { mutableTags } from '../../engine/options';
import { defineRule } from '../../engine/rule';
import { parseImageRef } from '../../engine/knowledge/base-images';
import { knownBaseImage } from '../../engine/dockerfile/stages';
import { hasVariables } from '../../engine/dockerfile/variables';
import { owaspRef, hadolintRef, dockerfileRef } from '../../engine/references';

export default defineRule({
  id: 'dockerfile/no-latest-tag',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D02', 'D08'],
  cwe: 'CWE-1357',
  peers: ['hadolint DL3007', 'Trivy DS-0001', 'Checkov CKV_DOCKER_7', 'KICS image_version_using_latest', 'Semgrep avoid-latest-version', 'Dockle DKL-DI-0006'],
  docs: {
    summary: 'A FROM uses the `latest` tag, so the base image changes under the build without notice.',
    why: '`latest` is whatever the publisher pushed last: two builds of the same Dockerfile can get different operating systems, runtimes and patches. You cannot tell which fixes an image contains, cannot rebuild a known-good image, and a breaking or compromised push reaches you silently. The tag is judged after ARG substitution, so `ARG TAG=latest` counts too.',
    fix: 'Pin a version tag that names what you depend on (`node:22-bookworm-slim`, `alpine:3.22`), and for full reproducibility a digest (`@sha256:…`). Update the pin deliberately (Dependabot and Renovate do this).',
    invalid: ['FROM alpine:latest\nUSER 10001\n', 'ARG TAG=latest\nFROM node:${TAG}\n'],
    valid: ['FROM alpine:3.22\n', 'FROM alpine:latest@sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1\n', 'ARG TAG\nFROM node:${TAG}\n'],
    options: [{ name: 'mutableTags', description: 'tags that move and so count like `latest` (default `[latest]`), e.g. `[latest, stable, edge, nightly]`.' }],
    references: [owaspRef('D02'), owaspRef('D08'), dockerfileRef('FROM'), hadolintRef('DL3007')],
    differences: 'A `latest` tag pinned by a digest (`x:latest@sha256:…`) is not reported: the digest fixes the image. A tag that comes from an ARG without a default is left alone, since its value is only known at build time.',
  },
  check(ctx) {
    const refused = mutableTags(ctx.ruleOptions);
    for (const stage of ctx.model.stages) {
      const image = knownBaseImage(stage);
      const ref = image ? parseImageRef(image) : null;
      if (!ref || !ref.tag || !refused.has(ref.tag.toLowerCase()) || ref.digest) continue;
      const from = stage.from;
      const range = (!hasVariables(stage.imageRaw) && from.getImageTagRange()) || from.getImageRange() || from.getRange();
      const via = hasVariables(stage.imageRaw) ? ` (${stage.imageRaw} resolves to ${image})` : '';
      ctx.report({ range, message: `FROM ${image}${via} uses the mutable ${ref.tag} tag: each build may get a different base image. Pin a version tag (and ideally a digest).` });
    }
  },
});
