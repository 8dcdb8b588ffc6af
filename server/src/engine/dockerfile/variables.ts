// ARG/ENV substitution as the Docker builder does it: $X, ${X}, ${X:-word}, ${X-word}, ${X:+word}, ${X+word}.
// A variable maps to its value, or to null when it is declared (ARG X) but its value is not known here
// (it comes from --build-arg at build time). Undeclared variables expand to "" as Docker does.

export type Variables = Map<string, string | null>;

/** Deeper `${A:-${B:-…}}` nesting than this is not resolved (the value counts as unknown). */
const MAX_DEPTH = 32;

/**
 * The text with variables replaced, or null when it depends on a value that is not known.
 * A linear scan (not a regex): `${…}` is matched by counting braces, so nested defaults work and a long
 * run of `${A:-${A:-…` cannot make it backtrack.
 */
export function substitute(text: string, vars: Pick<Variables, 'get'>, escape = '\\', depth = 0): string | null {
  if (depth > MAX_DEPTH) return null;
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === '$' && escape === '\\') { out += '$'; i += 2; continue; }
    if (c !== '$') {
      const next = text.indexOf('$', i + 1);
      const stop = next < 0 ? n : next;
      // keep an escaping backslash right before the next `$` for the branch above
      const end = stop > i + 1 && text[stop - 1] === '\\' && escape === '\\' ? stop - 1 : stop;
      out += text.slice(i, Math.max(end, i + 1));
      i = Math.max(end, i + 1);
      continue;
    }
    if (text[i + 1] === '{') {
      let level = 1;
      let j = i + 2;
      for (; j < n; j++) {
        if (text[j] === '{') level++;
        else if (text[j] === '}' && --level === 0) break;
      }
      if (j >= n) { out += text.slice(i); break; } // unterminated: literal text
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([\s\S]*))?$/.exec(text.slice(i + 2, j));
      const start = i;
      i = j + 1;
      if (!m) { out += text.slice(start, i); continue; } // not a variable reference: keep it as written
      const value = resolveReference(m[1], m[2], m[3], vars, escape, depth);
      if (value === null) return null;
      out += value;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1, i + 257));
    if (!m) { out += '$'; i++; continue; }
    const value = vars.get(m[0]);
    if (value === null) return null;
    out += value ?? '';
    i += 1 + m[0].length;
  }
  return out;
}

function resolveReference(name: string, op: string | undefined, word: string | undefined, vars: Pick<Variables, 'get'>, escape: string, depth: number): string | null {
  const value = vars.get(name);
  if (value === null) return null; // declared, value not known here
  const isSet = value !== undefined;
  const nonEmpty = isSet && value !== '';
  const alternative = () => substitute(word ?? '', vars, escape, depth + 1);
  switch (op) {
    case ':-': return nonEmpty ? value! : alternative();
    case '-': return isSet ? value! : alternative();
    case ':+': return nonEmpty ? alternative() : '';
    case '+': return isSet ? alternative() : '';
    default: return value ?? '';
  }
}

export function hasVariables(text: string): boolean {
  return /\$(\{|[A-Za-z_])/.test(text);
}
