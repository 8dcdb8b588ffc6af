// Offset ↔ position conversion over a document's text (UTF-16 offsets, like LSP).
import { Position, Range } from './types';

export class TextIndex {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    // \r\n, \n and a lone \r all end a line, as in LSP and the parsers' own documents
    if (text.indexOf('\r') < 0) {
      // no CR at all (the usual case): the native search finds the line ends
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.lineStarts.push(i + 1);
    }
  }

  get lineCount(): number { return this.lineStarts.length; }

  offsetAt(p: Position): number {
    if (p.line >= this.lineStarts.length) return this.text.length;
    if (p.line < 0) return 0;
    const lineEnd = p.line + 1 < this.lineStarts.length ? this.lineStarts[p.line + 1] : this.text.length;
    return Math.min(this.lineStarts[p.line] + Math.max(0, p.character), lineEnd);
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0, hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid; else hi = mid - 1;
    }
    return { line: lo, character: o - this.lineStarts[lo] };
  }

  rangeOf(start: number, end: number): Range { return { start: this.positionAt(start), end: this.positionAt(end) }; }

  slice(range: Range): string { return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end)); }

  lineText(line: number): string {
    if (line < 0 || line >= this.lineStarts.length) return '';
    const end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    return this.text.slice(this.lineStarts[line], end).replace(/\r?\n$|\r$/, '');
  }

  /** the line's end-of-line sequence used by the file (for inserted text) */
  get eol(): string { return /\r\n/.test(this.text) ? '\r\n' : '\n'; }
}
