// Renders a rule's docs object for every face: the hover, `shipshape explain`, docs/rules pages,
// SARIF rule help and the README rules table. The docs object is the single source.
import { Rule, OWASP_TITLES, owaspUrl, docsUrl } from './rule';
import { RULES } from './registry';

function owaspLine(rule: Rule): string {
  return rule.owasp.map(o => `[OWASP ${o} ${OWASP_TITLES[o]}](${owaspUrl(o)})`).join(', ');
}

function example(title: string, code: string, language: string): string {
  return `${title}:\n\n\`\`\`${language}\n${code.trimEnd()}\n\`\`\``;
}

/** The full page: docs/rules/<id>.md and `shipshape explain`. */
export function ruleMarkdown(rule: Rule): string {
  const d = rule.docs;
  const lang = rule.target === 'compose' ? 'yaml' : 'dockerfile';
  const parts = [
    `# ${rule.id}`,
    `${d.summary}`,
    `| severity | default | OWASP | fix | also known as |\n|---|---|---|---|---|\n| ${rule.severity} | ${rule.defaultOn ? 'on' : 'off'} | ${rule.owasp.join(' ') || '—'} | ${rule.fix ? `${rule.fix.safety}: ${rule.fix.description}` : '—'} | ${rule.peers.join(', ') || '—'} |`,
    `## Why\n\n${d.why}`,
    `## How to fix\n\n${d.fix}`,
    `## Examples\n\n${d.invalid.map(e => example('Reported', e, lang)).join('\n\n')}\n\n${d.valid.map(e => example('Not reported', e, lang)).join('\n\n')}`,
  ];
  if (d.whenNotToUse) parts.push(`## When not to use it\n\n${d.whenNotToUse}`);
  if (d.differences) parts.push(`## Differences from other tools\n\n${d.differences}`);
  if (d.options?.length) parts.push(`## Options\n\nSet in the policy file (\`.shipshape.yaml\`):\n\n\`\`\`yaml\nrules:\n  ${rule.id}:\n    options: { ${d.options.map(o => `${o.name}: …`).join(', ')} }\n\`\`\`\n\n${d.options.map(o => `- \`${o.name}\`: ${o.description}`).join('\n')}`);
  parts.push(`## Suppressing\n\n\`\`\`${lang}\n# shipshape-ignore ${rule.id} -- <why this is acceptable here>\n\`\`\`\n\nabove the ${rule.target === 'compose' ? 'key' : 'instruction'}, or \`# shipshape-ignore-file ${rule.id} -- <why>\` anywhere in the file. To turn the rule off everywhere, set \`"shipshape.rules": { "${rule.id}": "off" }\` in the editor settings.`);
  parts.push(`## References\n\n${d.references.map(r => `- [${r.title}](${r.url})`).join('\n')}`);
  return parts.join('\n\n') + '\n';
}

/**
 * The hover: what is wrong, why, how to fix, OWASP, peers, how to suppress. Editors already show the
 * diagnostic's own message next to the hover, so the hover starts from the rule's summary instead.
 */
export function hoverMarkdown(rule: Rule): string {
  const d = rule.docs;
  const lines = [
    `**${d.summary}**`,
    `[\`${rule.id}\`](${docsUrl(rule.id)}) · ${rule.severity}${rule.owasp.length ? ' · ' + owaspLine(rule) : ''}`,
    `**Why:** ${d.why}`,
    `**Fix:** ${d.fix}`,
  ];
  if (rule.peers.length) lines.push(`**Also known as:** ${rule.peers.join(', ')}`);
  lines.push(`**Suppress:** \`# shipshape-ignore ${rule.id} -- <reason>\` above the instruction.`);
  return lines.join('\n\n');
}

/** The same content as plain text, for clients without markdown. */
export function hoverPlainText(rule: Rule): string {
  const d = rule.docs;
  const owasp = rule.owasp.map(o => `OWASP ${o} ${OWASP_TITLES[o]} (${owaspUrl(o)})`).join(', ');
  return [
    d.summary,
    `${rule.id} (${rule.severity})${owasp ? ' - ' + owasp : ''}`,
    `Why: ${d.why}`,
    `Fix: ${d.fix}`,
    rule.peers.length ? `Also known as: ${rule.peers.join(', ')}` : '',
    `Suppress: # shipshape-ignore ${rule.id} -- <reason>`,
    `Docs: ${docsUrl(rule.id)}`,
  ].filter(Boolean).join('\n\n');
}

/** The README rules table. */
export function rulesTable(): string {
  const rows = RULES.map(r => `| [${r.id}](docs/rules/${r.id}.md) | ${r.owasp.join(' ') || '—'} | ${r.severity} | ${r.defaultOn ? 'on' : 'off'} | ${r.fix ? r.fix.safety : '—'} | ${r.docs.summary} |`);
  return ['| rule | OWASP | severity | default | fix | what it finds |', '|---|---|---|---|---|---|', ...rows].join('\n');
}
