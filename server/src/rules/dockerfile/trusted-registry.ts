import { defineRule } from '../../engine/rule';
import { knownBaseImage, stageReferences, findStage, stageNamesKey } from '../../engine/dockerfile/stages';
import { parseImageRef, ImageRef } from '../../engine/knowledge/base-images';
import { Range } from '../../engine/types';

export default defineRule({
  id: 'dockerfile/trusted-registry',
  scope: 'stage',
  stageKey: stageNamesKey,
  target: 'dockerfile',
  severity: 'error',
  defaultOn: false,
  owasp: ['D08'],
  cwe: 'CWE-829',
  peers: ['hadolint DL3026'],
  docs: {
    summary: 'A base image (or an image copied from) comes from a registry that is not on the allow-list.',
    why: 'Whoever controls the registry and repository an image comes from controls what runs in your build and your containers. Organisations keep a short list of registries they trust (their own mirror, vendors they vetted); an image from anywhere else has had no review, no scanning and no guarantee it will still be the same tomorrow.',
    fix: 'Use an image from a trusted registry (mirror the image you need into it), or, if the registry is trustworthy, add it to the allow-list (the `trustedRegistries` lint option, e.g. `["ghcr.io/acme/*", "docker.io"]`). A pattern without `/` names a registry host (`*.dkr.ecr.*.amazonaws.com`); with `/` it is matched against the full image name, Docker Hub images being `docker.io/library/<name>` and `docker.io/<org>/<name>` (`*` stays within one path segment, `**` crosses them).',
    invalid: ['FROM quay.io/someone/tool:1.4\n'],
    valid: ['FROM ghcr.io/acme/base:1.2\nCOPY --from=docker.io/library/busybox:1.36 /bin/busybox /bin/busybox\n'],
    exampleOptions: { trustedRegistries: ['ghcr.io/acme/*', 'docker.io/library/*'] },
    references: [
      { title: 'OWASP Docker Top 10 — D08 Container Image Integrity and Origin', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'hadolint DL3026', url: 'https://github.com/hadolint/hadolint/wiki/DL3026' },
    ],
    whenNotToUse: 'Without an allow-list the rule has nothing to compare with and reports nothing.',
    differences: 'Judged after ARG substitution and for `COPY --from=<image>` and `RUN --mount=from=<image>` too; stage names, `scratch` and unresolved images are skipped.',
  },
  check(ctx) {
    const allowed = (ctx.trustedRegistries ?? []).filter(p => p.trim() !== '');
    if (!allowed.length) return;
    const judge = (image: string, range: Range, how: string) => {
      const ref = parseImageRef(image);
      if (!ref || image.toLowerCase() === 'scratch' || isTrusted(ref, allowed)) return;
      ctx.report({ range, message: `${how} ${image} comes from ${imageName(ref)}, which is not on the trusted-registry allow-list (${allowed.join(', ')}). Use an image from a trusted registry, or add this one to the list.` });
    };
    for (const stage of ctx.model.stages) {
      const image = knownBaseImage(stage);
      const range = stage.from.getImageRange();
      if (image && range) judge(image, range, 'FROM');
      for (const ins of stage.instructions) {
        for (const ref of stageReferences(ins)) {
          if (findStage(ctx.model, ref.value, stage.index) || /^\d+$/.test(ref.value) || /\$/.test(ref.value)) continue;
          judge(ref.value, ref.flagRange, ins.getKeyword() === 'COPY' ? 'COPY --from' : 'RUN --mount from');
        }
      }
    }
  },
});

/** `node` → `docker.io/library/node`, `acme/app` → `docker.io/acme/app`, `ghcr.io/x/y` unchanged. */
export function imageName(ref: ImageRef): string {
  if (ref.registry) return `${ref.registry.toLowerCase()}/${ref.repository}`;
  return `docker.io/${ref.repository.includes('/') ? '' : 'library/'}${ref.repository}`;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.toLowerCase().split(/(\*\*|\*|\?)/).map(part =>
    part === '**' ? '.*' : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')).join('');
  return new RegExp(`^${body}(?:/.*)?$`);
}

/** A pattern without `/` names a registry host; with `/`, the full image name (or a path prefix of it). */
export function isTrusted(ref: ImageRef, patterns: string[]): boolean {
  const name = imageName(ref);
  const host = name.slice(0, name.indexOf('/'));
  return patterns.some(p => {
    const pattern = p.trim().replace(/\/+$/, '');
    return pattern.includes('/') ? globToRegExp(pattern).test(name) : globToRegExp(pattern).test(host);
  });
}
