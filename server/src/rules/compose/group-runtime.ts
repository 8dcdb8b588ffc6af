// D01/D03/D04/D05 runtime confinement: users, namespaces, capabilities, seccomp/AppArmor/SELinux, mounts, ports.
import { ComposeRule } from '../../engine/rule';

export const GROUP_RUNTIME: ComposeRule[] = [];
