// A guard run before `yaml` parses a file: flow collections nested thousands deep (`[[[[…`, `{a: {a: …`)
// make the parser crawl (a 1.4 MB line of `[` took 34 s) and its error printer run out of memory. No compose
// or policy file nests more than a few levels, so past MAX_FLOW_DEPTH the file is not parsed at all.

export const MAX_FLOW_DEPTH = 1000;

/**
 * The offset where `[`/`{` nesting first goes past MAX_FLOW_DEPTH, or -1. Brackets inside quotes (on one line)
 * and comments are not counted; one that only looks like a bracket in a plain scalar is, which at worst
 * refuses a file with a thousand unbalanced `[` in its values.
 */
export function tooDeepAt(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) { if (++depth > MAX_FLOW_DEPTH) return i; }
    else if (c === 93 || c === 125) { if (depth > 0) depth--; }
    else if (c === 35 && (i === 0 || /\s/.test(text[i - 1]))) { const end = text.indexOf('\n', i); if (end < 0) break; i = end; }
    else if (c === 34 || c === 39) {
      // a quoted scalar: skip to its closing quote on the same line ('' and \" escapes)
      for (let j = i + 1; j < text.length; j++) {
        const d = text.charCodeAt(j);
        if (d === 10) { i = j; break; }
        if (c === 34 && d === 92) { j++; continue; }
        if (d === c) { if (c === 39 && text.charCodeAt(j + 1) === 39) { j++; continue; } i = j; break; }
        if (j === text.length - 1) i = j;
      }
    }
  }
  return -1;
}

// (the number is written out: toLocaleString would load ICU's number data, megabytes of resident memory)
export const TOO_DEEP_MESSAGE = `Collections are nested more than 1,000 levels deep here: the file is not read further. Shipshape reads no file nested like this (real ones nest a few levels).`;
