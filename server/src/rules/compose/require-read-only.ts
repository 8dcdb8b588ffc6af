import { defineComposeRule } from '../../engine/rule';
import { owaspRef } from '../../engine/references';
import { get, isTrueValue, ServiceModel } from '../../engine/compose/model';
import { asSeq, isScalar, pairOf } from '../../engine/compose/document';
import { writableMountPaths } from '../../engine/compose/tmpfs';
import { addToMap, addUnderPath, appendToSeq, quote, replaceNode } from '../../engine/compose/edits';
import { ComposeFile } from '../../engine/compose/document';
import { TextEdit } from '../../engine/types';

const TMP = '/tmp:noexec,nosuid,nodev';

/** The edit that gives a read-only service a tmpfs for /tmp, or [] when it has a writable /tmp already. */
function tmpEdits(file: ComposeFile, service: ServiceModel): TextEdit[] | null {
  if (writableMountPaths(service).has('/tmp')) return [];
  const pair = pairOf(service.map, 'tmpfs');
  if (!pair) { const e = addUnderPath(file, service.map, ['tmpfs'], [`- ${quote(TMP, 'double')}`]); return e ? [e] : null; }
  const seq = asSeq(file, pair.value);
  if (seq && pair.value === seq) { const e = appendToSeq(file, seq, TMP); return e ? [e] : null; }
  if (isScalar(pair.value)) {
    // `tmpfs:` with no value: nothing to keep, and no space after the colon to write into safely
    if (pair.value.value === null || pair.value.value === '' || !pair.value.range || pair.value.range[0] === pair.value.range[1]) return null;
    const src = pair.value.source ?? String(pair.value.value);
    const e = replaceNode(file, pair.value, `[${quote(src, 'plain')}, ${quote(TMP, 'double')}]`);
    return e ? [e] : null;
  }
  return null;
}

export default defineComposeRule({
  id: 'compose/require-read-only',
  target: 'compose',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D09'],
  cwe: 'CWE-732',
  peers: ['Semgrep writable-filesystem-service', 'compose-lint CL-0007'],
  fix: { safety: 'unsafe', description: 'set `read_only: true` and mount a tmpfs at /tmp (noexec,nosuid,nodev) unless /tmp is already writable' },
  docs: {
    summary: 'The service\'s root filesystem is writable.',
    why: 'An attacker who gets code execution in a container with a writable filesystem can drop tools, modify the application\'s code or configuration, and persist until the container is recreated. A read-only root filesystem makes the container immutable: the running code is the code in the image, and only the paths you mount are writable.',
    fix: 'Set `read_only: true` and give the service writable space only where it needs it: a `tmpfs:` for /tmp and runtime directories (`/run`, `/var/cache/nginx`), volumes for data. Start the service and watch for "Read-only file system" errors to find the paths.',
    invalid: ['services:\n  web:\n    image: nginx:1.27\n', 'services:\n  web:\n    image: nginx:1.27\n    read_only: false\n'],
    valid: ['services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    tmpfs:\n      - /tmp\n      - /var/cache/nginx\n      - /run\n'],
    references: [
      owaspRef('D09'),
      { title: 'Compose file reference: read_only', url: 'https://docs.docker.com/reference/compose-file/services/#read_only' },
      { title: 'Docker run reference: --read-only', url: 'https://docs.docker.com/reference/cli/docker/container/run/#read-only' },
    ],
    whenNotToUse: 'For development containers that install packages or rebuild code at run time.',
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      const ro = get(service, 'read_only');
      if (ro && isTrueValue(ro)) continue;
      const own = service.file === ctx.model.file;
      ctx.report({
        service, at: ro ?? { file: service.file, range: service.nameRange },
        message: `Service '${service.name}' has a writable root filesystem${ro ? ' (read_only is false)' : ''}: an intruder can change its code and drop tools that persist. Set read_only: true and mount a tmpfs where it must write.`,
        fixes: () => {
          if (!own) return [];
          const tmp = tmpEdits(ctx.model.file, service);
          if (tmp === null) return [];
          let edits: TextEdit[] = [];
          if (ro) {
            if (ro.file !== ctx.model.file || ro.map !== service.map || !ro.node) return [];
            const e = replaceNode(ctx.model.file, ro.node, 'true');
            if (!e) return [];
            edits = [e, ...tmp];
          } else if (tmp.length === 0 || pairOf(service.map, 'tmpfs')) {
            const e = addToMap(ctx.model.file, service.map, ['read_only: true']);
            if (!e) return [];
            edits = [e, ...tmp];
          } else {
            // both keys are new: one insertion keeps them together and in order
            const e = addToMap(ctx.model.file, service.map, ['read_only: true', 'tmpfs:', `  - ${quote(TMP, 'double')}`]);
            if (!e) return [];
            edits = [e];
          }
          return [{ title: `Set read_only: true${tmp.length ? ' with a tmpfs for /tmp' : ''}`, safety: 'unsafe', edits }];
        },
      });
    }
  },
});
