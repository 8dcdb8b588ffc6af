import { defineRule } from '../../engine/rule';
import { parseImageRef } from '../../engine/knowledge/base-images';
import { knownBaseImage } from '../../engine/dockerfile/stages';
import { owaspRef, hadolintRef, dockerfileRef } from '../../engine/references';

export default defineRule({
  id: 'dockerfile/require-image-tag',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D02', 'D08'],
  cwe: 'CWE-1357',
  peers: ['hadolint DL3006', 'Trivy DS-0001', 'KICS image_version_not_explicit', 'Semgrep missing-image-version'],
  docs: {
    summary: 'A FROM names an image without a tag or digest, so it silently means `latest`.',
    why: 'An untagged image reference is pulled as `:latest`, the tag the publisher moves with every push. The build is not reproducible, you cannot tell which patches the base contains, and a breaking or malicious push reaches you without any change on your side.',
    fix: 'Add the version you depend on (`FROM python:3.12-slim`), and for full reproducibility a digest (`@sha256:…`). Earlier stages (`FROM builder`), `scratch` and images whose name comes from an ARG without a default are not reported.',
    invalid: ['FROM alpine\n', 'ARG BASE=debian\nFROM ${BASE}\n'],
    valid: ['FROM alpine:3.22\n', 'FROM golang:1.25 AS build\nFROM build\n', 'FROM scratch\n', 'ARG IMAGE=alpine:3.22\nFROM ${IMAGE}\n', 'ARG IMAGE\nFROM ${IMAGE}\n'],
    references: [owaspRef('D02'), owaspRef('D08'), dockerfileRef('FROM'), hadolintRef('DL3006')],
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const image = knownBaseImage(stage);
      const ref = image ? parseImageRef(image) : null;
      if (!ref || ref.tag || ref.digest || ref.repository === 'scratch') continue;
      const range = stage.from.getImageRange() ?? stage.from.getRange();
      const via = image !== stage.imageRaw ? ` (${stage.imageRaw} resolves to ${image})` : '';
      ctx.report({ range, message: `FROM ${image}${via} has no tag, so it means ${image}:latest and changes with every push. Pin a version tag (and ideally a digest).` });
    }
  },
});
