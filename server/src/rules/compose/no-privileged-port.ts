import { defineComposeRule } from '../../engine/rule';
import { ports, portNumbers } from '../../engine/compose/values';
import { publishesPorts } from '../../engine/compose/port-edits';

export default defineComposeRule({
  id: 'compose/no-privileged-port',
  target: 'compose',
  severity: 'info',
  defaultOn: false,
  owasp: ['D03', 'D01'],
  cwe: 'CWE-250',
  peers: ['KICS privileged_ports_mapped_in_container'],
  docs: {
    summary: 'A published container port is below 1024.',
    why: 'Ports below 1024 are privileged: a process that binds one traditionally runs as root or holds NET_BIND_SERVICE. A service built to listen on 80 or 443 inside its container is usually a service built to run as root. Listening on a high port inside the container and mapping it (`"80:8080"`) lets the process run unprivileged with no capability at all.',
    fix: 'Configure the service to listen on a port of 1024 or above inside the container and map the host port to it: `"80:8080"`. Images such as nginxinc/nginx-unprivileged do this already.',
    invalid: ['services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n'],
    valid: ['services:\n  web:\n    image: nginxinc/nginx-unprivileged:1.27\n    ports:\n      - "127.0.0.1:80:8080"\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D03 Network Segmentation and Firewalling', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'capabilities(7): CAP_NET_BIND_SERVICE', url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html' },
      { title: 'Compose file reference: ports', url: 'https://docs.docker.com/reference/compose-file/services/#ports' },
    ],
    whenNotToUse: 'Services whose protocol fixes the port on the container side (DHCP on 67/68, DNS on 53) — they are reported, suppress them with the reason. Docker 20.10+ lets any user bind low ports inside a container (net.ipv4.ip_unprivileged_port_start=0), which is why this rule is off by default.',
    differences: 'KICS also reports a host port below 1024 mapped to a high container port (`"80:8080"`, `"127.0.0.1:80:8001"`). Shipshape does not: the host side is bound by the Docker daemon, not by the container, and mapping host 80 to an unprivileged container port is exactly the remedy this rule recommends.',
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      if (!publishesPorts(service)) continue;
      for (const p of ports(service)) {
        const low = portNumbers(p.target).find(n => n > 0 && n < 1024);
        if (low === undefined) continue;
        ctx.report({
          service, at: p.item,
          message: `Service '${service.name}' publishes container port ${low}, a privileged port: the process must run as root or hold NET_BIND_SERVICE to listen on it. Listen on a port ≥ 1024 in the container and map the host port to it (e.g. "80:8080").`,
        });
      }
    }
  },
});
