// Port knowledge: remote-administration ports that an image should not expose (dockerfile/no-admin-port),
// and database / admin ports that must not be published on every interface (compose/no-public-database-port).
// Table dated 2026-11-29. Sources: IANA Service Name and Transport Protocol Port Number Registry; Docker
// daemon docs (2375/2376 "Daemon socket option"); the official images' Dockerfiles (EXPOSE lines) on Docker Hub.

export interface KnownPort { port: number; service: string }

/** Remote shells and remote control: exposing one means the container runs a login service. */
export const ADMIN_PORTS: ReadonlyMap<number, string> = new Map([
  [22, 'SSH'], [23, 'Telnet'], [2375, 'Docker daemon API without TLS'], [2376, 'Docker daemon API (TLS)'],
  [3389, 'RDP (remote desktop)'], [5900, 'VNC'],
]);

/** Databases, caches, queues and admin consoles that should be reached only over a private network. */
export const DATABASE_PORTS: ReadonlyMap<number, string> = new Map([
  [1433, 'SQL Server'], [1521, 'Oracle'], [3306, 'MySQL / MariaDB'], [5432, 'PostgreSQL'], [6379, 'Redis'],
  [27017, 'MongoDB'], [27018, 'MongoDB shard'], [9200, 'Elasticsearch HTTP'], [9300, 'Elasticsearch transport'],
  [11211, 'Memcached'], [5984, 'CouchDB'], [7000, 'Cassandra inter-node'], [9042, 'Cassandra CQL'], [8086, 'InfluxDB'],
  [5672, 'RabbitMQ AMQP'], [15672, 'RabbitMQ management'], [2181, 'ZooKeeper'], [9092, 'Kafka'], [8529, 'ArangoDB'],
  [7474, 'Neo4j HTTP'], [7687, 'Neo4j Bolt'], [26257, 'CockroachDB'], [8123, 'ClickHouse HTTP'], [9000, 'ClickHouse native'],
  [2379, 'etcd client'], [2380, 'etcd peer'], [8500, 'Consul HTTP'], [4369, 'Erlang port mapper'],
  [2375, 'Docker daemon API without TLS'], [2376, 'Docker daemon API (TLS)'], [10250, 'kubelet API'],
]);
