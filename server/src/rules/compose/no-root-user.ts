import { defineComposeRule } from '../../engine/rule';
import { get } from '../../engine/compose/model';
import { scalarText } from '../../engine/compose/document';
import { replaceNode, scalarStyle } from '../../engine/compose/edits';
import { isRootUser } from '../../engine/dockerfile/model';

/** The uid part of a compose `user:` value when it names root (`root`, `0`, `root:x`, `0:x`). */
export function rootUserOf(value: string | null): boolean {
  if (value === null) return false;
  return isRootUser(value.trim().split(':')[0].trim());
}

export default defineComposeRule({
  id: 'compose/no-root-user',
  target: 'compose',
  severity: 'error',
  defaultOn: true,
  owasp: ['D01'],
  cwe: 'CWE-250',
  peers: ['compose-lint CL-0018'],
  fix: { safety: 'unsafe', description: 'set `user: "10001:10001"` (a non-root uid and gid; make sure the image\'s files allow it)' },
  docs: {
    summary: 'The service is told to run as root.',
    why: '`user: root` (or uid 0) overrides whatever non-root user the image was built with. A process that runs as root in the container is root on the host if it escapes (through a kernel bug, a mounted socket or a writable host path), and inside the container it can rewrite every file of the application.',
    fix: 'Set a non-root uid and gid, e.g. `user: "10001:10001"`, and give that uid ownership of the few paths the service writes (a volume, /tmp). If the image was built to run as a named user, use that name or uid.',
    invalid: ['services:\n  web:\n    image: nginx:1.27\n    user: root\n'],
    valid: ['services:\n  web:\n    image: nginx:1.27\n    user: "10001:10001"\n'],
    options: [{ name: 'uid', description: 'the uid and gid the quick fix gives the user it creates (default 10001, or the editor setting `shipshape.fixUid`).' }],
    references: [
      { title: 'OWASP Docker Top 10 — D01 Secure User Mapping', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Compose file reference: user', url: 'https://docs.docker.com/reference/compose-file/services/#user' },
      { title: 'Docker: run the Docker daemon as a non-root user / user namespaces', url: 'https://docs.docker.com/engine/security/userns-remap/' },
    ],
    whenNotToUse: 'A short-lived init or maintenance service that must change ownership of a volume before the real service starts. Suppress it there with a reason.',
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      const user = get(service, 'user');
      if (!user?.node || !rootUserOf(scalarText(user.file, user.node))) continue;
      const uid = ctx.options.fixUid;
      ctx.report({
        service, at: user,
        message: `Service '${service.name}' runs as root (user: ${scalarText(user.file, user.node)}): a compromise of the process owns the container and is root on the host after an escape. Set a non-root uid, e.g. user: "${uid}:${uid}".`,
        fixes: () => {
          const style = scalarStyle(user.node) === 'single' ? 'single' : 'double';
          const text = style === 'single' ? `'${uid}:${uid}'` : `"${uid}:${uid}"`;
          const edit = user.node ? replaceNode(user.file, user.node, text) : null;
          return edit ? [{ title: `Run as ${uid}:${uid} instead of root`, safety: 'unsafe', edits: [edit] }] : [];
        },
      });
    }
  },
});
