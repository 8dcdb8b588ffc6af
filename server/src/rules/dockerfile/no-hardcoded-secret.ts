import { defineRule } from '../../engine/rule';
import { findSecretValues } from '../../engine/knowledge/secrets';
import { stageSpan } from '../../engine/dockerfile/stages';

export default defineRule({
  id: 'dockerfile/no-hardcoded-secret',
  // each stage's stretch of text (comments included) is read on its own; the first one from the top of the file
  scope: 'stage',
  stageKey: (view, stage) => { const { start, end } = stageSpan(view, stage); return view.text.slice(start, end); },
  target: 'dockerfile',
  severity: 'error',
  defaultOn: true,
  owasp: ['D06'],
  cwe: 'CWE-798',
  peers: ['KICS passwords_and_secrets'],
  docs: {
    summary: 'A credential is written literally in the Dockerfile (private key, cloud or Git-host token, JWT, password in a URL).',
    why: 'A credential written in a Dockerfile is readable by everyone who can read the repository, and when it appears in an instruction it is also kept in the image (its config or its history), where deleting it in a later layer does not remove it. Leaked tokens are harvested from public repositories and images within minutes.',
    fix: 'Revoke the credential now: it has been exposed. Then pass it at build time as a secret (`RUN --mount=type=secret,id=…`) or at run time through the orchestrator\'s secrets, and keep it out of the file.',
    invalid: [
      'FROM alpine:3.20\nRUN git clone https://ci:glpat-Zx8QmT2vK9pLr4sN7wYb@gitlab.com/acme/tools.git\n',
    ],
    valid: [
      'FROM alpine:3.20\nRUN --mount=type=secret,id=gitlab_token git clone "https://ci:$(cat /run/secrets/gitlab_token)@gitlab.com/acme/tools.git"\n',
    ],
    references: [
      { title: 'OWASP Docker Top 10 — D06 Protect Secrets', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Docker: build secrets', url: 'https://docs.docker.com/build/building/secrets/' },
      { title: 'GitHub: token formats', url: 'https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/' },
      { title: 'GitLab: token prefixes', url: 'https://docs.gitlab.com/ee/security/tokens/' },
    ],
    differences: 'Shipshape matches provider formats (table dated 2026-11-29: PEM private-key blocks, AWS access key ids, GitHub, GitLab, Slack, Stripe, npm, Google, SendGrid tokens, JWTs, URLs with a literal password) rather than entropy, so random-looking hashes and checksums are not reported; the AWS documentation\'s `…EXAMPLE` keys and `$VAR`/placeholder passwords in URLs are skipped.',
  },
  check(ctx) {
    const { model } = ctx;
    // stage by stage (they cover the whole text); a file without FROM is read whole
    const spans = model.stages.length ? model.stages.map(s => stageSpan(model, s)) : model.whole ? [] : [{ start: 0, end: model.text.length }];
    for (const { start, end } of spans) {
      let lastEnd = -1;
      for (const match of findSecretValues(model.text.slice(start, end))) {
        if (match.start < lastEnd) continue; // one finding per credential even when two formats overlap
        lastEnd = match.end;
        ctx.report({
          range: model.index.rangeOf(start + match.start, start + match.end),
          message: `${match.label[0].toUpperCase()}${match.label.slice(1)} is written in the Dockerfile: it is exposed to anyone with the file or the image. Revoke it, and pass it as a secret (RUN --mount=type=secret) instead.`,
        });
      }
    }
  },
});
