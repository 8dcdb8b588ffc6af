import { defineRule } from '../../engine/rule';
import { copyInstructions, isLocalArchive, isRemoteSource } from '../../engine/dockerfile/copies';

// flags only ADD understands: with one of these, ADD → COPY would change the meaning
const ADD_ONLY_FLAGS = ['checksum', 'keep-git-dir', 'unpack'];

export default defineRule({
  id: 'dockerfile/prefer-copy-over-add',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D08'],
  cwe: 'CWE-610',
  peers: ['hadolint DL3020', 'Trivy DS-0005', 'Checkov CKV_DOCKER_4', 'KICS add_instead_of_copy', 'Semgrep prefer-copy-over-add', 'Dockle CIS-DI-0009'],
  fix: { safety: 'safe', description: 'replace ADD with COPY' },
  docs: {
    summary: 'ADD copies a local file that is not an archive to unpack: COPY says what it does.',
    why: 'ADD does more than copy: given a URL it downloads, given a tar archive it unpacks. When the source changes (a file renamed to `.tar.gz`, a path replaced by a URL through a build argument), the same line silently starts fetching remote content or extracting archives into the image. COPY only copies, so what the line does cannot change under you.',
    fix: 'Use COPY for local files and directories. Keep ADD for the two things only it does: unpacking a local tar archive, and fetching a remote file with `--checksum=sha256:…`.',
    invalid: ['FROM debian:bookworm-slim\nADD app.jar /opt/app/app.jar\n'],
    valid: [
      'FROM debian:bookworm-slim\nCOPY app.jar /opt/app/app.jar\nADD rootfs.tar.gz /\n',
      'FROM debian:bookworm-slim\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /tmp/\n',
    ],
    references: [
      { title: 'OWASP Docker Top 10 — D08 Container Image Integrity and Origin', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Dockerfile best practices: ADD or COPY', url: 'https://docs.docker.com/build/building/best-practices/#add-or-copy' },
      { title: 'hadolint DL3020', url: 'https://github.com/hadolint/hadolint/wiki/DL3020' },
    ],
    differences: 'Remote sources (URLs, git) are left to `dockerfile/require-add-checksum`, which asks for `--checksum` rather than a rewrite. A source whose name is a variable is reported like any local file, as KICS and hadolint do, since an archive would normally be named with its extension.',
  },
  check(ctx) {
    for (const copy of copyInstructions(ctx.model)) {
      if (copy.keyword !== 'ADD' || copy.sources.length === 0) continue;
      const sources = copy.sources.filter(s => !s.heredoc);
      if (sources.length === 0) continue;
      const remoteOrArchive = sources.some(s => isRemoteSource(s.resolved ?? s.raw) || isLocalArchive(s.resolved ?? s.raw) || isLocalArchive(s.raw));
      if (remoteOrArchive) continue;
      const keywordRange = copy.instruction.getInstructionRange();
      const fixable = !ADD_ONLY_FLAGS.some(f => copy.flags.has(f));
      ctx.report({
        range: keywordRange,
        message: `ADD of ${sources.map(s => s.raw).join(', ')}: a local file that is not an archive. Use COPY, which only copies; ADD would also download URLs and unpack archives if the source ever changes.`,
        fixes: fixable ? () => [{ title: 'Replace ADD with COPY', safety: 'safe', edits: [{ range: keywordRange, newText: 'COPY' }] }] : undefined,
      });
    }
  },
});
