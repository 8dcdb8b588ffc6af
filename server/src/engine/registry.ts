// The explicit list of rules: no file-system scanning, so the bundles stay self-contained.
import { Rule } from './rule';
import { DOCKERFILE_RULES } from '../rules/dockerfile/index';

export const RULES: readonly Rule[] = [...DOCKERFILE_RULES];

const BY_ID = new Map(RULES.map(r => [r.id, r]));

export function getRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}
