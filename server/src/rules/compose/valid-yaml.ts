import { defineComposeRule } from '../../engine/rule';

export default defineComposeRule({
  id: 'compose/valid-yaml',
  target: 'compose',
  severity: 'error',
  defaultOn: true,
  owasp: [],
  peers: ['dclint invalid-yaml'],
  docs: {
    summary: 'The compose file is not valid YAML, or an `extends` points at nothing.',
    why: 'Compose refuses a file that does not parse, and every rule can only check the parts that did. Shipshape reports the error where it is and keeps checking the rest.',
    fix: 'Correct the YAML at the reported position: indentation, an unclosed quote or bracket, a duplicate key, a tab used for indentation.',
    invalid: ['services:\n  web:\n    image: "nginx:1.27\n'],
    valid: ['services:\n  web:\n    image: nginx:1.27\n'],
    references: [{ title: 'YAML 1.2 specification', url: 'https://yaml.org/spec/1.2.2/' }, { title: 'Compose file reference', url: 'https://docs.docker.com/reference/compose-file/' }],
  },
  check(ctx) {
    const file = ctx.model.file;
    for (const e of file.errors) ctx.report({ at: { file, range: e.range }, message: `Invalid YAML: ${e.message}` });
    for (const p of ctx.model.problems) ctx.report({ at: { file, range: p.range }, message: p.message });
  },
});
