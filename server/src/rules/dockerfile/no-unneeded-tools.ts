import { defineRule } from '../../engine/rule';
import { effectiveWords, programName } from '../../engine/dockerfile/shell';
import { packageCommands, isInstall } from '../../engine/dockerfile/packages';
import { shippableStages } from '../../engine/dockerfile/stages';
import { owaspRef, hadolintRef } from '../../engine/references';

// run in a RUN: interactive or system-administration tools that make no sense in an image build
const RUN_TOOLS = new Set(['ssh', 'sshd', 'vim', 'vi', 'nano', 'shutdown', 'reboot', 'halt', 'poweroff', 'mount', 'umount', 'ifconfig', 'ps', 'top', 'htop', 'kill', 'killall', 'service']);
// installed: a login daemon and editors that only help an attacker who got in
const INSTALLED = /^(openssh-server|ssh-server|dropbear|vim|vim-[a-z]+|nano|emacs[a-z0-9-]*|telnetd?|net-tools)([=:<>].*)?$/;

export default defineRule({
  id: 'dockerfile/no-unneeded-tools',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'info',
  defaultOn: false,
  owasp: ['D04'],
  peers: ['hadolint DL3001', 'KICS run_utilities_and_posix_commands'],
  docs: {
    summary: 'The image installs or runs tools a container does not need: an SSH server, editors, process and system-administration commands.',
    why: 'Editors, an SSH daemon, and tools like ifconfig or mount are what an attacker looks for after getting in; in an image they only add attack surface and packages to patch. Running `ps`, `top`, `kill`, `shutdown` or `mount` during a build has no effect on the running container and usually means a script written for a VM.',
    fix: 'Remove them. Debug with `docker exec` / `kubectl debug` (an ephemeral debug container brings its own tools) rather than baking them into the image.',
    invalid: ['FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-server\n', 'FROM debian:bookworm-slim\nRUN ps aux\n'],
    valid: ['FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates\n'],
    references: [owaspRef('D04'), hadolintRef('DL3001')],
    differences: 'Installing vim or nano is reported too (KICS only reports running such tools). Only stages that ship are judged.',
  },
  check(ctx) {
    for (const stage of shippableStages(ctx.model)) {
      for (const run of stage.runs) {
        for (const cmd of run.commands) {
          const prog = programName(cmd);
          if (RUN_TOOLS.has(prog)) {
            const w = effectiveWords(cmd)[0];
            ctx.report({ range: ctx.model.index.rangeOf(w.start, w.end), message: `${prog} in a RUN has no place in an image build (it does not affect the running container). Remove it; debug with docker exec or an ephemeral debug container.` });
          }
        }
        for (const p of packageCommands(run.commands)) {
          if (!isInstall(p)) continue;
          const pkgs = p.args.filter(a => INSTALLED.test(a.value));
          if (!pkgs.length) continue;
          ctx.report({ range: ctx.model.index.rangeOf(pkgs[0].start, pkgs[pkgs.length - 1].end), message: `Installing ${pkgs.map(x => x.value).join(', ')} ships a login service or an editor that only helps an attacker who got in. Remove ${pkgs.length > 1 ? 'them' : 'it'}; debug with an ephemeral debug container.` });
        }
      }
    }
  },
});
