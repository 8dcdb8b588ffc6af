import { Instruction, Onbuild, PropertyInstruction } from 'dockerfile-ast';
import { defineRule } from '../../engine/rule';
import { isSecretName, nonSecretValueKind } from '../../engine/knowledge/secrets';
import { allowedSecretNames } from '../../engine/options';
import { planMoveToBuildSecret, buildSecretId } from '../../engine/dockerfile/build-secrets';
import { composeBuildSecretChange } from '../../engine/compose/build-secrets';

export default defineRule({
  id: 'dockerfile/no-secrets-in-arg-env',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'error',
  defaultOn: true,
  owasp: ['D06'],
  cwe: 'CWE-522',
  peers: ['hadolint DL3064', 'Trivy DS-0031', 'BuildKit SecretsUsedInArgOrEnv', 'Semgrep secret-in-build-arg', 'Dockle CIS-DI-0010'],
  fix: { safety: 'unsafe', description: 'replace the ARG/ENV with `RUN --mount=type=secret,id=…` on the RUN steps that read it' },
  docs: {
    summary: 'An ARG or ENV holds a credential (its name says password, token, secret, API key…).',
    why: 'ENV values are stored in the image configuration: anyone who can pull the image reads them with `docker inspect`, and every container inherits them. ARG values are not kept in the final environment, but every RUN that uses one records its value in the image history (`docker history`) and in the build cache. Either way the credential ships with, or sticks to, the image.',
    fix: 'For a credential a build step needs, use a BuildKit secret: `RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci`, built with `docker build --secret id=npm_token,env=NPM_TOKEN .` (compose: `build.secrets`). The quick fix does this for the RUN steps that read the variable. For a credential the application needs at run time, pass it when the container starts (a mounted secret file and a `*_FILE` variable, or the orchestrator\'s secrets), never in the image.',
    invalid: [
      'FROM node:20-slim\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci\n',
      'FROM postgres:16\nENV POSTGRES_PASSWORD=s3cr3t-Pa55\n',
    ],
    valid: [
      'FROM node:20-slim\nRUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci\n',
      'FROM postgres:16\nENV POSTGRES_PASSWORD_FILE=/run/secrets/db_password\n',
      'FROM python:3.12-slim\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\nENV TOKEN_VERSION=2.1.0\nENV SECRET_STORE_ENABLED=true\n',
    ],
    options: [{ name: 'allowNames', description: 'variable names (globs, case-insensitive) that are not secrets in this project, e.g. `["*_TOKEN_URL", "PASSWORD_POLICY"]`; a value that matches a credential format is still reported.' }],
    references: [
      { title: 'OWASP Docker Top 10 — D06 Protect Secrets', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Docker: build secrets', url: 'https://docs.docker.com/build/building/secrets/' },
      { title: 'BuildKit check SecretsUsedInArgOrEnv', url: 'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/' },
    ],
    differences: 'Name heuristics (table dated 2026-11-29, words from BuildKit\'s SecretsUsedInArgOrEnv) with allow-lists the peers lack: names ending in `_FILE`, `_PATH`, `_DIR`, `_VERSION`, `_URL`, `_ENABLED`, `_NAME`…, public material (`PUBLIC_KEY`, `GPG_KEY`, fingerprints), and values that are a path, a version, a flag, empty or a placeholder are not reported. A bare `KEY` counts only with a qualifier (`API_KEY`, `SSH_KEY`), so `GPG_KEY` in the official Python images stays quiet. An ARG with a credential name is reported even without a default, since the value given at build time lands in the history; a global ARG (before the first FROM) is judged where a stage imports it with `ARG NAME`. The quick fix mounts the secret as a file (`$(cat /run/secrets/<id>)`) rather than with `env=`, which needs Dockerfile syntax 1.10 and would not build on older engines.',
  },
  check(ctx) {
    const allowed = allowedSecretNames(ctx.ruleOptions);
    const { model } = ctx;
    for (const stage of model.stages) {
      for (const top of stage.instructions) {
        const onbuild = top.getKeyword() === 'ONBUILD';
        const ins: Instruction | null = onbuild ? (top as Onbuild).getTriggerInstruction() : top;
        const keyword = ins?.getKeyword();
        if (!ins || (keyword !== 'ARG' && keyword !== 'ENV')) continue;
        for (const property of (ins as PropertyInstruction).getProperties()) {
          const name = property.getName();
          if (!isSecretName(name) || allowed(name)) continue;
          const value = property.getValue();
          const valueKind = value === null ? null : nonSecretValueKind(value);
          if (keyword === 'ENV' && (valueKind !== null || value === null)) continue;
          // an ARG is a slot for a build-time credential even when empty; only a non-secret-looking value clears it
          if (keyword === 'ARG' && valueKind !== null && valueKind !== 'empty' && valueKind !== 'placeholder') continue;
          const id = buildSecretId(name);
          const message = keyword === 'ARG'
            ? `ARG ${name} carries a credential into the build: every RUN that uses it records the value in the image history and build cache. Use a build secret (RUN --mount=type=secret,id=${id}) instead.`
            : `ENV ${name} stores a credential in the image: anyone who pulls it reads the value with docker inspect. Pass it at run time (a secret file with ${name}_FILE), or for build steps use RUN --mount=type=secret,id=${id}.`;
          ctx.report({
            range: property.getNameRange(),
            message,
            fixes: onbuild ? undefined : () => {
              const move = planMoveToBuildSecret(model, stage, ins, property);
              if (!move) return [];
              // the compose services that build this Dockerfile pass the secret too (build.secrets)
              const files = (ctx.linkedServices ?? []).map(s => composeBuildSecretChange(s, move.secretId, name)).filter((c): c is NonNullable<typeof c> => c !== null);
              return [{ title: `Move ${name} to a build secret (RUN --mount=type=secret,id=${move.secretId})${files.length ? ' and compose build.secrets' : ''}`, safety: 'unsafe', edits: move.edits, ...(files.length ? { files } : {}) }];
            },
          });
        }
      }
    }
  },
});
