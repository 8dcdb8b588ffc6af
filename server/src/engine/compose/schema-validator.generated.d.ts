// Types of the generated module beside it (scripts/gen-compose-validator.mjs): the Compose schema's
// validator, compiled ahead of time by ajv's standalone code generation.
import type { ValidateFunction } from 'ajv';

declare const validate: ValidateFunction;
export = validate;
