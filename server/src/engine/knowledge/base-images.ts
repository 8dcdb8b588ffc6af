// Base-image knowledge: the distro family an image is built on (which user-creation commands exist in it)
// and images whose default user is already non-root.
// Table dated 2026-11-29. Sources: the images' Docker Hub / registry pages and Dockerfiles
// (docker-library "official images" repo, GoogleContainerTools/distroless README, nginxinc/docker-nginx-unprivileged,
// Chainguard images docs, Red Hat UBI s2i images docs, .NET chiseled images docs).

export type DistroFamily = 'debian' | 'alpine' | 'busybox' | 'rhel' | 'distroless' | 'scratch' | 'unknown';

export interface ImageRef {
  /** registry host when given (`ghcr.io`), else null (Docker Hub) */
  registry: string | null;
  /** repository path without the registry, e.g. `library/node` is written `node` */
  repository: string;
  tag: string | null;
  digest: string | null;
}

/** Splits `registry/repo:tag@digest`; returns null for an empty or variable-bearing reference. */
export function parseImageRef(ref: string): ImageRef | null {
  if (!ref || /\$/.test(ref)) return null;
  let rest = ref.trim();
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) { digest = rest.slice(at + 1); rest = rest.slice(0, at); }
  let tag: string | null = null;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) { tag = rest.slice(colon + 1); rest = rest.slice(0, colon); }
  let registry: string | null = null;
  const first = rest.split('/')[0];
  if (rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    rest = rest.slice(first.length + 1);
  }
  if (registry === 'docker.io' || registry === 'index.docker.io') registry = null;
  if (registry === null && rest.startsWith('library/')) rest = rest.slice('library/'.length);
  return { registry, repository: rest.toLowerCase(), tag, digest };
}

function fullName(ref: ImageRef): string {
  return (ref.registry ? ref.registry + '/' : '') + ref.repository;
}

const DEBIAN_TAG = /(bookworm|bullseye|buster|stretch|trixie|sid|slim|jammy|focal|noble|bionic|xenial|jessie)/;
const RHEL_TAG = /(ubi\d*|centos|fedora|oraclelinux|amazonlinux|rockylinux|almalinux|el\d|ol\d)/;

/** Official images built on Debian or Ubuntu unless the tag says otherwise. */
const DEBIAN_BASED = new Set([
  'debian', 'ubuntu', 'buildpack-deps', 'node', 'python', 'golang', 'ruby', 'php', 'perl', 'rust', 'openjdk',
  'eclipse-temurin', 'maven', 'gradle', 'nginx', 'httpd', 'postgres', 'redis', 'mariadb', 'mongo', 'haproxy',
  'elixir', 'erlang', 'r-base', 'julia', 'haskell', 'swift', 'gcc', 'clojure', 'groovy', 'sonarqube', 'wordpress',
  'ghost', 'rabbitmq', 'memcached', 'cassandra', 'elasticsearch', 'tomcat', 'jetty', 'kibana', 'neo4j', 'odoo',
  'mcr.microsoft.com/dotnet/sdk', 'mcr.microsoft.com/dotnet/aspnet', 'mcr.microsoft.com/dotnet/runtime',
  'mcr.microsoft.com/dotnet/runtime-deps', 'mcr.microsoft.com/devcontainers/base', 'kalilinux/kali-rolling',
]);
const RHEL_BASED = new Set([
  'fedora', 'centos', 'rockylinux', 'rockylinux/rockylinux', 'almalinux', 'amazonlinux', 'oraclelinux', 'mysql',
  'quay.io/centos/centos', 'public.ecr.aws/amazonlinux/amazonlinux',
]);

/** The distro family an image reference is built on, from its name and tag. */
export function distroOf(ref: ImageRef): DistroFamily {
  const name = fullName(ref);
  const tag = (ref.tag ?? '').toLowerCase();
  if (name === 'scratch') return 'scratch';
  if (name.startsWith('gcr.io/distroless/') || name.includes('/distroless/') || tag.includes('chiseled')) return 'distroless';
  if (name === 'busybox') return 'busybox';
  if (name === 'alpine' || name.endsWith('/alpine') || tag.includes('alpine')) return 'alpine';
  if (name.startsWith('cgr.dev/chainguard/') || name.startsWith('cgr.dev/')) return tag.includes('dev') ? 'alpine' : 'distroless';
  if (/(^|\/)ubi\d*(-\w+)?($|\/)/.test(name) || name.startsWith('registry.access.redhat.com/') || name.startsWith('registry.redhat.io/')) return 'rhel';
  if (RHEL_BASED.has(name) || RHEL_TAG.test(tag)) return 'rhel';
  if (DEBIAN_BASED.has(name) || DEBIAN_TAG.test(tag)) return 'debian';
  const last = name.slice(name.lastIndexOf('/') + 1);
  if (DEBIAN_BASED.has(last) && !ref.registry) return 'debian';
  return 'unknown';
}

/** True when the family's image has no shell to run user-creation commands in. */
export function hasNoShell(family: DistroFamily): boolean {
  return family === 'distroless' || family === 'scratch';
}

export interface NonRootDefault { user: string; uid: number; source: string }

/**
 * Images whose default user (the image config's User) is already non-root. Images that merely ship a
 * non-root user (node's `node`, Debian's `nobody`) do not count: they run as root until USER selects it.
 */
export function knownNonRootDefault(ref: ImageRef): NonRootDefault | null {
  const name = fullName(ref);
  const tag = (ref.tag ?? '').toLowerCase();
  if (name.startsWith('gcr.io/distroless/') && tag.includes('nonroot')) {
    return { user: 'nonroot', uid: 65532, source: 'distroless :nonroot tags set USER 65532' };
  }
  if (/-unprivileged$/.test(name) || /(^|-)unprivileged($|-)/.test(tag)) {
    return { user: 'unprivileged', uid: 101, source: '*-unprivileged images (e.g. nginxinc/nginx-unprivileged) run as uid 101' };
  }
  if (name.startsWith('cgr.dev/chainguard/') && !tag.includes('dev')) {
    return { user: 'nonroot', uid: 65532, source: 'Chainguard images run as nonroot (65532) except their -dev variants' };
  }
  if (/^registry\.(access\.)?redhat\.(com|io)\/ubi\d+\/(nodejs|python|ruby|php|perl|go-toolset|openjdk)-/.test(name)) {
    return { user: 'default', uid: 1001, source: 'Red Hat UBI language images run as uid 1001' };
  }
  if (name.startsWith('mcr.microsoft.com/dotnet/') && tag.includes('chiseled')) {
    return { user: 'app', uid: 1654, source: '.NET chiseled images run as the app user (1654)' };
  }
  return null;
}
