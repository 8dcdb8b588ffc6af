import { defineRule } from '../../engine/rule';
import { exposedPorts } from '../../engine/dockerfile/expose';
import { owaspRef, hadolintRef, dockerfileRef } from '../../engine/references';

export default defineRule({
  id: 'dockerfile/valid-port',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'error',
  defaultOn: true,
  owasp: ['D03'],
  peers: ['hadolint DL3011', 'Trivy DS-0008', 'KICS unix_ports_out_of_range', 'Semgrep invalid-port', 'BuildKit ExposeInvalidFormat'],
  docs: {
    summary: 'An EXPOSE argument is not a valid port: out of 1–65535, an unknown protocol, or a host mapping.',
    why: 'EXPOSE documents which ports the container listens on, and tools (compose `-P`, orchestrators, scanners, firewall rules generated from images) read it. A port out of range fails the build or the run; `ip:host:ctr` is a publishing decision that belongs to the runtime, and BuildKit ignores the host part, so the image says something it does not do.',
    fix: 'Write `EXPOSE <port>[/tcp|/udp|/sctp]` with a port from 1 to 65535 (ranges as `8000-8010`). Choose host ports and interfaces when running (`docker run -p 127.0.0.1:8080:80`, compose `ports:`).',
    invalid: ['FROM debian:bookworm-slim\nEXPOSE 65536\n', 'FROM debian:bookworm-slim\nEXPOSE 80/http\n', 'FROM debian:bookworm-slim\nEXPOSE 127.0.0.1:8080:80\n'],
    valid: ['FROM debian:bookworm-slim\nEXPOSE 80 443/tcp 53/udp 8000-8010\n', 'FROM debian:bookworm-slim\nARG PORT=8080\nEXPOSE ${PORT}\n'],
    references: [owaspRef('D03'), dockerfileRef('EXPOSE'), hadolintRef('DL3011')],
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const p of exposedPorts(ctx.model, stage)) {
        if (p.resolved === null) continue;
        const shown = p.resolved !== p.raw ? `${p.raw} (= ${p.resolved})` : p.raw;
        let problem: string | null = null;
        if (p.malformed) problem = /:/.test(p.resolved) ? 'is a host:container mapping; EXPOSE takes only the container port, and which host port and interface to publish on is decided at run time (-p, compose ports:)' : 'is not a port: write <port>[/tcp|/udp|/sctp]';
        else if (p.from !== null && (p.from < 1 || p.from > 65535 || (p.to !== null && (p.to < 1 || p.to > 65535 || p.to < p.from)))) problem = 'is outside the port range 1–65535';
        else if (p.protocol && !/^(tcp|udp|sctp)$/i.test(p.protocol)) problem = `has the protocol ${p.protocol}; Docker knows tcp, udp and sctp`;
        if (problem) ctx.report({ range: p.range, message: `EXPOSE ${shown} ${problem}.` });
      }
    }
  },
});
