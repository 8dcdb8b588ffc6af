import { defineComposeRule } from '../../engine/rule';
import { owaspRef } from '../../engine/references';
import { lookup } from '../../engine/compose/model';
import { scalarText } from '../../engine/compose/document';

export default defineComposeRule({
  id: 'compose/no-logging-disabled',
  target: 'compose',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D10'],
  cwe: 'CWE-778',
  peers: ['compose-lint CL-0014'],
  docs: {
    summary: 'The service\'s logging is turned off.',
    why: 'With `logging.driver: none` nothing the container writes to stdout and stderr is kept: `docker logs` shows nothing and no log shipper receives anything. An intrusion, a crash or an abuse of the service leaves no trace to investigate.',
    fix: 'Remove the `none` driver (the daemon\'s default, usually json-file, applies) or choose a driver that ships the logs (`journald`, `syslog`, `fluentd`, `awslogs`, …). Limit the volume with rotation options instead of discarding the logs.',
    invalid: ['services:\n  web:\n    image: nginx:1.27\n    logging:\n      driver: none\n'],
    valid: ['services:\n  web:\n    image: nginx:1.27\n    logging:\n      driver: json-file\n      options:\n        max-size: 10m\n'],
    references: [
      owaspRef('D10'),
      { title: 'Compose file reference: logging', url: 'https://docs.docker.com/reference/compose-file/services/#logging' },
      { title: 'Docker: configure logging drivers', url: 'https://docs.docker.com/engine/logging/configure/' },
    ],
    whenNotToUse: 'For a throwaway helper whose output is worthless and noisy (a load generator in a test stack).',
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      const driver = lookup(service, ['logging', 'driver']);
      const value = driver ? scalarText(driver.file, driver.node) : null;
      if (!driver || value === null || value.trim().toLowerCase() !== 'none') continue;
      ctx.report({
        service, at: driver,
        message: `Service '${service.name}' disables logging (driver: none): nothing it writes is kept, so an incident leaves no trace. Use json-file with rotation or a driver that ships the logs.`,
      });
    }
  },
});
