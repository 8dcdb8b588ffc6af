// Linux capabilities and what granting one back to a container hands over.
// Table dated 2026-11-29. Sources: capabilities(7) (man7.org), Docker's default capability set
// (moby oci/caps/defaults.go), the compose-lint rules CL-0011/CL-0024/CL-0027…CL-0030, and the
// container-escape write-ups they cite (e.g. "Understanding Docker container escapes", Trail of Bits 2019).
import { Severity } from '../types';

export interface CapabilityRisk { severity: Severity; why: string }

/** Capabilities a container should not be given, with how bad each is. Names without `CAP_`, upper case. */
export const DANGEROUS_CAPABILITIES: ReadonlyMap<string, CapabilityRisk> = new Map<string, CapabilityRisk>([
  // a direct route to the host: error
  ['ALL', { severity: 'error', why: 'every capability, as good as privileged' }],
  ['SYS_ADMIN', { severity: 'error', why: 'mount, namespaces, cgroups: the classic container escape' }],
  ['SYS_MODULE', { severity: 'error', why: 'loads kernel modules: code in the host kernel' }],
  ['SYS_RAWIO', { severity: 'error', why: 'raw I/O ports and /dev/mem access' }],
  ['SYS_PTRACE', { severity: 'error', why: 'traces and injects code into other processes (and the host\'s, with pid: host)' }],
  ['DAC_READ_SEARCH', { severity: 'error', why: 'open_by_handle_at reads any host file (the "shocker" escape)' }],
  ['BPF', { severity: 'error', why: 'loads eBPF programs into the host kernel' }],
  ['SYS_BOOT', { severity: 'error', why: 'reboots the host or loads a new kernel with kexec' }],
  ['MAC_ADMIN', { severity: 'error', why: 'reconfigures AppArmor/SELinux/Smack for the whole host' }],
  ['MAC_OVERRIDE', { severity: 'error', why: 'bypasses the mandatory access control policy' }],
  ['PERFMON', { severity: 'error', why: 'perf events and eBPF tracing of the whole host' }],
  // host-wide effects, or a strong step towards an escape: warning
  ['NET_ADMIN', { severity: 'warning', why: 'reconfigures interfaces, routes and firewall rules of its network namespace (the host\'s with network_mode: host)' }],
  ['SYS_TIME', { severity: 'warning', why: 'sets the host clock (the clock is not namespaced)' }],
  ['SYSLOG', { severity: 'warning', why: 'reads and clears the kernel log, which leaks kernel addresses' }],
  ['SYS_RESOURCE', { severity: 'warning', why: 'overrides resource limits and quotas' }],
  ['LINUX_IMMUTABLE', { severity: 'warning', why: 'clears the immutable and append-only flags that protect files' }],
  ['AUDIT_CONTROL', { severity: 'warning', why: 'changes or disables the kernel audit rules' }],
  ['SYS_TTY_CONFIG', { severity: 'warning', why: 'reconfigures the host\'s terminals' }],
  ['WAKE_ALARM', { severity: 'warning', why: 'sets alarms that wake the host from suspend' }],
  ['BLOCK_SUSPEND', { severity: 'warning', why: 'prevents the host from suspending' }],
  ['SYS_PACCT', { severity: 'warning', why: 'switches process accounting for the host' }],
  ['IPC_OWNER', { severity: 'warning', why: 'bypasses permission checks on System V IPC objects' }],
  ['CHECKPOINT_RESTORE', { severity: 'warning', why: 'checkpoints and restores processes, rewriting their state' }],
]);
