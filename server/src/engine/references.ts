// Reference links the rules' docs share, so every rule cites the same pages the same way.
import { OwaspItem } from './types';
import { OWASP_TITLES } from './rule';

export function owaspRef(item: OwaspItem): { title: string; url: string } {
  return { title: `OWASP Docker Top 10 — ${item} ${OWASP_TITLES[item]}`, url: 'https://owasp.org/www-project-docker-top-10/' };
}

export function hadolintRef(code: string): { title: string; url: string } {
  return { title: `hadolint ${code}`, url: `https://github.com/hadolint/hadolint/wiki/${code}` };
}

export function dockerfileRef(instruction: string): { title: string; url: string } {
  return { title: `Dockerfile reference: ${instruction}`, url: `https://docs.docker.com/reference/dockerfile/#${instruction.toLowerCase()}` };
}

export const BEST_PRACTICES = { title: 'Docker: building best practices', url: 'https://docs.docker.com/build/building/best-practices/' };
