import { defineComposeRule } from '../../engine/rule';
import { owaspRef } from '../../engine/references';
import { get, lookup, isTrueValue } from '../../engine/compose/model';
import { asSeq, scalarText } from '../../engine/compose/document';

export default defineComposeRule({
  id: 'compose/require-healthcheck',
  target: 'compose',
  severity: 'info',
  defaultOn: false,
  owasp: ['D04', 'D07'],
  cwe: 'CWE-754',
  peers: ['KICS healthcheck_not_set'],
  docs: {
    summary: 'The service has no health check, or turns it off.',
    why: 'Without a health check Docker only knows whether the process is running, not whether it works: a hung or wedged service (deadlock, exhausted connection pool, a compromised process that stopped serving) stays "up", `depends_on: condition: service_healthy` cannot wait for it, and orchestrators keep routing traffic to it.',
    fix: 'Add a `healthcheck:` with a `test` that exercises the service (`["CMD", "curl", "-fsS", "http://localhost:8080/health"]`, `["CMD-SHELL", "pg_isready -U app"]`) and sensible `interval`, `timeout` and `retries`, or a HEALTHCHECK in the Dockerfile the service builds. Do not set `disable: true` or `test: ["NONE"]`.',
    invalid: [
      'services:\n  api:\n    image: ghcr.io/acme/api:1.4\n',
      'services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    healthcheck:\n      disable: true\n',
    ],
    valid: ['services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    healthcheck:\n      test: ["CMD", "curl", "-fsS", "http://localhost:8080/health"]\n      interval: 30s\n      timeout: 5s\n      retries: 3\n'],
    references: [
      owaspRef('D04'),
      owaspRef('D07'),
      { title: 'Compose file reference: healthcheck', url: 'https://docs.docker.com/reference/compose-file/services/#healthcheck' },
      { title: 'Dockerfile reference: HEALTHCHECK', url: 'https://docs.docker.com/reference/dockerfile/#healthcheck' },
    ],
    whenNotToUse: 'For one-shot jobs and for images that declare a HEALTHCHECK of their own (Shipshape sees a HEALTHCHECK only in a Dockerfile the service builds, not inside a pulled image).',
    differences: 'A HEALTHCHECK in the Dockerfile the service builds (its `build.target` stage, or the stage that one is built FROM) satisfies the rule; KICS looks only at the compose file.',
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      const hc = get(service, 'healthcheck');
      if (!hc) {
        if (ctx.dockerfileOf(service)?.hasHealthcheck) continue;
        ctx.report({
          service, at: { file: service.file, range: service.nameRange },
          message: `Service '${service.name}' has no healthcheck: Docker cannot tell a hung service from a working one, and depends_on cannot wait for it to be ready. Add a healthcheck (or a HEALTHCHECK in its Dockerfile).`,
        });
        continue;
      }
      const disable = lookup(service, ['healthcheck', 'disable']);
      if (disable && isTrueValue(disable)) {
        ctx.report({ service, at: disable, message: `Service '${service.name}' disables its health check: a hung service stays "healthy" and keeps receiving traffic. Remove disable: true and give it a test.` });
        continue;
      }
      const test = lookup(service, ['healthcheck', 'test']);
      const seq = test ? asSeq(test.file, test.node) : null;
      const first = test ? (seq ? scalarText(test.file, seq.items[0]) : scalarText(test.file, test.node)) : null;
      if (test && first?.trim().toUpperCase() === 'NONE') {
        ctx.report({ service, at: test, message: `Service '${service.name}' turns its health check off (test: NONE), including one its image declares: a hung service stays "healthy". Give it a real test.` });
      }
    }
  },
});
