import { defineRule } from '../../engine/rule';
import { copyInstructions, isGitSource, isRemoteSource } from '../../engine/dockerfile/copies';

export default defineRule({
  id: 'dockerfile/require-add-checksum',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D08'],
  cwe: 'CWE-494',
  peers: ['KICS curl_or_wget_instead_of_add'],
  docs: {
    summary: 'ADD downloads a URL (or a git repository) without `--checksum`, so nothing checks what arrives.',
    why: 'ADD <url> puts whatever the server returns into the image, at build time, with no integrity check: a compromised server, CDN or DNS answer, or simply a changed release file, changes the image without any change to the Dockerfile. Builds are not reproducible either.',
    fix: 'Pin the content: `ADD --checksum=sha256:<digest> https://…/tool.tar.gz /tmp/` (Dockerfile syntax 1.6+ for URLs; for git, pin a full commit id: `ADD https://github.com/org/repo.git#<40-hex-commit>`), or download with curl and verify with `sha256sum -c` in a RUN step.',
    invalid: ['FROM debian:bookworm-slim\nADD https://example.com/tool.tar.gz /tmp/\n'],
    valid: ['FROM debian:bookworm-slim\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /tmp/\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D08 Container Image Integrity and Origin', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Dockerfile reference: ADD --checksum', url: 'https://docs.docker.com/reference/dockerfile/#add---checksum' },
    ],
    differences: 'KICS asks for curl or wget instead of ADD; Shipshape accepts ADD once it is pinned with `--checksum` (or, for git, a full commit id), since that is the stronger guarantee. ADD of a local file is `dockerfile/prefer-copy-over-add`.',
  },
  check(ctx) {
    for (const copy of copyInstructions(ctx.model)) {
      if (copy.keyword !== 'ADD' || copy.flags.has('checksum')) continue;
      for (const src of copy.sources) {
        const value = src.resolved ?? src.raw;
        if (src.heredoc || !isRemoteSource(value)) continue;
        const git = isGitSource(value);
        if (git && /#[0-9a-f]{40}(?::|$)/i.test(value)) continue; // pinned to a commit
        ctx.report({
          range: src.range,
          message: git
            ? `ADD of the git repository ${src.raw} follows a branch or tag that can move: pin a full commit id (#<sha>) or --checksum, so the build gets the content you reviewed.`
            : `ADD downloads ${src.raw} without --checksum: whatever the server returns goes into the image. Add --checksum=sha256:<digest> (or download and verify with sha256sum in RUN).`,
        });
      }
    }
  },
});
