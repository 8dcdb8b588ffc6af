import { defineComposeRule } from '../../engine/rule';
import { owaspRef } from '../../engine/references';
import { get, lookup } from '../../engine/compose/model';
import { scalarText } from '../../engine/compose/document';
import { addToMap, addUnderPath, replaceScalar } from '../../engine/compose/edits';
import { TextEdit } from '../../engine/types';

const MAX_SIZE = '"10m"';
const MAX_FILE = '"3"';

export default defineComposeRule({
  id: 'compose/require-log-rotation',
  target: 'compose',
  severity: 'info',
  defaultOn: false,
  owasp: ['D07', 'D10'],
  cwe: 'CWE-400',
  peers: [],
  fix: { safety: 'unsafe', description: 'add json-file rotation options (max-size 10m, max-file 3), into the existing logging block when there is one' },
  docs: {
    summary: 'The service logs to json-file without rotation.',
    why: 'Docker\'s default json-file driver keeps every line a container writes, forever, on the host\'s disk. A chatty or attacked service (a request flood, a crash loop printing stack traces) fills /var/lib/docker, and then every container on the host fails to write. Logs that are rotated are still there for an investigation, within a bound.',
    fix: 'Set `logging.options.max-size` (and `max-file`) for the json-file driver, e.g. `max-size: "10m"`, `max-file: "3"`; or use the `local` driver, which rotates by default; or a driver that ships the logs off the host. Rotation can also be set once for every container in the daemon\'s daemon.json (`log-opts`).',
    invalid: [
      'services:\n  web:\n    image: nginx:1.27\n    logging:\n      driver: json-file\n',
      'services:\n  web:\n    image: nginx:1.27\n',
    ],
    valid: [
      'services:\n  web:\n    image: nginx:1.27\n    logging:\n      driver: json-file\n      options:\n        max-size: "10m"\n        max-file: "3"\n',
      'services:\n  web:\n    image: nginx:1.27\n    logging:\n      driver: local\n',
    ],
    references: [
      owaspRef('D07'),
      owaspRef('D10'),
      { title: 'Docker: JSON File logging driver', url: 'https://docs.docker.com/engine/logging/drivers/json-file/' },
      { title: 'Docker: local file logging driver', url: 'https://docs.docker.com/engine/logging/drivers/local/' },
      { title: 'Compose file reference: logging', url: 'https://docs.docker.com/reference/compose-file/services/#logging' },
    ],
    whenNotToUse: 'When the daemon already rotates every container\'s logs (`log-opts` with `max-size` in daemon.json), or uses another default driver.',
    differences: 'The `local` driver is not reported: it rotates by default (20 MB per file, 5 files). A service with no `logging:` key is reported, because the daemon\'s default driver is json-file without rotation unless daemon.json says otherwise.',
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      const logging = get(service, 'logging');
      const driverAt = lookup(service, ['logging', 'driver']);
      const driver = driverAt ? scalarText(driverAt.file, driverAt.node)?.trim().toLowerCase() ?? '' : '';
      if (driver !== '' && driver !== 'json-file') continue;
      const maxSize = lookup(service, ['logging', 'options', 'max-size']);
      const size = maxSize ? scalarText(maxSize.file, maxSize.node)?.trim() ?? '' : null;
      if (size !== null && size !== '' && size !== '-1') continue;
      const own = service.file === ctx.model.file;
      if (maxSize && size !== null) {
        ctx.report({
          service, at: maxSize,
          message: `Service '${service.name}' sets max-size ${size || 'to nothing'}, so its json-file logs grow without bound and can fill the host's disk. Set max-size (e.g. 10m) and max-file.`,
          fixes: () => {
            const edit = maxSize.file === ctx.model.file && maxSize.node ? replaceScalar(maxSize.file, maxSize.node, '10m') : null;
            return edit ? [{ title: 'Set max-size to 10m', safety: 'unsafe', edits: [edit] }] : [];
          },
        });
        continue;
      }
      const at = driverAt ?? (logging?.keyRange ? { file: logging.file, range: logging.keyRange } : { file: service.file, range: service.nameRange });
      ctx.report({
        service, at,
        message: logging
          ? `Service '${service.name}' logs to json-file without max-size: its logs grow without bound and can fill the host's disk. Add logging options max-size and max-file.`
          : `Service '${service.name}' uses the daemon's default log driver (json-file, unrotated, unless daemon.json says otherwise): its logs can fill the host's disk. Add a logging block with max-size and max-file.`,
        fixes: () => {
          let edit: TextEdit | null = null;
          if (!own) edit = null;
          else if (!logging) edit = addToMap(service.file, service.map, ['logging:', '  driver: json-file', '  options:', `    max-size: ${MAX_SIZE}`, `    max-file: ${MAX_FILE}`]);
          else {
            const hasMaxFile = lookup(service, ['logging', 'options', 'max-file']) !== undefined;
            edit = addUnderPath(service.file, service.map, ['logging', 'options'], [`max-size: ${MAX_SIZE}`, ...(hasMaxFile ? [] : [`max-file: ${MAX_FILE}`])]);
          }
          return edit ? [{ title: 'Rotate the json-file logs (max-size 10m, max-file 3)', safety: 'unsafe', edits: [edit] }] : [];
        },
      });
    }
  },
});
