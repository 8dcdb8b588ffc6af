// Suppression comments. Shipshape's own: `# shipshape-ignore <id>[,<id>] -- <reason>` above an instruction
// or YAML key, `# shipshape-ignore-file <id> -- <reason>`. The peers' comments are honoured for the rules
// they map to, so a team moving over keeps its exceptions: `# hadolint ignore=DL3002`,
// `# checkov:skip=CKV_DOCKER_3:reason`, `# kics-scan ignore-line`, `# nosemgrep`, `# dclint disable-line`,
// BuildKit's `# check=skip=<Check>`.
import { DockerfileModel } from './dockerfile/model';
import { Suppression, Range } from './types';
import { RULES, getRule } from './registry';

export interface SuppressionEntry {
  /** rule ids, or `*` for every rule */
  ids: string[];
  /** lines covered; null = the whole file */
  lines: { from: number; to: number } | null;
  suppression: Suppression;
  /** the comment's own range, where problems with it are reported */
  range: Range;
  /** shipshape's own comment (checked for unknown ids and for being unused) or a peer's */
  own: boolean;
  /** ids written that name no rule */
  unknown: string[];
  /** ids that silenced something */
  used: Set<string>;
}

export interface SuppressionSet { entries: SuppressionEntry[] }

interface Comment { line: number; content: string; range: Range; trailing: boolean }
type Target = (line: number) => { from: number; to: number } | null;

const OWN = /^shipshape-ignore(-file)?\s+([^\s,]+(?:\s*,\s*[^\s,]+)*)\s*(?:--\s*(.*))?$/;

let peerIndex: Map<string, string[]> | null = null;
/** Peer check codes (DL3002, CKV_DOCKER_3, CKV2_DOCKER_1, BuildKit check names) → our rule ids, from the rules' `peers`. */
function peerRules(code: string): string[] {
  if (!peerIndex) {
    peerIndex = new Map();
    for (const rule of RULES) {
      for (const peer of rule.peers) {
        const codes: string[] = [...(peer.match(/\b(DL\d{4}|CKV2?_DOCKER_\d+)\b/g) ?? [])];
        const bk = /^(?:BuildKit|BK)\s+(.+)$/.exec(peer);
        if (bk) codes.push(...bk[1].split(/[\s,]+/).filter(c => /^[A-Z][A-Za-z]+$/.test(c)));
        for (const c of codes) peerIndex.set(c.toLowerCase(), [...(peerIndex.get(c.toLowerCase()) ?? []), rule.id]);
      }
    }
  }
  return peerIndex.get(code.toLowerCase()) ?? [];
}

interface Parsed { ids: string[]; scope: 'next' | 'file' | 'same'; reason: string; own: boolean; unknown: string[] }

/** Reads one comment's text (without `#`); null when it is no suppression. */
function parse(content: string, trailing: boolean): Parsed | null {
  const c = content.trim();
  let m = OWN.exec(c);
  if (m) {
    const ids = m[2].split(',').map(s => s.trim()).filter(Boolean);
    const unknown = ids.filter(id => id !== '*' && id !== 'all' && !getRule(id));
    return { ids: ids.map(id => (id === 'all' ? '*' : id)), scope: m[1] ? 'file' : 'next', reason: (m[3] ?? '').trim(), own: true, unknown };
  }
  const mapped = (codes: string[]) => codes.flatMap(peerRules);
  if ((m = /^hadolint\s+(global\s+)?ignore=([\w,\s]+)$/i.exec(c))) {
    return { ids: mapped(m[2].split(/[\s,]+/).filter(Boolean)), scope: m[1] ? 'file' : 'next', reason: 'hadolint ignore', own: false, unknown: [] };
  }
  if ((m = /^checkov:skip=([\w,]+)(?::(.*))?$/i.exec(c))) {
    return { ids: mapped(m[1].split(',')), scope: 'file', reason: (m[2] ?? 'checkov:skip').trim(), own: false, unknown: [] };
  }
  if ((m = /^kics-scan\s+(ignore-line|ignore-block|ignore)$/i.exec(c))) {
    return { ids: ['*'], scope: m[1] === 'ignore' ? 'file' : trailing ? 'same' : 'next', reason: `kics-scan ${m[1]}`, own: false, unknown: [] };
  }
  if (/^nosemgrep\b/i.test(c)) return { ids: ['*'], scope: trailing ? 'same' : 'next', reason: 'nosemgrep', own: false, unknown: [] };
  if ((m = /^dclint\s+(disable-line|disable-next-line|disable)\b/i.exec(c))) {
    const scope = m[1] === 'disable' ? 'file' : m[1] === 'disable-line' && trailing ? 'same' : 'next';
    return { ids: ['*'], scope, reason: `dclint ${m[1]}`, own: false, unknown: [] };
  }
  if ((m = /^check\s*=\s*skip\s*=\s*([\w,]+)/i.exec(c))) {
    const names = m[1].split(',');
    return { ids: names.some(n => n.toLowerCase() === 'all') ? ['*'] : mapped(names), scope: 'file', reason: `check=skip=${m[1]}`, own: false, unknown: [] };
  }
  return null;
}

function read(comments: Comment[], next: Target): SuppressionSet {
  const entries: SuppressionEntry[] = [];
  for (const c of comments) {
    const p = parse(c.content, c.trailing);
    if (!p || (!p.ids.length && !p.unknown.length)) continue;
    const lines = p.scope === 'file' ? null : p.scope === 'same' ? { from: c.line, to: c.line } : next(c.line);
    if (p.scope === 'next' && !lines) continue;
    const suppression: Suppression = { kind: p.scope === 'file' ? 'file' : 'line', comment: c.content.trim(), reason: p.reason, line: c.line };
    entries.push({ ids: p.ids, lines, suppression, range: c.range, own: p.own, unknown: p.unknown, used: new Set() });
  }
  return { entries };
}

/** Suppressions in a Dockerfile: a line suppression covers the next instruction (all its lines). */
export function readSuppressions(model: DockerfileModel): SuppressionSet {
  const starts = model.instructions.map(i => i.getRange());
  const comments: Comment[] = model.comments.map(c => ({ line: c.getRange().start.line, content: c.getContent(), range: c.getRange(), trailing: false }));
  // BuildKit's `# check=skip=…` is a parser directive; a first-line `# checkov:skip=…` parses like one too
  for (const d of model.directives) {
    const name = d.getName().toLowerCase();
    if (name !== 'escape' && name !== 'syntax') comments.push({ line: d.getRange().start.line, content: model.index.lineText(d.getRange().start.line).replace(/^\s*#/, ''), range: d.getRange(), trailing: false });
  }
  return read(comments, line => {
    const next = starts.find(r => r.start.line > line);
    return next ? { from: next.start.line, to: next.end.line } : null;
  });
}

/**
 * Suppressions in a YAML file: own-line `#` comments cover the next key line and the block under it;
 * a trailing `# nosemgrep` / `# dclint disable-line` / `# kics-scan ignore-line` covers its own line.
 */
export function readYamlSuppressions(text: string): SuppressionSet {
  const lines = text.split(/\r?\n/);
  const comments: Comment[] = [];
  lines.forEach((l, i) => {
    const own = /^(\s*)#(.*)$/.exec(l);
    if (own) { comments.push({ line: i, content: own[2], range: { start: { line: i, character: own[1].length }, end: { line: i, character: l.length } }, trailing: false }); return; }
    const trail = /\s#\s*((?:nosemgrep|dclint|kics-scan|shipshape-ignore)\b.*)$/.exec(l);
    if (trail) comments.push({ line: i, content: trail[1], range: { start: { line: i, character: trail.index + 1 }, end: { line: i, character: l.length } }, trailing: true });
  });
  const indent = (l: string) => /^\s*/.exec(l)![0].length;
  const meaningful = (l: string) => l.trim() !== '' && !/^\s*#/.test(l);
  return read(comments, line => {
    let from = line + 1;
    while (from < lines.length && !meaningful(lines[from])) from++;
    if (from >= lines.length) return null;
    let to = from;
    for (let j = from + 1; j < lines.length; j++) {
      if (!meaningful(lines[j])) continue;
      const sameLevelListItem = indent(lines[j]) === indent(lines[from]) && /^\s*-(\s|$)/.test(lines[j]) && /:\s*(#.*)?$/.test(lines[from]);
      if (indent(lines[j]) <= indent(lines[from]) && !sameLevelListItem) break;
      to = j;
    }
    return { from, to };
  });
}

/** The suppression that silences a finding of `ruleId` starting on `line`, marking it used. */
export function findSuppression(set: SuppressionSet, ruleId: string, line: number): Suppression | undefined {
  const hit = set.entries.find(e => (e.ids.includes(ruleId) || e.ids.includes('*')) && (e.lines === null || (line >= e.lines.from && line <= e.lines.to)));
  if (!hit) return undefined;
  hit.used.add(hit.ids.includes(ruleId) ? ruleId : '*');
  return hit.suppression;
}

export const SUPPRESSION_RULE = 'shipshape/suppression';

/**
 * Problems with shipshape's own suppression comments: ids that name no rule, and ids that silenced
 * nothing although their rule ran (`ran` = the rules that ran on the file).
 */
export function suppressionProblems(set: SuppressionSet, ran: Set<string>): Array<{ range: Range; message: string }> {
  const out: Array<{ range: Range; message: string }> = [];
  for (const e of set.entries.filter(x => x.own)) {
    for (const id of e.unknown) out.push({ range: e.range, message: `Unknown rule '${id}' in a suppression comment: it silences nothing. Check the id (shipshape rules lists them).` });
    for (const id of e.ids) {
      if (id === '*' || e.unknown.includes(id) || !ran.has(id) || e.used.has(id)) continue;
      out.push({ range: e.range, message: `This suppression of ${id} is unused: nothing here is reported by that rule any more. Remove the comment.` });
    }
  }
  return out;
}
