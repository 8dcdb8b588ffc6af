import { defineRule } from '../../engine/rule';
import { effectiveWords, programName } from '../../engine/dockerfile/shell';

export default defineRule({
  id: 'dockerfile/no-password-change',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D01', 'D06'],
  cwe: 'CWE-798',
  peers: ['Checkov CKV2_DOCKER_17'],
  docs: {
    summary: 'A RUN step sets a password (chpasswd, passwd, usermod -p).',
    why: 'A password set in a Dockerfile is written in clear text into the Dockerfile and the image history, and gives the account a login credential that nobody rotates. Containers need no passwords: they start as the USER the image names, and an account with a known password (root especially) is a ready-made privilege escalation.',
    fix: 'Create users without a password (`useradd --system`, `adduser -D`) and switch with USER. If something must authenticate, pass the secret at run time (a mounted secret), not in the image.',
    invalid: ['FROM debian:bookworm-slim\nRUN echo "root:hunter2" | chpasswd\n', 'FROM debian:bookworm-slim\nRUN usermod -p "$HASH" app\n'],
    valid: ['FROM debian:bookworm-slim\nRUN useradd --system --uid 10001 app\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D01 Secure User Mapping', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'OWASP Docker Top 10 — D06 Protect Secrets', url: 'https://owasp.org/www-project-docker-top-10/' },
    ],
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const run of stage.runs) {
        run.commands.forEach((cmd, k) => {
          const prog = programName(cmd);
          const words = effectiveWords(cmd);
          const args = words.slice(1).map(w => w.value);
          let what: string | null = null;
          if (prog === 'chpasswd' || prog === 'chgpasswd') what = prog;
          else if (prog === 'usermod' && args.some(a => a === '-p' || a === '--password' || a.startsWith('--password='))) what = 'usermod -p';
          else if (prog === 'passwd' && (cmd.before === '|' || args.includes('--stdin'))) what = 'passwd reading from a pipe';
          else if (prog === 'passwd' && run.commands[k - 1]?.after === '|') what = 'passwd reading from a pipe';
          if (!what) return;
          ctx.report({
            range: ctx.model.index.rangeOf(words[0].start, words[words.length - 1].end),
            message: `${what} sets a password in the image: it is kept in the Dockerfile and image history. Create the user without a password and switch with USER.`,
          });
        });
      }
    }
  },
});
