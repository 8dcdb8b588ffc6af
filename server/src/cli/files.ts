// Finding the files to lint.
import * as fs from 'fs';
import * as path from 'path';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.tools', '.venv', 'vendor']);

import { isDockerfileName, isComposeName } from '../engine/project';

export { isDockerfileName, isComposeName };

/** Files under the given paths (`named`: given on the command line); throws with a one-line message for a path that does not exist. */
export function collectFiles(paths: string[]): Array<{ path: string; named: boolean }> {
  const out: Array<{ path: string; named: boolean }> = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) { if (!SKIP_DIRS.has(entry.name)) walk(full); }
      else if (entry.isFile() && (isDockerfileName(entry.name) || isComposeName(entry.name))) out.push({ path: full, named: false });
    }
  };
  for (const p of paths.length ? paths : ['.']) {
    let stat: fs.Stats;
    try { stat = fs.statSync(p); } catch { throw new Error(`${p}: no such file or directory`); }
    if (stat.isDirectory()) walk(p); else out.push({ path: p, named: true });
  }
  return out;
}
