import { defineComposeRule } from '../../engine/rule';
import { get, text } from '../../engine/compose/model';
import { runsAsRoot } from '../../engine/compose/link';
import { dirOf } from '../../engine/compose/paths';
import { addToMap } from '../../engine/compose/edits';
import { parseImageRef } from '../../engine/knowledge/base-images';
import { knownRootImage } from '../../engine/knowledge/root-images';

export default defineComposeRule({
  id: 'compose/require-non-root-user',
  target: 'compose',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D01'],
  cwe: 'CWE-250',
  peers: [],
  fix: { safety: 'unsafe', description: 'add `user: "10001:10001"` to the service (make sure the image\'s files allow that uid)' },
  docs: {
    summary: 'The service has no `user:` and its image runs as root.',
    why: 'When neither the compose file nor the image picks a user, the process runs as uid 0. Root in a container can rewrite the application, read every secret mounted into it, and is root on the host after any escape. Shipshape reads the Dockerfile the service builds (its `build.target` stage, with `build.args`) so it fires only when neither side sets a non-root user; for `image:` services it fires only for images known to run as root (base OS and language images, not databases whose entrypoint drops privileges).',
    fix: 'Add `user: "10001:10001"` to the service, or add a `USER` to the Dockerfile\'s shipped stage. Give that uid the paths it writes (volumes, /tmp).',
    invalid: ['services:\n  app:\n    image: python:3.12-slim\n    command: python -m http.server 8000\n'],
    valid: ['services:\n  app:\n    image: python:3.12-slim\n    user: "10001:10001"\n', 'services:\n  db:\n    image: postgres:16\n'],
    options: [{ name: 'uid', description: 'the uid and gid the quick fix gives the user it creates (default 10001, or the editor setting `shipshape.fixUid`).' }],
    references: [
      { title: 'OWASP Docker Top 10 — D01 Secure User Mapping', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Compose file reference: user', url: 'https://docs.docker.com/reference/compose-file/services/#user' },
      { title: 'Dockerfile reference: USER', url: 'https://docs.docker.com/reference/dockerfile/#user' },
    ],
    whenNotToUse: 'Images that are not in Shipshape\'s list are not judged; an image that needs root to start (and drops privileges itself) is not in the list.',
    differences: 'No peer has this rule: it needs the link between a compose service and the Dockerfile it builds. For `image:` services the list of root images is kept short on purpose, so that database and web-server images that drop privileges in their entrypoint are not reported.',
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      if (get(service, 'user')) continue; // a root user: is compose/no-root-user's finding
      let reason: string | null = null;
      if (get(service, 'build')) {
        const linked = ctx.dockerfileOf(service);
        if (linked && runsAsRoot(linked)) {
          const stage = linked.model.shippedStage;
          const stageName = stage?.name ? `stage '${stage.name}'` : 'its final stage';
          const here = dirOf(service.file.path) + '/';
          const path = linked.path.startsWith(here) ? linked.path.slice(here.length) : linked.path;
          reason = linked.user.kind === 'implicit-root'
            ? `${path} (${stageName}) never sets USER, so it runs as root`
            : `${path} (${stageName}) ends with USER root`;
        }
      } else {
        const image = text(service, 'image');
        const ref = image ? parseImageRef(image) : null;
        reason = ref ? knownRootImage(ref) : null;
      }
      if (!reason) continue;
      const uid = ctx.options.fixUid;
      ctx.report({
        service, at: { file: service.file, range: service.nameRange },
        message: `Service '${service.name}' runs as root: it has no user: and ${reason}. Add user: "${uid}:${uid}" (or a USER in the Dockerfile).`,
        fixes: () => {
          const edit = service.file === ctx.model.file ? addToMap(service.file, service.map, [`user: "${uid}:${uid}"`]) : null;
          return edit ? [{ title: `Run the service as ${uid}:${uid}`, safety: 'unsafe', edits: [edit] }] : [];
        },
      });
    }
  },
});
