// Dockerfile rules, in the order they run. Each group file is one list; new rules go into a group.
import { DockerfileRule } from '../../engine/rule';
import syntax from './syntax';
import requireNonRootUser from './require-non-root-user';
import noRootUser from './no-root-user';
import noSudo from './no-sudo';
import noSetuid from './no-setuid';
import noPasswordChange from './no-password-change';
import numericUser from './numeric-user';
import { GROUP_HARDENING } from './group-hardening';
import { GROUP_SUPPLY_CHAIN } from './group-supply-chain';

/** D01 secure user mapping, and the syntax check every rule relies on */
const GROUP_USER: DockerfileRule[] = [syntax, requireNonRootUser, noRootUser, noSudo, noSetuid, noPasswordChange, numericUser];

export const DOCKERFILE_RULES: readonly DockerfileRule[] = [...GROUP_USER, ...GROUP_HARDENING, ...GROUP_SUPPLY_CHAIN];
