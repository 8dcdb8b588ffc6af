// Glob patterns for policy files: `**` any path, `*` any run without `/`, `?` one character, `{a,b}` either.
// Used for `ignore` paths and `trustedRegistries` image patterns.

const cache = new Map<string, RegExp>();

/** Patterns come from policy files: long or wildcard-heavy ones could make matching slow, so they are refused. */
export const MAX_GLOB_LENGTH = 256;
export const MAX_GLOB_WILDCARDS = 8;

/** Why a pattern is refused, or null when it is fine. */
export function globProblem(glob: string): string | null {
  if (glob.length > MAX_GLOB_LENGTH) return `pattern longer than ${MAX_GLOB_LENGTH} characters`;
  if ((glob.match(/\*+|\?/g) ?? []).length > MAX_GLOB_WILDCARDS) return `more than ${MAX_GLOB_WILDCARDS} wildcards`;
  return null;
}

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (re) return re;
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') { i++; out += '(?:.*/)?'; } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) { out += '\\{'; continue; }
      out += '(?:' + glob.slice(i + 1, close).split(',').map(s => s.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|') + ')';
      i = close;
    } else out += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  re = new RegExp(`^${out}$`);
  cache.set(glob, re);
  return re;
}

export function matchesGlob(text: string, glob: string): boolean {
  return globProblem(glob) === null && globToRegExp(glob).test(text);
}

export function matchesAny(text: string, globs: readonly string[]): boolean {
  return globs.some(g => matchesGlob(text, g));
}
