// Reading the files around a linted one (policy files, .dockerignore, compose files near a Dockerfile,
// extends bases, override files), for the CLI and the language server alike. Most of them do not exist:
// a stat that reports a missing file costs a fraction of a failed read (~8×), which builds an exception
// with a stack trace.
import * as fs from 'fs';

/** The file's text; undefined when it does not exist, is a directory or cannot be read. */
export function readIfExists(file: string): string | undefined {
  try {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    return stat && !stat.isDirectory() ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
