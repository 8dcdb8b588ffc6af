import { defineRule } from '../../engine/rule';
import { credentialFileKind } from '../../engine/knowledge/secrets';
import { copyInstructions, isRemoteSource } from '../../engine/dockerfile/copies';

// CA certificates are installed into these directories: a `.pem` there is public by construction
const CERTIFICATE_DIRS = /^\/(?:usr\/local\/share\/ca-certificates|usr\/share\/ca-certificates|etc\/ssl\/certs|etc\/pki\/ca-trust\/source\/anchors)(?:\/|$)/;

export default defineRule({
  id: 'dockerfile/no-secret-files',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'error',
  defaultOn: true,
  owasp: ['D06'],
  cwe: 'CWE-538',
  peers: ['Trivy DS-0031', 'Dockle CIS-DI-0010'],
  docs: {
    summary: 'COPY or ADD puts a credential file (.env, SSH or TLS private key, .npmrc, .netrc, cloud credentials) into the image.',
    why: 'Every COPY and ADD becomes a layer. A key or token file copied in is readable by anyone who pulls the image, and removing it in a later step does not help: the earlier layer still holds it (`docker save` and any layer-extraction tool show it).',
    fix: 'Keep credential files out of the image. A build step that needs one mounts it only for that step: `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci` (or `--mount=type=ssh` for SSH keys). The application gets its runtime credentials from a mounted secret, not from the image. Add the file to `.dockerignore` too.',
    invalid: [
      'FROM node:20-slim\nWORKDIR /app\nCOPY .npmrc package.json package-lock.json ./\nRUN npm ci\n',
    ],
    valid: [
      'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n',
      'FROM debian:bookworm-slim\nCOPY certs/corp-root-ca.pem /usr/local/share/ca-certificates/corp-root-ca.crt\nCOPY .env.example /app/.env.example\n',
    ],
    references: [
      { title: 'OWASP Docker Top 10 — D06 Protect Secrets', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Docker: build secrets and SSH mounts', url: 'https://docs.docker.com/build/building/secrets/' },
    ],
    differences: 'Matched by file name (`.env`, `id_rsa*`, `*.pem`, `*.key`, `*.p12`, `credentials.json`, `.npmrc`, `.netrc`, `.pypirc`, `.git-credentials`, `.docker/config.json`, anything under `.aws/`, `.ssh/`, `.gnupg/`), in the sources and in the destination (`COPY deploy_key /root/.ssh/id_ed25519`). Template copies (`.env.example`, `*.sample`), public keys (`*.pub`), certificates and CA bundles (`ca.pem`, `fullchain.pem`, anything copied into a CA-certificates directory) are not reported.',
  },
  check(ctx) {
    for (const copy of copyInstructions(ctx.model)) {
      const dest = copy.destination?.resolved ?? copy.destination?.raw ?? '';
      if (CERTIFICATE_DIRS.test(dest)) continue;
      let reported = false;
      for (const src of copy.sources) {
        if (src.heredoc || isRemoteSource(src.raw)) continue;
        const kind = credentialFileKind(src.resolved ?? src.raw);
        if (!kind) continue;
        reported = true;
        ctx.report({
          range: src.range,
          message: `${copy.keyword} of ${src.raw} puts ${kind} into an image layer, where anyone who pulls the image can read it (deleting it later does not remove it). Mount it only for the step that needs it: RUN --mount=type=secret.`,
        });
      }
      const destKind = copy.destination && !copy.destination.heredoc && !dest.endsWith('/') ? credentialFileKind(dest) : null;
      if (!reported && destKind && copy.sources.some(s => !s.heredoc) && copy.destination) {
        ctx.report({
          range: copy.destination.range,
          message: `${copy.keyword} to ${copy.destination.raw} installs ${destKind} in an image layer, where anyone who pulls the image can read it. Mount it only for the step that needs it: RUN --mount=type=secret (or --mount=type=ssh).`,
        });
      }
    }
  },
});
