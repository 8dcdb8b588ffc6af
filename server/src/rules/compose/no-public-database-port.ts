import { defineComposeRule } from '../../engine/rule';
import { ports, portNumbers } from '../../engine/compose/values';
import { bindToLocalhostEdit, onAllInterfaces, publishesPorts } from '../../engine/compose/port-edits';
import { DATABASE_PORTS } from '../../engine/knowledge/ports';

export default defineComposeRule({
  id: 'compose/no-public-database-port',
  target: 'compose',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D03'],
  cwe: 'CWE-668',
  peers: [],
  fix: { safety: 'unsafe', description: 'bind the port to 127.0.0.1' },
  docs: {
    summary: 'A database, cache, queue or admin port is published on every interface of the host.',
    why: 'Databases and caches (PostgreSQL 5432, MySQL 3306, Redis 6379, MongoDB 27017, Elasticsearch 9200, Memcached 11211, …) and admin APIs (the Docker daemon on 2375) are the first thing internet scanners try: many ship with no password or a default one, and they hold the data. Published without a host IP they listen on every interface, and Docker\'s own iptables rules let the traffic past the host firewall.',
    fix: 'Bind the port to the host only, `"127.0.0.1:5432:5432"`, or drop the `ports:` entry entirely: other services on the same compose network reach the database by its service name without any published port.',
    invalid: ['services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n'],
    valid: ['services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n', 'services:\n  db:\n    image: postgres:16\n    expose:\n      - "5432"\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D03 Network Segmentation and Firewalling', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Compose file reference: ports', url: 'https://docs.docker.com/reference/compose-file/services/#ports' },
      { title: 'Docker: packet filtering and firewalls (published ports bypass ufw)', url: 'https://docs.docker.com/engine/network/packet-filtering-firewalls/' },
    ],
    whenNotToUse: 'A database that other hosts must reach directly, on a network you control; bind it to that private interface\'s address instead of 0.0.0.0 and the rule stays quiet.',
    differences: 'Unlike compose/bind-ports-to-localhost, an explicit `0.0.0.0:` does not silence this rule: a database reachable from everywhere is rarely what anyone wants. The port is recognised on the container side first (the service\'s own port), then on the host side; the table is in the engine\'s port knowledge, dated and sourced.',
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      if (!publishesPorts(service)) continue;
      for (const p of ports(service)) {
        if (!onAllInterfaces(p)) continue;
        const port = [...portNumbers(p.target), ...portNumbers(p.published)].find(n => DATABASE_PORTS.has(n));
        if (port === undefined) continue;
        ctx.report({
          service, at: p.item,
          message: `Service '${service.name}' publishes ${DATABASE_PORTS.get(port)} (port ${port}) on every host interface: scanners find exposed databases within hours. Bind it to 127.0.0.1, or drop the port and reach it over the compose network.`,
          fixes: () => {
            const edit = bindToLocalhostEdit(p);
            return edit ? [{ title: `Bind port ${port} to 127.0.0.1`, safety: 'unsafe', edits: [edit] }] : [];
          },
        });
      }
    }
  },
});
