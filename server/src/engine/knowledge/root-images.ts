// Images known to run their process as root when compose gives no `user:`. Deliberately conservative:
// base OS and language-runtime images (their default user is root and nothing in them switches away).
// Images whose entrypoint drops privileges itself (postgres, redis, mysql, mariadb, mongo, nginx, httpd,
// rabbitmq, …) are not listed: their server does not keep running as root.
// Table dated 2026-11-29. Sources: each image's Dockerfile in docker-library/official-images (no USER, or
// an entrypoint without gosu/su-exec), the Red Hat UBI and .NET image docs.
import { ImageRef, knownNonRootDefault } from './base-images';

const OS_IMAGES = new Set([
  'alpine', 'debian', 'ubuntu', 'busybox', 'centos', 'fedora', 'rockylinux', 'almalinux', 'amazonlinux', 'oraclelinux',
  'archlinux', 'opensuse/leap', 'opensuse/tumbleweed', 'photon', 'clearlinux', 'mageia', 'alt', 'kalilinux/kali-rolling',
]);
const LANGUAGE_IMAGES = new Set([
  'node', 'python', 'pypy', 'golang', 'ruby', 'php', 'perl', 'rust', 'openjdk', 'eclipse-temurin', 'amazoncorretto',
  'ibm-semeru-runtimes', 'sapmachine', 'erlang', 'elixir', 'julia', 'r-base', 'haskell', 'swift', 'gcc', 'clojure',
  'maven', 'gradle', 'buildpack-deps', 'bash', 'dart', 'mono', 'bun', 'oven/bun', 'denoland/deno',
]);
const QUALIFIED = [
  /^mcr\.microsoft\.com\/dotnet\/(runtime|aspnet|sdk|runtime-deps)$/,
  /^registry\.(access\.)?redhat\.(com|io)\/ubi\d+(\/ubi(-minimal|-micro|-init)?)?$/,
];

/** Why the image is known to run as root, or null when it is not known to (unknown images are not judged). */
export function knownRootImage(ref: ImageRef): string | null {
  if (knownNonRootDefault(ref)) return null;
  const tag = (ref.tag ?? '').toLowerCase();
  if (/nonroot|rootless|unprivileged/.test(tag)) return null;
  const name = ref.registry ? `${ref.registry}/${ref.repository}` : ref.repository;
  if (!ref.registry && OS_IMAGES.has(ref.repository)) return `${ref.repository} is a base OS image whose default user is root`;
  if (!ref.registry && LANGUAGE_IMAGES.has(ref.repository)) return `the ${ref.repository} image runs as root unless told otherwise`;
  if (QUALIFIED.some(q => q.test(name))) return `${name} runs as root unless told otherwise`;
  return null;
}
