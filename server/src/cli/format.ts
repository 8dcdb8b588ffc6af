// Output formats: text (colours only on a TTY), JSON (1-based lines/columns) and SARIF 2.1.0.
import { Finding, Severity } from '../engine/types';
import { RULES, getRule } from '../engine/registry';
import { docsUrl, OWASP_TITLES } from '../engine/rule';
import { ruleMarkdown } from '../engine/docs';

export interface FileResult { file: string; findings: Finding[] }

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m' };

/**
 * A report takes each file's findings right after the file is linted, so that what the findings hold on to
 * (a lazily built fix keeps the file's model and syntax tree) can go before the next file: a directory scan
 * then keeps only its output, not every file's model, and the garbage collector has little to copy.
 */
export interface Report {
  add(file: string, findings: Finding[]): void;
  /** the whole output, once every file was added */
  text(): string;
}

export function textReport(color: boolean): Report {
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let files = 0;
  return {
    add(file, findings) {
      files++;
      for (const f of findings) {
        if (f.suppressed) continue;
        counts[f.severity]++;
        const sev = color ? `${COLORS[f.severity]}${f.severity}\x1b[0m` : f.severity;
        const id = color ? `\x1b[2m${f.ruleId}\x1b[0m` : f.ruleId;
        lines.push(`${file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${sev} ${f.message} [${id}]`);
      }
    },
    text() {
      const total = counts.error + counts.warning + counts.info;
      return [...lines, `${total} problem${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} info) in ${files} file${files === 1 ? '' : 's'}`].join('\n');
    },
  };
}

const jsonFinding = (file: string, f: Finding) => ({
  file,
  rule: f.ruleId,
  severity: f.severity,
  message: f.message,
  line: f.range.start.line + 1,
  column: f.range.start.character + 1,
  endLine: f.range.end.line + 1,
  endColumn: f.range.end.character + 1,
  owasp: f.owasp,
  fix: f.fixes.length ? (f.fixes.some(x => x.safety === 'safe') ? 'safe' : 'unsafe') : null,
  ...(f.suppressed ? { suppressed: { kind: f.suppressed.kind, justification: f.suppressed.reason } } : {}),
  ...(f.related ? { related: f.related.map(r => ({ file: r.path, line: r.range.start.line + 1, column: r.range.start.character + 1, message: r.message })) } : {}),
});

export function jsonReport(): Report {
  const findings: Array<ReturnType<typeof jsonFinding>> = [];
  let files = 0;
  return {
    add(file, fs) { files++; for (const f of fs) findings.push(jsonFinding(file, f)); },
    text: () => JSON.stringify({ findings, files }, null, 2),
  };
}

/** The finding as plain data, its fixes built now (SARIF reports them). */
function settled(f: Finding): Finding {
  const copy: Finding = { ruleId: f.ruleId, severity: f.severity, message: f.message, range: f.range, owasp: f.owasp, fixes: f.fixes };
  for (const key of Object.keys(f) as Array<keyof Finding>) if (!(key in copy)) (copy as unknown as Record<string, unknown>)[key] = f[key];
  return copy;
}

export function sarifReport(version: string): Report {
  const results: FileResult[] = [];
  return {
    add(file, findings) { results.push({ file, findings: findings.map(settled) }); },
    text: () => formatSarif(results, version),
  };
}

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

/** A relative path as a SARIF artifact URI (relative to the run's working folder, which code scanning expects). */
function uriOf(file: string): string {
  return file.replace(/\\/g, '/').replace(/^\.\//, '').split('/').map(encodeURIComponent).join('/');
}

export function formatSarif(results: FileResult[], version: string): string {
  const used = new Set(results.flatMap(r => r.findings.map(f => f.ruleId)));
  const rules = RULES.filter(r => used.has(r.id));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'shipshape',
          version,
          informationUri: docsUrl('').replace(/docs\/rules\/\.md$/, ''),
          rules: rules.map(r => ({
            id: r.id,
            name: r.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
            shortDescription: { text: r.docs.summary },
            fullDescription: { text: r.docs.why },
            helpUri: docsUrl(r.id),
            help: { text: r.docs.fix, markdown: ruleMarkdown(r) },
            defaultConfiguration: { level: LEVEL[r.severity] },
            properties: { tags: ['security', ...r.owasp.map(o => `OWASP-${o} ${OWASP_TITLES[o]}`)], ...(r.cwe ? { cwe: r.cwe } : {}) },
          })),
        },
      },
      results: results.flatMap(res => res.findings.map(f => ({
        ruleId: f.ruleId,
        ruleIndex: rules.findIndex(r => r.id === f.ruleId),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: uriOf(res.file) },
            region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
          },
        }],
        ...(f.suppressed ? { suppressions: [{ kind: 'inSource', justification: f.suppressed.reason }] } : {}),
        ...(f.fixes.length ? {
          fixes: f.fixes.map(fix => ({
            description: { text: `${fix.title}${fix.safety === 'unsafe' ? ' (changes runtime behaviour: review it)' : ''}` },
            artifactChanges: [{
              artifactLocation: { uri: uriOf(res.file) },
              replacements: fix.edits.map(e => ({
                deletedRegion: { startLine: e.range.start.line + 1, startColumn: e.range.start.character + 1, endLine: e.range.end.line + 1, endColumn: e.range.end.character + 1 },
                insertedContent: { text: e.newText },
              })),
            }],
          })),
        } : {}),
        ...(f.related ? {
          relatedLocations: f.related.map((r, id) => ({
            id, message: { text: r.message },
            physicalLocation: { artifactLocation: { uri: uriOf(r.path) }, region: { startLine: r.range.start.line + 1, startColumn: r.range.start.character + 1 } },
          })),
        } : {}),
      }))),
    }],
  };
  return JSON.stringify(sarif, null, 2);
}

export function formatRules(format: 'text' | 'json' | 'sarif'): string {
  if (format === 'json') {
    return JSON.stringify(RULES.map(r => ({ id: r.id, severity: r.severity, default: r.defaultOn ? 'on' : 'off', owasp: r.owasp, fix: r.fix?.safety ?? null, peers: r.peers, summary: r.docs.summary, docs: docsUrl(r.id) })), null, 2);
  }
  return RULES.map(r => `${r.id.padEnd(36)} ${r.severity.padEnd(8)} ${(r.defaultOn ? 'on' : 'off').padEnd(4)} ${r.owasp.join(' ').padEnd(8)} ${r.docs.summary}`).join('\n');
}

export { getRule };
