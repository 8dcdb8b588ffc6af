import { defineRule } from '../../engine/rule';
import { parseImageRef } from '../../engine/knowledge/base-images';
import { eolVerdict, endedWording, EOL_TABLE_DATE } from '../../engine/knowledge/eol';
import { knownBaseImage, shippableStages } from '../../engine/dockerfile/stages';
import { owaspRef } from '../../engine/references';

export default defineRule({
  id: 'dockerfile/no-eol-base-image',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D02'],
  cwe: 'CWE-1104',
  peers: [],
  docs: {
    summary: 'The image that ships is built on a distribution or runtime version that no longer gets security fixes.',
    why: 'Once a release reaches end of life, newly found vulnerabilities in it stay unfixed: rebuilding the image no longer patches anything, and scanners report an ever-growing list nobody can fix. Only a move to a supported release does.',
    fix: `Move the FROM to a supported release named in the message (for example \`debian:bookworm-slim\`, \`node:22\`, \`python:3.12-slim\`, \`alpine:3.22\`). The built-in table is dated ${EOL_TABLE_DATE}; it counts the upstream's free security support (not paid extended support): Debian ≤ 11, Ubuntu before 22.04 and expired interim releases, Node.js before 22 and odd releases, Python before 3.10, Alpine before 3.22, CentOS, Go ≤ 1.23, PHP before 8.2, Ruby before 3.3, Fedora before 43, PostgreSQL before 14, MySQL before 8.4, UBI 7, and language images on an EOL Debian (\`-buster\`, \`-bullseye\`) or Alpine (\`-alpine3.18\`).`,
    invalid: ['FROM debian:buster-slim\n', 'FROM python:3.8-slim\n', 'FROM node:22-bullseye\n'],
    valid: ['FROM debian:bookworm-slim\n', 'FROM python:3.12-slim\n', 'FROM node:16 AS build\nRUN npm ci\nFROM node:22-slim\nCOPY --from=build /app /app\n'],
    references: [owaspRef('D02'), { title: 'endoflife.date', url: 'https://endoflife.date/' }, { title: 'Debian releases and LTS', url: 'https://wiki.debian.org/LTS' }],
    differences: 'No peer checks this offline (scanners report the resulting CVEs after the build). Only stages that ship are judged: a builder stage on an old toolchain whose output is copied elsewhere is not reported.',
    whenNotToUse: 'When the table is older than your build date, its verdicts lag behind; when you pay for extended support of that release (Ubuntu Pro, Freexian ELTS) and your image gets it.',
  },
  check(ctx) {
    for (const stage of shippableStages(ctx.model)) {
      const image = knownBaseImage(stage);
      const ref = image ? parseImageRef(image) : null;
      const verdict = ref ? eolVerdict(ref) : null;
      if (!verdict) continue;
      ctx.report({
        range: stage.from.getImageRange() ?? stage.from.getRange(),
        message: `${image} is ${verdict.product} ${verdict.version}, which reached end of life ${endedWording(verdict.ended)}: its vulnerabilities no longer get fixed. Move to ${verdict.advice}.`,
      });
    }
  },
});
