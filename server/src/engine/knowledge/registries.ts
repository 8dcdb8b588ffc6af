// Which registry an image comes from, and whether it is on an allow-list of glob patterns
// (LintOptions.trustedRegistries). Shared by the Dockerfile and compose trusted-registry rules.
// Docker Hub is `docker.io` (its aliases `index.docker.io` and `registry-1.docker.io` fold into it), and a
// one-segment Hub name is `docker.io/library/<name>`, as the Docker CLI expands it.
import { ImageRef } from './base-images';
import { matchesGlob } from '../glob';

const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/** The registry host of an image (`docker.io` for Docker Hub), lower-cased. */
export function registryOf(ref: ImageRef): string {
  const host = (ref.registry ?? 'docker.io').toLowerCase();
  return HUB_ALIASES.has(host) ? 'docker.io' : host;
}

/** `registry/repository` as the CLI expands it: `nginx` → `docker.io/library/nginx`. */
export function fullImageName(ref: ImageRef): string {
  const registry = registryOf(ref);
  const repo = registry === 'docker.io' && !ref.repository.includes('/') ? `library/${ref.repository}` : ref.repository;
  return `${registry}/${repo}`;
}

/**
 * True when a pattern allows the image. A pattern without `/` names registries (`ghcr.io`, `*.corp.example`);
 * one with `/` names image paths (`ghcr.io/acme/*`, `docker.io/library/*`, `registry.corp/**`).
 * Hub aliases in a pattern count as `docker.io`.
 */
export function isTrustedImage(ref: ImageRef, patterns: readonly string[]): boolean {
  const registry = registryOf(ref);
  const full = fullImageName(ref);
  return patterns.some(raw => {
    const pattern = raw.trim().toLowerCase().replace(/^(?:index\.docker\.io|registry-1\.docker\.io|registry\.hub\.docker\.com)(?=\/|$)/, 'docker.io');
    if (!pattern) return false;
    return pattern.includes('/') ? matchesGlob(full, pattern) : matchesGlob(registry, pattern);
  });
}
