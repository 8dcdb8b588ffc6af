// Finding the files to lint.
import * as fs from 'fs';
import * as path from 'path';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.tools', '.venv', 'vendor']);

export function isDockerfileName(name: string): boolean {
  return /^(Dockerfile|Containerfile)(\..+)?$/i.test(name) || /\.(dockerfile|containerfile)$/i.test(name);
}

export function isComposeName(name: string): boolean {
  return /^(docker-)?compose(\.[\w.-]+)?\.ya?ml$/i.test(name);
}

/** Files under the given paths; throws with a one-line message for a path that does not exist. */
export function collectFiles(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) { if (!SKIP_DIRS.has(entry.name)) walk(full); }
      else if (entry.isFile() && isDockerfileName(entry.name)) out.push(full);
    }
  };
  for (const p of paths.length ? paths : ['.']) {
    let stat: fs.Stats;
    try { stat = fs.statSync(p); } catch { throw new Error(`${p}: no such file or directory`); }
    if (stat.isDirectory()) walk(p); else out.push(p);
  }
  return out;
}
