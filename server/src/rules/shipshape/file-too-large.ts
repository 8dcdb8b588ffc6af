// A meta rule: produced by lintFile when a file is over the size limit; this module holds its docs.
import { defineRule } from '../../engine/rule';

export const FILE_TOO_LARGE = 'shipshape/file-too-large';
export const DEFAULT_MAX_FILE_SIZE = 4 * 1024 * 1024;

export default defineRule({
  id: FILE_TOO_LARGE,
  target: 'dockerfile',
  severity: 'info',
  defaultOn: true,
  owasp: [],
  peers: [],
  docs: {
    summary: 'The file is larger than the size limit, so Shipshape does not analyse it.',
    why: 'Real Dockerfiles and compose files are a few kilobytes. A multi-megabyte one is usually generated or not a build file at all; analysing it on every keystroke would slow the editor for nothing.',
    fix: 'Raise the limit with the editor setting `shipshape.maxFileSize` (bytes) if the file really is a build file.',
    invalid: ['FROM debian:bookworm-slim\nUSER 10001\n'],
    valid: ['FROM scratch\n'],
    exampleOptions: { maxFileSize: 20 },
    references: [{ title: 'Shipshape README: settings', url: 'https://github.com/shipshape-lint/shipshape#settings' }],
  },
  check() { /* produced by lintFile: see engine/project.ts */ },
});
