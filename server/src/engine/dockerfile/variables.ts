// ARG/ENV substitution as the Docker builder does it: $X, ${X}, ${X:-word}, ${X-word}, ${X:+word}, ${X+word}.
// A variable maps to its value, or to null when it is declared (ARG X) but its value is not known here
// (it comes from --build-arg at build time). Undeclared variables expand to "" as Docker does.

export type Variables = Map<string, string | null>;

const REFERENCE = /\\\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** The text with variables replaced, or null when it depends on a value that is not known. */
export function substitute(text: string, vars: Pick<Variables, 'get'>, escape = '\\'): string | null {
  let unknown = false;
  const out = text.replace(REFERENCE, (match, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    if (match === '\\$') return escape === '\\' ? '$' : match;
    const name = (braced ?? bare)!;
    const value = vars.get(name);
    if (value === null) { unknown = true; return ''; }
    const isSet = value !== undefined;
    const nonEmpty = isSet && value !== '';
    const alternative = () => {
      const w = substitute(word ?? '', vars, escape);
      if (w === null) unknown = true;
      return w ?? '';
    };
    switch (op) {
      case ':-': return nonEmpty ? value! : alternative();
      case '-': return isSet ? value! : alternative();
      case ':+': return nonEmpty ? alternative() : '';
      case '+': return isSet ? alternative() : '';
      default: return value ?? '';
    }
  });
  return unknown ? null : out;
}

export function hasVariables(text: string): boolean {
  return /\$(\{|[A-Za-z_])/.test(text);
}
