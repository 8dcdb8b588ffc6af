import { defineComposeRule } from '../../engine/rule';
import { reportHostMode } from './host-namespace';

export default defineComposeRule({
  id: 'compose/no-host-network',
  target: 'compose',
  severity: 'error',
  defaultOn: true,
  owasp: ['D03'],
  cwe: 'CWE-653',
  peers: ['KICS shared_host_network_namespace', 'compose-lint CL-0008'],
  docs: {
    summary: 'The service uses the host\'s network stack (`network_mode: host`).',
    why: 'With `network_mode: host` the container has no network isolation: every port it opens listens on the host\'s interfaces with no firewalling by Docker, it reaches services bound to the host\'s localhost (databases, the cloud metadata endpoint, admin consoles), and with NET_ADMIN or NET_RAW it can sniff or reconfigure the host\'s traffic. `ports:` is ignored.',
    fix: 'Remove `network_mode: host` and publish only the ports the service needs under `ports:` (bound to 127.0.0.1 where possible); put services that talk to each other on a user-defined network. No automatic fix: the service\'s ports must be listed by hand.',
    invalid: ['services:\n  app:\n    image: nginx:1.27\n    network_mode: host\n'],
    valid: ['services:\n  app:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D03 Network Segmentation and Firewalling', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Docker: host network driver', url: 'https://docs.docker.com/engine/network/drivers/host/' },
    ],
    whenNotToUse: 'Network appliances (VPN gateways, DHCP servers, mDNS responders) that must see the host\'s interfaces.',
  },
  check(ctx) {
    reportHostMode(ctx, 'network_mode', service => `Service '${service.name}' uses the host network (network_mode: host): no network isolation, every listening port is on the host's interfaces and host-local services are reachable. Use a bridge network and publish only the needed ports.`, null);
  },
});
