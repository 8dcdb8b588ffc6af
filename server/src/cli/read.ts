// readIfExists (files.ts) for one CLI run over many files.
import { readIfExists } from '../files';

export { readIfExists };

/** How many texts a run keeps; missing files are always remembered (a path each). */
const KEEP_TEXTS = 256;

/**
 * readIfExists for one run over many files, which ask for the same neighbours again and again: every
 * Dockerfile looks for compose files in its folder and the three above, so the files of one tree share
 * most of their lookups. Each path is looked at once per run; the run sees the files as they were when
 * it first looked, as a run that reads them in one go would.
 */
export function runReader(): (file: string) => string | undefined {
  const missing = new Set<string>();
  const texts = new Map<string, string>();
  return file => {
    if (missing.has(file)) return undefined;
    const kept = texts.get(file);
    if (kept !== undefined) return kept;
    const text = readIfExists(file);
    if (text === undefined) missing.add(file);
    else {
      if (texts.size >= KEEP_TEXTS) texts.delete(texts.keys().next().value!);
      texts.set(file, text);
    }
    return text;
  };
}
