// Reading the files around a linted one (policy files, .dockerignore, compose files near a Dockerfile,
// extends bases, override files). Most of them do not exist: a stat that reports a missing file costs a
// fraction of a failed read, which builds an exception with a stack trace.
import * as fs from 'fs';

/** The file's text; undefined when it does not exist or cannot be read. */
export function readIfExists(file: string): string | undefined {
  try {
    if (!fs.statSync(file, { throwIfNoEntry: false })) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

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
