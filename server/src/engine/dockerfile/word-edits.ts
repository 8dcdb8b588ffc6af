// Edits that take words out of a shell command (a flag, a flag and its value, one letter of a short-flag
// group) without leaving double spaces or breaking a line continuation.
import { TextEdit } from '../types';
import { DockerfileModel } from './model';
import { Word } from './shell';

/** Deletes `words[from..to]` and the blank that separated them from the next word (or the previous one at the end). */
export function removeWords(model: DockerfileModel, words: Word[], from: number, to = from): TextEdit {
  const text = model.text;
  let start = words[from].start;
  let end = words[to].end;
  if (to + 1 < words.length && /^[ \t]+$/.test(text.slice(end, words[to + 1].start))) end = words[to + 1].start;
  else if (from > 0 && /^[ \t]+$/.test(text.slice(words[from - 1].end, start))) start = words[from - 1].end;
  else while (text[end] === ' ' || text[end] === '\t') end++;
  return { range: model.index.rangeOf(start, end), newText: '' };
}

/** Deletes one letter from a short-flag group (`-fsSLk` → `-fsSL`), or the whole word if it was the only letter. */
export function removeShortFlagLetter(model: DockerfileModel, words: Word[], k: number, letter: string): TextEdit {
  const w = words[k];
  const raw = model.text.slice(w.start, w.end);
  if (raw === `-${letter}`) return removeWords(model, words, k);
  const at = raw.indexOf(letter, 1);
  return { range: model.index.rangeOf(w.start + at, w.start + at + 1), newText: '' };
}
