// D01/D03/D04/D05 runtime confinement: users, namespaces, capabilities, seccomp/AppArmor/SELinux, mounts, ports.
import { ComposeRule } from '../../engine/rule';
import noRootUser from './no-root-user';
import requireNonRootUser from './require-non-root-user';
import noHostUserns from './no-host-userns';
import noHostNetwork from './no-host-network';
import bindPortsToLocalhost from './bind-ports-to-localhost';
import noPublicDatabasePort from './no-public-database-port';
import noPrivilegedPort from './no-privileged-port';
import noDockerSocket from './no-docker-socket';
import noSensitiveHostMount from './no-sensitive-host-mount';
import noSeccompUnconfined from './no-seccomp-unconfined';
import noApparmorUnconfined from './no-apparmor-unconfined';
import noSelinuxDisabled from './no-selinux-disabled';
import requireCapDropAll from './require-cap-drop-all';
import noDangerousCapabilities from './no-dangerous-capabilities';
import noHostPid from './no-host-pid';
import noHostIpc from './no-host-ipc';
import noHostUts from './no-host-uts';
import noDangerousDevices from './no-dangerous-devices';
import noSharedNamespace from './no-shared-namespace';
import noMountPropagation from './no-mount-propagation';
import noSharedVolume from './no-shared-volume';

export const GROUP_RUNTIME: ComposeRule[] = [
  noRootUser, requireNonRootUser, noHostUserns, noHostNetwork, bindPortsToLocalhost, noPublicDatabasePort, noPrivilegedPort,
  noDockerSocket, noSensitiveHostMount, noSeccompUnconfined, noApparmorUnconfined, noSelinuxDisabled, requireCapDropAll,
  noDangerousCapabilities, noHostPid, noHostIpc, noHostUts, noDangerousDevices, noSharedNamespace, noMountPropagation, noSharedVolume,
];
