// The explicit list of rules: no file-system scanning, so the bundles stay self-contained.
import { Rule } from './rule';
import { DOCKERFILE_RULES } from '../rules/dockerfile/index';
import { COMPOSE_RULES } from '../rules/compose/index';
import suppression from '../rules/shipshape/suppression';
import fileTooLarge from '../rules/shipshape/file-too-large';

export const RULES: readonly Rule[] = [...DOCKERFILE_RULES, ...COMPOSE_RULES, suppression, fileTooLarge];

const BY_ID = new Map(RULES.map(r => [r.id, r]));

export function getRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}
