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
    // a broken file can have an error per token (the fuzzer made one with 100,000): list the first ones
    const errors = file.errors.slice(0, MAX_LISTED);
    for (const e of errors) ctx.report({ at: { file, range: e.range }, message: `Invalid YAML: ${e.message}` });
    if (file.errors.length > MAX_LISTED) {
      const next = file.errors[MAX_LISTED];
      ctx.report({ at: { file, range: next.range }, message: `Invalid YAML: ${file.errors.length - MAX_LISTED} more errors from here on are not listed; fix the ones above first.` });
    }
    for (const p of ctx.model.problems) ctx.report({ at: { file, range: p.range }, message: p.message });
  },
});

/** YAML errors listed one by one; the rest are counted in one more finding. */
export const MAX_LISTED = 100;
