import { matchesAny } from './glob';

// Reading a rule's options from the policy file (`rules.<id>.options`), with the defaults the rule's docs name.

/** A list of strings option; the default when absent or not a list of strings. */
export function stringListOption(options: Record<string, unknown> | undefined, name: string, fallback: string[]): string[] {
  const v = options?.[name];
  return Array.isArray(v) && v.every(x => typeof x === 'string') ? (v as string[]) : fallback;
}

/** The mutable tags a no-latest-tag rule refuses (`options.mutableTags`; default: latest). */
export function mutableTags(options: Record<string, unknown> | undefined): Set<string> {
  return new Set(stringListOption(options, 'mutableTags', ['latest']).map(t => t.toLowerCase()));
}

/**
 * Variable names a team declares are not secrets (`options.allowNames`, globs, case-insensitive), for the
 * secret rules' name heuristics; values that match a credential format are still reported.
 */
export function allowedSecretNames(options: Record<string, unknown> | undefined): (name: string) => boolean {
  const globs = stringListOption(options, 'allowNames', []).map(g => g.toLowerCase());
  return name => globs.length > 0 && matchesAny(name.toLowerCase(), globs);
}
