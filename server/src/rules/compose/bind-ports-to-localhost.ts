import { defineComposeRule } from '../../engine/rule';
import { ports } from '../../engine/compose/values';
import { bindToLocalhostEdit, publishesPorts } from '../../engine/compose/port-edits';

export default defineComposeRule({
  id: 'compose/bind-ports-to-localhost',
  target: 'compose',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D03'],
  cwe: 'CWE-668',
  peers: ['KICS container_traffic_not_bound_to_host_interface', 'dclint no-unbound-port-interfaces', 'compose-lint CL-0005'],
  fix: { safety: 'unsafe', description: 'bind the port to 127.0.0.1 (`127.0.0.1:8080:80`, or `host_ip: 127.0.0.1` in the long syntax)' },
  docs: {
    summary: 'A published port has no host IP, so it listens on every interface of the host.',
    why: '`"8080:80"` publishes the port on 0.0.0.0: anyone who can reach the host — the office Wi-Fi, the internet on a cloud VM — reaches the service. Docker writes its own iptables rules for published ports, so a host firewall such as ufw does not stop them. Most development and sidecar services only need to be reached from the host itself or from other containers.',
    fix: 'Prefix the mapping with the address to listen on: `"127.0.0.1:8080:80"` (host only) or a private interface\'s address. In the long syntax add `host_ip: 127.0.0.1`. Containers on the same compose network reach each other without any `ports:` at all. Where the port is meant to be public, write `0.0.0.0:` explicitly: the rule then takes it as deliberate.',
    invalid: ['services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n'],
    valid: ['services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n', 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - target: 80\n        published: 8080\n        host_ip: 127.0.0.1\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D03 Network Segmentation and Firewalling', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Compose file reference: ports', url: 'https://docs.docker.com/reference/compose-file/services/#ports' },
      { title: 'Docker: packet filtering and firewalls (published ports bypass ufw)', url: 'https://docs.docker.com/engine/network/packet-filtering-firewalls/' },
    ],
    whenNotToUse: 'A service that is meant to be public (a reverse proxy on 80/443): write `"0.0.0.0:443:443"` to say so, and the rule stays quiet.',
    differences: 'An explicit `0.0.0.0:` or `[::]:` is taken as a deliberate choice and not reported by this rule (compose/no-public-database-port still reports database ports published that way). Ports of a service with `network_mode: host` are ignored by Compose and are not reported; compose/no-host-network reports the service.',
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      if (!publishesPorts(service)) continue;
      for (const p of ports(service)) {
        if (p.hostIp !== null && p.hostIp !== '') continue;
        if (!/^(\d+(-\d+)?|.*\$.*)$/.test(p.target.trim())) continue; // not a port: compose/valid-schema's business
        const shown = p.item.text ?? `${p.published ?? ''}:${p.target}`;
        ctx.report({
          service, at: p.item,
          message: `Service '${service.name}' publishes ${shown} on every host interface: anyone who reaches the host reaches the service, and Docker's rules bypass the host firewall. Bind it to 127.0.0.1 (or write 0.0.0.0 explicitly if it is meant to be public).`,
          fixes: () => {
            const edit = bindToLocalhostEdit(p);
            return edit ? [{ title: 'Bind the port to 127.0.0.1', safety: 'unsafe', edits: [edit] }] : [];
          },
        });
      }
    }
  },
});
