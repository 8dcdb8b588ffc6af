import { defineComposeRule } from '../../engine/rule';
import { owaspRef } from '../../engine/references';
import { serviceImage } from '../../engine/compose/images';

export default defineComposeRule({
  id: 'compose/require-digest',
  target: 'compose',
  severity: 'info',
  defaultOn: false,
  owasp: ['D08'],
  cwe: 'CWE-494',
  peers: ['compose-lint CL-0019'],
  docs: {
    summary: 'The service\'s image is not pinned by digest.',
    why: 'A tag is a movable name: the publisher, or anyone who takes over their account or registry, can point `postgres:17` at different content, and every host that pulls afterwards runs it. Only a digest (`@sha256:…`) names one exact image, so what you reviewed is what runs.',
    fix: 'Append the digest of the image you tested: `image: postgres:17.2@sha256:…` (`docker buildx imagetools inspect postgres:17.2` prints it). Keep the tag for readability; tools like Renovate update tag and digest together.',
    invalid: ['services:\n  db:\n    image: postgres:17.2\n'],
    valid: ['services:\n  db:\n    image: postgres:17.2@sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1\n'],
    references: [
      owaspRef('D08'),
      { title: 'Docker: pull an image by digest', url: 'https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier' },
      { title: 'Compose file reference: image', url: 'https://docs.docker.com/reference/compose-file/services/#image' },
    ],
    whenNotToUse: 'In development stacks where picking up the newest patch of a tag is wanted and reproducibility is not.',
    differences: 'A service that also has `build:` is not reported: its `image:` names what Compose builds. A variable without a default is left alone.',
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      const img = serviceImage(service);
      if (!img || img.builds || !img.ref || img.ref.digest) continue;
      ctx.report({
        service, at: img.located,
        message: `Service '${service.name}' pulls ${img.image ?? img.raw} by tag only: the tag can be moved to other content. Pin it with @sha256:<digest>.`,
      });
    }
  },
});
