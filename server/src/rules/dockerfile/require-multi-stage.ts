import { defineRule } from '../../engine/rule';
import { detectToolchain } from '../../engine/dockerfile/toolchain';
import { convertToMultiStage } from '../../engine/multistage';
import { owaspRef } from '../../engine/references';

export default defineRule({
  id: 'dockerfile/require-multi-stage',
  target: 'dockerfile',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D04', 'D09'],
  cwe: 'CWE-1357',
  peers: [],
  fix: { safety: 'unsafe', description: 'convert to multi-stage: a named builder stage and a minimal runtime stage for the ecosystem (Go, Node, Python, Java, Rust, .NET, or a generic one with placeholders), running as a non-root user' },
  docs: {
    summary: 'The image that ships carries its build toolchain (a compiler or SDK base image, or build packages such as gcc, git, build-essential).',
    why: 'Compilers, package-manager caches, source code, git and SDKs are not needed to run the app, but they ship with it: hundreds of megabytes, hundreds of extra CVEs to patch, and a ready-made toolkit for an attacker who gets code execution (compile an exploit, fetch code with git). A multi-stage build compiles in a builder stage and copies only the result into a small runtime image.',
    fix: 'Build in a named stage (`FROM golang:1.25 AS builder`) and copy only the artifact into a runtime stage (`FROM gcr.io/distroless/static-debian12:nonroot`, `node:22-slim`, `python:3.12-slim`, `eclipse-temurin:21-jre`, `mcr.microsoft.com/dotnet/aspnet:8.0`, `debian:bookworm-slim`). The quick fix does the split for the ecosystem it recognises: Go (static binary onto distroless/static or a slim base), Node (production dependencies and `dist/` in `node:<ver>-slim`), Python (a venv built in the builder, copied into `python:<ver>-slim`), Java (the jar onto a JRE), Rust, .NET (`dotnet publish` output onto aspnet), and a generic split that copies the program CMD names and leaves placeholders for the rest. It keeps ARG/ENV/WORKDIR/EXPOSE/LABEL/HEALTHCHECK/CMD/ENTRYPOINT in the runtime stage and adds a non-root user there. Review the COPY --from lines: they are the one thing the fix has to guess. The fix is offered when the final stage is built FROM an image (not FROM an earlier stage).',
    invalid: [
      'FROM golang:1.25\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/server ./cmd/server\nCMD ["/out/server"]\n',
      'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev\nCOPY hello.c /src/\nRUN gcc -o /usr/local/bin/hello /src/hello.c\nCMD ["/usr/local/bin/hello"]\n',
    ],
    valid: [
      'FROM golang:1.25 AS builder\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/server ./cmd/server\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=builder /out/server /server\nCMD ["/server"]\n',
      'FROM node:22-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "server.js"]\n',
    ],
    references: [owaspRef('D04'), owaspRef('D09'), { title: 'Docker: multi-stage builds', url: 'https://docs.docker.com/build/building/multi-stage/' }],
    differences: 'No peer has this rule; Dockle and scanners only see the resulting packages after the build.',
    whenNotToUse: 'Development images and CI runner images whose purpose is to provide the toolchain. Suppress with a reason, or lint them with --target pointing at the runtime stage.',
  },
  check(ctx) {
    const found = detectToolchain(ctx.model);
    const stage = ctx.model.shippedStage;
    if (!found || !stage) return;
    ctx.report({
      range: found.range,
      message: `The image that ships carries a build toolchain: ${found.evidence}. Build in a separate stage and copy only the result into a minimal runtime image (the quick fix converts this ${found.ecosystem === 'generic' ? '' : found.ecosystem + ' '}build to multi-stage).`,
      fixes: () => {
        const conv = convertToMultiStage(ctx.model, stage, found, ctx.options);
        return conv ? [{ title: `Convert to multi-stage (builder + ${conv.runtimeImage})`, safety: 'unsafe', edits: [conv.edit] }] : [];
      },
    });
  },
});
