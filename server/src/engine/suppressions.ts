// `# shipshape-ignore <id>[,<id>] -- <reason>` above an instruction, `# shipshape-ignore-file <id> -- <reason>`.
import { DockerfileModel } from './dockerfile/model';
import { Suppression } from './types';

export interface SuppressionSet {
  /** rule id (or `*`) → suppressions covering a line range */
  lines: Array<{ ids: string[]; from: number; to: number; suppression: Suppression }>;
  file: Array<{ ids: string[]; suppression: Suppression }>;
}

const PATTERN = /^shipshape-ignore(-file)?\s+([^\s,]+(?:\s*,\s*[^\s,]+)*)\s*(?:--\s*(.*))?$/;

export function readSuppressions(model: DockerfileModel): SuppressionSet {
  const set: SuppressionSet = { lines: [], file: [] };
  const starts = model.instructions.map(i => i.getRange());
  for (const c of model.comments) {
    const m = PATTERN.exec(c.getContent().trim());
    if (!m) continue;
    const line = c.getRange().start.line;
    const ids = m[2].split(',').map(s => s.trim()).filter(Boolean);
    const suppression: Suppression = { kind: m[1] ? 'file' : 'line', comment: c.getContent().trim(), reason: (m[3] ?? '').trim(), line };
    if (m[1]) { set.file.push({ ids, suppression }); continue; }
    const next = starts.find(r => r.start.line > line);
    if (next) set.lines.push({ ids, from: next.start.line, to: next.end.line, suppression });
  }
  return set;
}

export function findSuppression(set: SuppressionSet, ruleId: string, line: number): Suppression | undefined {
  const matches = (ids: string[]) => ids.includes(ruleId) || ids.includes('*') || ids.includes('all');
  return set.file.find(f => matches(f.ids))?.suppression
    ?? set.lines.find(l => matches(l.ids) && line >= l.from && line <= l.to)?.suppression;
}
