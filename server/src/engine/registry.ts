// The explicit list of rules: no file-system scanning, so the bundles stay self-contained.
import { Rule } from './rule';
import requireNonRootUser from '../rules/dockerfile/require-non-root-user';
import noRootUser from '../rules/dockerfile/no-root-user';
import noSudo from '../rules/dockerfile/no-sudo';
import noSetuid from '../rules/dockerfile/no-setuid';
import noPasswordChange from '../rules/dockerfile/no-password-change';
import numericUser from '../rules/dockerfile/numeric-user';
import syntax from '../rules/dockerfile/syntax';

export const RULES: readonly Rule[] = [
  syntax,
  requireNonRootUser,
  noRootUser,
  noSudo,
  noSetuid,
  noPasswordChange,
  numericUser,
];

const BY_ID = new Map(RULES.map(r => [r.id, r]));

export function getRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}
