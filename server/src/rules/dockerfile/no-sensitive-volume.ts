import { defineRule } from '../../engine/rule';
import { shippableStages, resolveAt } from '../../engine/dockerfile/stages';
import { owaspRef, dockerfileRef } from '../../engine/references';

const SOCKETS = /^\/(var\/)?run\/(docker|containerd\/containerd|podman\/podman|crio\/crio)\.sock$/;
const SYSTEM = /^\/(proc|sys|dev)(\/|$)/;

export default defineRule({
  id: 'dockerfile/no-sensitive-volume',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'error',
  defaultOn: true,
  owasp: ['D04'],
  cwe: 'CWE-668',
  peers: ['Semgrep dockerfile-dockerd-socket-mount', 'Dockle DKL-DI-0002'],
  docs: {
    summary: 'A VOLUME declares the container runtime socket, /proc, /sys, /dev or the root directory.',
    why: 'A VOLUME tells the runtime to mount something at that path. Declaring the Docker socket invites running the container with the host\'s socket mounted there, which gives the container root on the host; /proc, /sys and /dev are kernel interfaces the runtime sets up itself and must not be replaced or shared; `VOLUME /` makes the whole filesystem a volume, defeating the image\'s immutability.',
    fix: 'Remove the VOLUME. Declare volumes only for data directories the application writes (`VOLUME /var/lib/app`). If a tool truly needs the Docker API, give it a narrowly scoped proxy, not the socket.',
    invalid: ['FROM debian:bookworm-slim\nVOLUME /var/run/docker.sock\n', 'FROM debian:bookworm-slim\nVOLUME ["/data", "/proc"]\n'],
    valid: ['FROM debian:bookworm-slim\nVOLUME /var/lib/app\n'],
    references: [owaspRef('D04'), dockerfileRef('VOLUME'), { title: 'Docker daemon attack surface', url: 'https://docs.docker.com/engine/security/#docker-daemon-attack-surface' }],
  },
  check(ctx) {
    for (const stage of shippableStages(ctx.model)) {
      for (const ins of stage.instructions) {
        if (ins.getKeyword() !== 'VOLUME') continue;
        for (const arg of ins.getArguments()) {
          const raw = arg.getValue().replace(/^\[|\]$|^"|"$|,$/g, '').replace(/^"|"$/g, '');
          if (!raw) continue;
          const resolved = resolveAt(stage, ins, raw, ctx.model.escape);
          if (resolved === null) continue;
          const path = resolved.replace(/\/+$/, '') || '/';
          const what = SOCKETS.test(path) ? 'the container runtime socket (root on the host for whoever can use it)'
            : SYSTEM.test(path) ? 'a kernel interface the runtime manages itself' : path === '/' ? 'the whole root filesystem' : null;
          if (what) ctx.report({ range: arg.getRange(), message: `VOLUME ${path} declares ${what}. Remove it; declare volumes only for the application's data directories.` });
        }
      }
    }
  },
});
