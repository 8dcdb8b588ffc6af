// Host paths a container must not bind: container-runtime sockets, system directories, and devices.
// Table dated 2026-11-29. Sources: Docker docs "Protect the Docker daemon socket" and "Bind mounts";
// CIS Docker Benchmark 1.6 §5.5 (sensitive host system directories) and §5.31 (docker socket);
// the Filesystem Hierarchy Standard 3.0; devices(4)/mem(4) man pages; compose-lint CL-0001/CL-0013/CL-0016/CL-0025.

/** A path with trailing slashes and `//` removed (`/etc/` → `/etc`). */
export function normalHostPath(p: string): string {
  const t = p.trim().replace(/\/{2,}/g, '/');
  return t.length > 1 ? t.replace(/\/+$/, '') : t;
}

function within(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir + '/');
}

const SOCKET_NAMES = /^(docker|containerd|podman|crio|cri-dockerd|dockershim|buildkitd)\.sock$/;
/** directories that hold a runtime socket: binding them hands over the socket too */
const SOCKET_DIRS = ['/run', '/var/run', '/run/docker', '/var/run/docker', '/run/containerd', '/var/run/containerd', '/run/podman', '/var/run/podman', '/run/crio', '/var/run/crio', '/run/buildkit'];

/** The runtime socket a host path hands over, or null. */
export function runtimeSocket(hostPath: string): string | null {
  const p = normalHostPath(hostPath);
  const name = p.slice(p.lastIndexOf('/') + 1);
  if (SOCKET_NAMES.test(name)) return name;
  if (/(^|[\\/])pipe[\\/]docker_engine$/i.test(p)) return 'the docker_engine named pipe';
  if (SOCKET_DIRS.includes(p)) return `the runtime sockets in ${p}`;
  return null;
}

export interface SensitiveHostPath {
  /** the listed directory the path falls in */
  dir: string;
  what: string;
  /** reading it is already dangerous: `:ro` does not make the mount acceptable */
  evenReadOnly: boolean;
}

// checked in order: the more specific entry first
const SENSITIVE: Array<{ dir: string; exact?: boolean; what: string; evenReadOnly: boolean }> = [
  { dir: '/', exact: true, what: 'the whole host file system', evenReadOnly: true },
  { dir: '/etc/shadow', what: 'the host\'s password hashes', evenReadOnly: true },
  { dir: '/etc/gshadow', what: 'the host\'s group password hashes', evenReadOnly: true },
  { dir: '/etc/sudoers', what: 'the host\'s sudo rules', evenReadOnly: true },
  { dir: '/etc/ssh', what: 'the host\'s SSH keys and configuration', evenReadOnly: true },
  { dir: '/etc/kubernetes', what: 'the node\'s Kubernetes credentials', evenReadOnly: true },
  { dir: '/proc', what: 'the host\'s processes (their memory maps, environments and kernel knobs)', evenReadOnly: true },
  { dir: '/dev', what: 'the host\'s devices (device nodes stay writable on a read-only mount)', evenReadOnly: true },
  { dir: '/root', what: 'root\'s home on the host (SSH keys, shell history, credentials)', evenReadOnly: true },
  { dir: '/home', exact: true, what: 'every user\'s home on the host', evenReadOnly: true },
  { dir: '/var/lib/docker', what: 'Docker\'s state: every container\'s files and secrets', evenReadOnly: true },
  { dir: '/var/lib/containerd', what: 'containerd\'s state: every container\'s files', evenReadOnly: true },
  { dir: '/var/lib/kubelet', what: 'the kubelet\'s state and pod secrets', evenReadOnly: true },
  { dir: '/etc', what: 'the host\'s configuration (users, cron, systemd units, sudoers)', evenReadOnly: false },
  { dir: '/sys', what: 'the host\'s kernel and device settings', evenReadOnly: false },
  { dir: '/boot', what: 'the host\'s kernel and boot loader', evenReadOnly: false },
  { dir: '/usr', what: 'the host\'s programs and libraries', evenReadOnly: false },
  { dir: '/bin', what: 'the host\'s programs', evenReadOnly: false },
  { dir: '/sbin', what: 'the host\'s system programs', evenReadOnly: false },
  { dir: '/lib', what: 'the host\'s libraries and kernel modules', evenReadOnly: false },
  { dir: '/lib32', what: 'the host\'s libraries', evenReadOnly: false },
  { dir: '/lib64', what: 'the host\'s libraries', evenReadOnly: false },
  { dir: '/libx32', what: 'the host\'s libraries', evenReadOnly: false },
  { dir: '/var/log', what: 'the host\'s logs (an attacker erases their tracks)', evenReadOnly: false },
  { dir: '/var', exact: true, what: 'the host\'s variable state (logs, spools, package databases)', evenReadOnly: false },
  { dir: '/var/lib', exact: true, what: 'the state of every host service and package database', evenReadOnly: false },
];

/** What a bind of this host path exposes, or null for an ordinary directory (relative paths are ordinary). */
export function sensitiveHostPath(hostPath: string): SensitiveHostPath | null {
  const p = normalHostPath(hostPath);
  if (!p.startsWith('/')) return null;
  for (const s of SENSITIVE) {
    if (s.exact ? p === s.dir : within(p, s.dir)) return { dir: s.dir, what: s.what, evenReadOnly: s.evenReadOnly };
  }
  return null;
}

const DANGEROUS_DEVICES: Array<{ pattern: RegExp; what: string }> = [
  { pattern: /^\/dev$/, what: 'every host device' },
  { pattern: /^\/dev\/(mem|kmem|port)$/, what: 'the host\'s physical memory or I/O ports' },
  { pattern: /^\/dev\/(sd[a-z]+|hd[a-z]+|vd[a-z]+|xvd[a-z]+|nvme\d+(n\d+)?|mmcblk\d+|md\d+|dm-\d+|loop\d+)(p?\d+)?$/, what: 'a raw host disk (read or rewrite any file, bypassing permissions)' },
  { pattern: /^\/dev\/(mapper|disk)\//, what: 'a raw host disk (read or rewrite any file, bypassing permissions)' },
  { pattern: /^\/dev\/kvm$/, what: 'the host\'s hypervisor' },
  { pattern: /^\/dev\/cpu(\/|$)/, what: 'CPU model-specific registers' },
  { pattern: /^\/dev\/kmsg$/, what: 'the host kernel log' },
];

/** What passing this host device to a container exposes, or null. */
export function dangerousDevice(hostPath: string): string | null {
  const p = normalHostPath(hostPath);
  return DANGEROUS_DEVICES.find(d => d.pattern.test(p))?.what ?? null;
}
