// Applying text edits: several at once, never overlapping, so a fix can never corrupt the file.
import { TextEdit } from './types';
import { TextIndex } from './text';

export function applyEdits(text: string, edits: TextEdit[]): string {
  const index = new TextIndex(text);
  return applySpans(text, edits.map(e => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), text: e.newText })));
}

/** An edit as offsets into the text it applies to. */
export interface EditSpan { start: number; end: number; text: string }

/** Applies edits given as offsets (which must not overlap) to `text`, whose offset 0 is `base` in theirs. */
export function applySpans(text: string, spans: EditSpan[], base = 0): string {
  const sorted = [...spans].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const s of sorted) {
    if (s.end > limit) throw new Error('overlapping edits');
    out = out.slice(0, s.start - base) + s.text + out.slice(s.end - base);
    limit = s.start;
  }
  return out;
}

/** Offsets [start, end] an edit set touches, for detecting conflicts between fixes. */
export function editSpans(text: string, edits: TextEdit[]): Array<[number, number]> {
  const index = new TextIndex(text);
  return edits.map(e => [index.offsetAt(e.range.start), index.offsetAt(e.range.end)]);
}

export function spansConflict(a: Array<[number, number]>, b: Array<[number, number]>): boolean {
  return a.some(([s1, e1]) => b.some(([s2, e2]) => s1 <= e2 && s2 <= e1));
}
