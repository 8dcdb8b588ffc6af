// Edits that add to shell words of RUN/CMD: insert a flag after a word, in shell form or exec (JSON) form.
import { DockerfileModel } from './model';
import { Word } from './shell';
import { TextEdit } from '../types';

/** Inserts ` flag` after the word (shell form) or `, "flag"` after the JSON string (exec form). */
export function insertAfterWord(model: DockerfileModel, word: Word, flag: string, execForm: boolean): TextEdit {
  const at = model.index.positionAt(word.end);
  return { range: { start: at, end: at }, newText: execForm ? `, "${flag}"` : ` ${flag}` };
}
