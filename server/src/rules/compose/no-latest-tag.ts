import { mutableTags } from '../../engine/options';
import { defineComposeRule } from '../../engine/rule';
import { owaspRef } from '../../engine/references';
import { serviceImage } from '../../engine/compose/images';

export default defineComposeRule({
  id: 'compose/no-latest-tag',
  target: 'compose',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D02', 'D08'],
  cwe: 'CWE-1357',
  peers: ['dclint service-image-require-explicit-tag', 'compose-lint CL-0004'],
  docs: {
    summary: 'The service\'s image is untagged or uses `latest`.',
    why: 'An image with no tag is `:latest`, and `latest` is whatever the publisher pushed last. Each `docker compose pull` or new host can run different software: you cannot tell which patches are deployed, cannot roll back to a known-good version, and a breaking or compromised push reaches production without anyone choosing it.',
    fix: 'Pin a version tag (`postgres:17.2`, `redis:7.4-alpine`) and, for full reproducibility, a digest (`@sha256:…`). Let Dependabot or Renovate propose updates so that upgrades are deliberate.',
    invalid: ['services:\n  cache:\n    image: redis\n', 'services:\n  cache:\n    image: redis:latest\n'],
    valid: [
      'services:\n  cache:\n    image: redis:7.4-alpine\n',
      'services:\n  cache:\n    image: redis@sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1\n',
      'services:\n  app:\n    build: .\n    image: acme/app\n',
    ],
    options: [{ name: 'mutableTags', description: 'tags that move and so count like `latest` (default `[latest]`), e.g. `[latest, stable, edge, nightly]`.' }],
    references: [
      owaspRef('D02'),
      owaspRef('D08'),
      { title: 'Compose file reference: image', url: 'https://docs.docker.com/reference/compose-file/services/#image' },
      { title: 'Docker: image tags and digests', url: 'https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier' },
    ],
    differences: 'A service that also has `build:` is not reported: its `image:` names what Compose builds, not what it pulls. An image pinned by digest is not reported whatever its tag. A variable with a default (`redis:${TAG:-latest}`) is judged by its default; one without a default is left alone.',
  },
  check(ctx) {
    const refused = mutableTags(ctx.ruleOptions);
    for (const service of ctx.model.services) {
      const img = serviceImage(service);
      if (!img || img.builds || !img.ref || img.ref.digest) continue;
      const tag = img.ref.tag;
      if (tag !== null && !refused.has(tag.toLowerCase())) continue;
      const shown = img.image === img.raw.trim() ? img.raw.trim() : `${img.raw.trim()} (${img.image})`;
      ctx.report({
        service, at: img.located,
        message: tag === null
          ? `Service '${service.name}' uses ${shown} with no tag, which means :latest: every pull may run different software. Pin a version tag (and ideally a digest).`
          : `Service '${service.name}' uses ${shown}: ${tag} moves with every push, so deployments are not reproducible. Pin a version tag (and ideally a digest).`,
      });
    }
  },
});
