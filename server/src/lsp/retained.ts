// What the language server keeps per document beyond its text and published diagnostics: the analysis of
// its latest lint (models, findings and their fixes) and the parse caches that make a keystroke re-parse
// one instruction or one key block. Only the documents linted or asked about last keep them, as an editor
// keeps many files open and edits few: a hundred open Dockerfiles of 100 instructions held ~40 MB of
// analyses (~400 KB each). A hover or code action on one of the others lints its text again, once.
import { DockerfileParseCache } from '../engine/dockerfile/incremental';
import { ComposeLintCache } from '../engine/compose/lint';

/** How many documents keep their analysis and parse caches. */
export const RETAINED = 4;

export class Retained<A> {
  private readonly analyses = new Map<string, A>();
  /** the retained documents, least recently used first */
  private readonly recent = new Set<string>();
  private readonly parseCaches = new Map<string, DockerfileParseCache>();
  private readonly composeCaches = new Map<string, ComposeLintCache>();

  constructor(private readonly limit = RETAINED) {}

  analysis(uri: string): A | undefined {
    return this.analyses.get(uri);
  }

  keep(uri: string, analysis: A): void {
    this.analyses.set(uri, analysis);
  }

  /** Drops the document's analysis (not its parse caches). */
  drop(uri: string): void {
    this.analyses.delete(uri);
  }

  /** Makes the document the most recently used; the least recently used beyond the limit forget theirs. */
  touch(uri: string): void {
    this.recent.delete(uri);
    this.recent.add(uri);
    for (const old of this.recent) {
      if (this.recent.size <= this.limit) break;
      this.recent.delete(old);
      this.forget(old);
    }
  }

  /** Drops everything the document keeps beyond its text and diagnostics. */
  forget(uri: string): void {
    this.analyses.delete(uri);
    this.parseCaches.delete(uri);
    this.composeCaches.delete(uri);
  }

  /** The document was closed. */
  close(uri: string): void {
    this.forget(uri);
    this.recent.delete(uri);
  }

  /** A retained Dockerfile keeps the blocks of its last parse, so a keystroke re-parses one instruction. */
  parseCacheFor(uri: string): DockerfileParseCache {
    let c = this.parseCaches.get(uri);
    if (!c) this.parseCaches.set(uri, (c = new DockerfileParseCache()));
    return c;
  }

  /** A retained compose file keeps its last parse and schema check, so a keystroke re-parses and re-validates the part it touched. */
  composeCacheFor(uri: string): ComposeLintCache {
    let c = this.composeCaches.get(uri);
    if (!c) this.composeCaches.set(uri, (c = new ComposeLintCache()));
    return c;
  }
}
