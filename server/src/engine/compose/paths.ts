// Path arithmetic on '/'-separated paths, so the engine stays free of `fs` and `path`.

export function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i);
}

export function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** `rel` resolved against directory `dir`; an absolute `rel` stands alone. */
export function joinPath(dir: string, rel: string): string {
  const parts = (rel.startsWith('/') ? rel : `${dir}/${rel}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') { if (out.length === 0 && part === '') out.push(''); continue; }
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..' && out[out.length - 1] !== '') { out.pop(); continue; }
    out.push(part);
  }
  const joined = out.join('/');
  return joined === '' ? '/' : joined;
}

const OVERRIDE = /^((?:docker-)?compose)\.override\.(ya?ml)$/i;
const MAIN = /^((?:docker-)?compose)\.(ya?ml)$/i;

/** The override file Compose loads with a main file, or the main file an override belongs to. */
export function companionFile(path: string): { role: 'main' | 'override'; other: string } | null {
  const name = baseName(path);
  const dir = dirOf(path);
  let m = OVERRIDE.exec(name);
  if (m) return { role: 'override', other: joinPath(dir, `${m[1]}.${m[2]}`) };
  m = MAIN.exec(name);
  if (m) return { role: 'main', other: joinPath(dir, `${m[1]}.override.${m[2]}`) };
  return null;
}
