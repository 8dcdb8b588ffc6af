import { defineComposeRule } from '../../engine/rule';
import { validateComposeSchema, SCHEMA_SOURCE } from '../../engine/compose/schema';

export default defineComposeRule({
  id: 'compose/valid-schema',
  target: 'compose',
  severity: 'error',
  defaultOn: true,
  owasp: [],
  peers: ['dclint invalid-schema'],
  docs: {
    summary: 'A key or value that the Compose specification does not allow.',
    why: '`docker compose` validates the file against the Compose specification and refuses to start anything when a key is unknown or a value has the wrong type. A misspelt key is worse when the tool that reads it is lenient: `privilegd: false` or `read_onyl: true` silently does nothing, so a hardening setting you think is on is not. Shipshape reports the error where it is and keeps checking the rest.',
    fix: 'Correct the key or value at the reported position (the message names the allowed keys or types, and a likely spelling). Extension keys must start with `x-`.',
    invalid: ['services:\n  web:\n    image: nginx:1.27\n    read_onyl: true\n'],
    valid: ['x-common: &common\n  restart: unless-stopped\nservices:\n  web:\n    <<: *common\n    image: nginx:1.27\n    read_only: true\n    ports:\n      - "127.0.0.1:8080:80"\n'],
    references: [
      { title: 'Compose specification', url: 'https://github.com/compose-spec/compose-spec/blob/main/spec.md' },
      { title: `Compose JSON schema (draft-07), as shipped in ${SCHEMA_SOURCE.package}@${SCHEMA_SOURCE.version} ${SCHEMA_SOURCE.file}`, url: 'https://github.com/compose-spec/compose-spec/blob/main/schema/compose-spec.json' },
      { title: `Ajv JSON schema validator ${SCHEMA_SOURCE.ajv}`, url: 'https://ajv.js.org/' },
    ],
    differences: `The file is validated as Compose reads it: aliases followed and \`<<\` merge keys applied, with the Compose specification's JSON schema as shipped in the npm package ${SCHEMA_SOURCE.package}@${SCHEMA_SOURCE.version} (${SCHEMA_SOURCE.file}), validated with ajv ${SCHEMA_SOURCE.ajv}. Of the errors for a value that matches none of the allowed forms, only those of the form it came closest to are shown. A file that is not valid YAML is left to compose/valid-yaml. Values are checked before interpolation, so \`\${VAR}\` is accepted wherever the schema allows a string.`,
  },
  check(ctx) {
    const file = ctx.model.file;
    for (const p of validateComposeSchema(file)) {
      ctx.report({ at: { file, range: p.range }, message: `Not valid Compose: ${p.message} docker compose refuses a file that breaks the specification.` });
    }
  },
});
