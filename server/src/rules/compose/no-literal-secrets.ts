import { defineComposeRule } from '../../engine/rule';
import { owaspRef } from '../../engine/references';
import { literalSecrets, moveToSecretEdits, secretNameFor } from '../../engine/compose/secret-entries';
import { allowedSecretNames } from '../../engine/options';

export default defineComposeRule({
  id: 'compose/no-literal-secrets',
  target: 'compose',
  severity: 'error',
  defaultOn: true,
  owasp: ['D06'],
  cwe: 'CWE-798',
  peers: ['compose-lint CL-0020', 'compose-lint CL-0021', 'KICS passwords_and_secrets'],
  fix: { safety: 'unsafe', description: 'move the value to a file-backed top-level secret and point `<NAME>_FILE` at /run/secrets/<name>' },
  docs: {
    summary: 'A credential is written literally in the compose file.',
    why: 'A compose file is committed, copied into CI logs, pasted into issues and readable by everyone with the repository. A password, token or API key in `environment:` or `build.args` leaks with it, and it also shows in `docker inspect` and in every process\'s environment in the container. A build argument is worse: it stays in the image history.',
    fix: 'Keep the value out of the file. Prefer a Compose secret: a top-level `secrets:` entry (`file:` or `environment:` source) listed under the service, read by the application from `/run/secrets/<name>` — most official images accept `<NAME>_FILE` for this (`POSTGRES_PASSWORD_FILE`). Or interpolate it from the environment or an untracked `.env` file: `DB_PASSWORD: ${DB_PASSWORD}`. For build arguments use `build.secrets` and `RUN --mount=type=secret`. Rotate any credential that was committed.',
    invalid: ['services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD: s3cr3t-Pa55\n'],
    valid: [
      'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    file: ./secrets/db_password.txt\n',
      'services:\n  db:\n    image: postgres:17\n    environment:\n      - POSTGRES_PASSWORD=${POSTGRES_PASSWORD}\n      - POSTGRES_USER=app\n',
    ],
    options: [{ name: 'allowNames', description: 'variable names (globs, case-insensitive) that are not secrets in this project, e.g. `["*_TOKEN_URL", "PASSWORD_POLICY"]`; a value that matches a credential format is still reported.' }],
    references: [
      owaspRef('D06'),
      { title: 'Docker: use secrets in Compose', url: 'https://docs.docker.com/compose/how-tos/use-secrets/' },
      { title: 'Compose file reference: secrets', url: 'https://docs.docker.com/reference/compose-file/secrets/' },
      { title: 'Compose: interpolation', url: 'https://docs.docker.com/reference/compose-file/interpolation/' },
    ],
    whenNotToUse: 'For throwaway local credentials of a development database that is never reachable from outside; even then, a `.env` file keeps them out of the repository.',
    differences: 'A variable is judged by its name (password, token, API key…, not `*_FILE`, `*_USER`, `*_HOST`…) and its value: empty values, placeholders (`changeme`, `<token>`), paths, versions, flags and `${VAR}` references are not secrets, while a `${VAR:-default}` is judged by its default. Any variable whose value holds a provider token or a URL with a password is reported whatever its name. The fix applies only to environment entries written in the service itself; build arguments are reported without a fix.',
  },
  check(ctx) {
    const allowed = allowedSecretNames(ctx.ruleOptions);
    for (const service of ctx.model.services) {
      for (const s of literalSecrets(service).filter(x => !(x.reason.kind === 'name' && allowed(x.name)))) {
        const what = s.reason.kind === 'name' ? 'a literal credential' : s.reason.label;
        const secret = secretNameFor(s.name);
        ctx.report({
          service, at: { file: s.source.file, range: s.source.file.index.rangeOf(s.node.range![0], s.node.range![1]) },
          message: s.where === 'build.args'
            ? `Build argument ${s.name} of service '${service.name}' holds ${what}: it is committed with this file and stays in the image history. Pass it with build.secrets and RUN --mount=type=secret instead.`
            : `${s.name} of service '${service.name}' holds ${what}: it is committed with this file and visible in docker inspect. Move it to a Compose secret (${s.name}_FILE=/run/secrets/${secret}) or interpolate it from an untracked .env.`,
          fixes: () => {
            const edits = moveToSecretEdits(ctx.model.file, service, s);
            return edits ? [{ title: `Move ${s.name} to the secret '${secret}' (create ./secrets/${secret}.txt with the value)`, safety: 'unsafe', edits }] : [];
          },
        });
      }
    }
  },
});
