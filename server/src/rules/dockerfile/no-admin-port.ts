import { defineRule } from '../../engine/rule';
import { ADMIN_PORTS } from '../../engine/knowledge/ports';
import { exposedPorts, removeExposeArgument } from '../../engine/dockerfile/expose';
import { owaspRef, dockerfileRef } from '../../engine/references';

export default defineRule({
  id: 'dockerfile/no-admin-port',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D03', 'D04'],
  peers: ['Trivy DS-0004', 'Checkov CKV_DOCKER_1', 'KICS exposing_port_22'],
  fix: { safety: 'safe', description: 'remove the port from EXPOSE' },
  docs: {
    summary: 'The image exposes a remote-administration port (SSH, Telnet, RDP, VNC or the Docker API).',
    why: 'A container that exposes 22, 23, 3389 or 5900 runs a login service: one more daemon to patch, credentials or keys baked into the image, and a way in that bypasses the orchestrator\'s access control. 2375/2376 is the Docker API, which gives whoever reaches it root on the host. Containers are managed with `docker exec` / `kubectl exec`, not by logging in.',
    fix: 'Remove the port from EXPOSE and the login daemon from the image; use `docker exec` or `kubectl exec` for debugging. The quick fix removes the port (EXPOSE is documentation and does not publish anything, so removing it changes no runtime behaviour).',
    invalid: ['FROM debian:bookworm-slim\nEXPOSE 8080 22\n'],
    valid: ['FROM debian:bookworm-slim\nEXPOSE 8080\n'],
    references: [owaspRef('D03'), owaspRef('D04'), dockerfileRef('EXPOSE')],
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const port of exposedPorts(ctx.model, stage)) {
        const service = port.from !== null ? [...ADMIN_PORTS.keys()].filter(p => p >= port.from! && p <= (port.to ?? port.from!)).map(p => `${p} (${ADMIN_PORTS.get(p)})`)[0] : undefined;
        if (!service) continue;
        ctx.report({
          range: port.range,
          message: `EXPOSE ${port.raw} is ${service}: a remote-administration service in a container is another way in. Remove it and use docker/kubectl exec instead.`,
          fixes: () => [{ title: `Remove ${port.raw} from EXPOSE`, safety: 'safe', edits: [removeExposeArgument(ctx.model, port)] }],
        });
      }
    }
  },
});
