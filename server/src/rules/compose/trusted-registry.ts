import { defineComposeRule } from '../../engine/rule';
import { owaspRef } from '../../engine/references';
import { serviceImage } from '../../engine/compose/images';
import { isTrustedImage, registryOf } from '../../engine/knowledge/registries';

export default defineComposeRule({
  id: 'compose/trusted-registry',
  target: 'compose',
  severity: 'error',
  defaultOn: false,
  owasp: ['D08'],
  cwe: 'CWE-829',
  peers: [],
  docs: {
    summary: 'The service\'s image comes from a registry that is not on the allow-list.',
    why: 'Where an image comes from decides who can change what you run. Pulling from an arbitrary registry or Docker Hub namespace trusts its owner, its security and everyone who can push to it; typosquatted and hijacked images are a known way malware reaches production. An allow-list keeps deployments to registries you control or have vetted.',
    fix: 'Pull the image from an allowed registry (mirror or re-publish it there after review), or add the registry to `trustedRegistries` in the policy file if it is one you trust. Patterns without `/` name registries (`ghcr.io`, `*.corp.example`); patterns with `/` name image paths (`ghcr.io/acme/*`, `docker.io/library/*`).',
    invalid: ['services:\n  web:\n    image: docker.io/someone/nginx:1.27\n'],
    valid: ['services:\n  web:\n    image: ghcr.io/acme/web:2.3\n'],
    exampleOptions: { trustedRegistries: ['ghcr.io/acme/*'] },
    references: [
      owaspRef('D08'),
      { title: 'Docker: registry mirrors and content trust', url: 'https://docs.docker.com/engine/security/trust/' },
      { title: 'hadolint DL3026 (the Dockerfile equivalent)', url: 'https://github.com/hadolint/hadolint/wiki/DL3026' },
    ],
    whenNotToUse: 'Without a `trustedRegistries` list the rule reports nothing.',
    differences: 'A service that also has `build:` is not judged: its `image:` names what Compose builds and pushes. An image from a variable without a default is left alone.',
  },
  check(ctx) {
    const patterns = ctx.trustedRegistries ?? [];
    if (!patterns.length) return;
    for (const service of ctx.model.services) {
      const img = serviceImage(service);
      if (!img || img.builds || !img.ref || isTrustedImage(img.ref, patterns)) continue;
      ctx.report({
        service, at: img.located,
        message: `Service '${service.name}' pulls ${img.image} from ${registryOf(img.ref)}, which is not on the trusted-registry allow-list (${patterns.join(', ')}). Use an image from an allowed registry or add this one to trustedRegistries.`,
      });
    }
  },
});
