// Compose rules, in the order they run. Each group file is one list; new rules go into a group.
import { ComposeRule } from '../../engine/rule';
import validYaml from './valid-yaml';
import noPrivileged from './no-privileged';
import requireNoNewPrivileges from './require-no-new-privileges';
import { GROUP_RUNTIME } from './group-runtime';
import { GROUP_RESOURCES } from './group-resources';

const GROUP_CORE: ComposeRule[] = [validYaml, noPrivileged, requireNoNewPrivileges];

export const COMPOSE_RULES: readonly ComposeRule[] = [...GROUP_CORE, ...GROUP_RUNTIME, ...GROUP_RESOURCES];
