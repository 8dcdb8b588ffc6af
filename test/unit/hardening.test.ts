// Engine pieces behind the D02/D03/D04/D09 and correctness rules: package-manager commands, stages that
// ship, EOL knowledge, the FROM hover, toolchain detection and the multi-stage conversion.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { splitShell } from '../../server/src/engine/dockerfile/shell';
import { packageCommand, isIndexUpdate, isInstall } from '../../server/src/engine/dockerfile/packages';
import { buildDockerfileModel } from '../../server/src/engine/dockerfile/model';
import { shippableStages, shellAt, isPosixShell, knownBaseImage } from '../../server/src/engine/dockerfile/stages';
import { parseImageRef } from '../../server/src/engine/knowledge/base-images';
import { eolVerdict } from '../../server/src/engine/knowledge/eol';
import { imageHover } from '../../server/src/engine/dockerfile/image-hover';
import { detectToolchain } from '../../server/src/engine/dockerfile/toolchain';
import { runtimeImageFor } from '../../server/src/engine/multistage';
import { lintDockerfile, fixDockerfile } from '../../server/src/engine/lint';

const pkg = (text: string) => packageCommand(splitShell(text, 0)[0])!;

test('packages: manager, action, options and arguments', () => {
  const p = pkg('sudo DEBIAN_FRONTEND=noninteractive apt-get -o Dpkg::Options::=--force-confnew install -y curl=8.5.0-2');
  assert.equal(p.manager, 'apt-get');
  assert.equal(p.action, 'install');
  assert.deepEqual(p.options.map(o => o.value), ['-o', 'Dpkg::Options::=--force-confnew', '-y']);
  assert.deepEqual(p.args.map(a => a.value), ['curl=8.5.0-2']);
  assert.equal(pkg('python3 -m pip install --no-cache-dir flask').manager, 'pip');
  assert.ok(isIndexUpdate(pkg('apk update')) && !isIndexUpdate(pkg('apk --update add curl')));
  assert.ok(isIndexUpdate(pkg('pacman -Sy')) && isInstall(pkg('pacman -S --noconfirm nginx')));
  assert.ok(isIndexUpdate(pkg('zypper refresh')) && isInstall(pkg('zypper in nginx')));
  assert.equal(packageCommand(splitShell('echo apt-get install', 0)[0]), null);
});

test('stages: the final stage, unreferenced stages and their parents ship; builders do not', () => {
  const m = buildDockerfileModel('FROM golang:1.25 AS build\nFROM debian:bookworm-slim AS base\nFROM base AS debug\nFROM alpine:3.22\nCOPY --from=build /x /x\n');
  assert.deepEqual([...shippableStages(m)].map(s => s.name ?? s.index).sort(), [3, 'base', 'debug'].sort());
  const targeted = buildDockerfileModel('FROM golang:1.25 AS build\nFROM alpine:3.22 AS app\nCOPY --from=build /x /x\nFROM app AS debug\n', { target: 'app' });
  assert.deepEqual([...shippableStages(targeted)].map(s => s.name), ['app']);
});

test('stages: SHELL in effect, inherited through FROM <stage>', () => {
  const m = buildDockerfileModel('FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS a\nSHELL ["powershell", "-Command"]\nFROM a\nRUN dir\n');
  const run = m.stages[1].runs[0].instruction;
  assert.deepEqual(shellAt(m.stages[1], run), ['powershell', '-Command']);
  assert.equal(isPosixShell(shellAt(m.stages[1], run)), false);
  assert.equal(isPosixShell(['/bin/bash', '-o', 'pipefail', '-c']), true);
});

test('stages: a FROM variable that resolves to nothing leaves the image unknown', () => {
  const m = buildDockerfileModel('FROM alpine:3.22\nARG IMAGE=alpine:3.20\nFROM $IMAGE\nFROM alpine:${TAG}\n');
  assert.equal(knownBaseImage(m.stages[0]), 'alpine:3.22');
  assert.equal(knownBaseImage(m.stages[1]), null, 'a stage ARG is not visible to the next FROM');
  assert.equal(knownBaseImage(m.stages[2]), null, 'alpine: with an empty tag is not guessed');
});

test('knowledge: end-of-life tags, dated table', () => {
  const eol = (r: string) => eolVerdict(parseImageRef(r)!)?.product ?? null;
  assert.equal(eol('debian:buster-slim'), 'Debian');
  assert.equal(eol('debian:10'), 'Debian');
  assert.equal(eol('debian:bookworm-slim'), null);
  assert.equal(eol('ubuntu:18.04'), 'Ubuntu');
  assert.equal(eol('ubuntu:bionic'), 'Ubuntu');
  assert.equal(eol('ubuntu:24.04'), null);
  assert.equal(eol('node:16-alpine'), 'Node.js');
  assert.equal(eol('node:22-bullseye'), 'Debian', 'a supported runtime on an EOL Debian');
  assert.equal(eol('python:3.8-slim'), 'Python');
  assert.equal(eol('python:3.12-slim'), null);
  assert.equal(eol('alpine:3.18'), 'Alpine Linux');
  assert.equal(eol('alpine:3.22'), null);
  assert.equal(eol('centos:7'), 'CentOS');
  assert.equal(eol('node:latest'), null, 'no version, no verdict');
});

test('hover: a FROM with variables shows the resolved image', () => {
  const m = buildDockerfileModel('ARG TAG=3.22\nFROM alpine:${TAG} AS base\nFROM base\nARG X\nFROM ${UNSET}\nFROM debian:bookworm-slim\n');
  assert.match(imageHover(m, { line: 1, character: 8 })!.markdown, /`alpine:\$\{TAG\}` resolves to `alpine:3\.22`/);
  assert.equal(imageHover(m, { line: 2, character: 6 }), null, 'no variables, no extra hover');
  assert.match(imageHover(m, { line: 4, character: 7 })!.plainText, /cannot be resolved/);
  const cli = buildDockerfileModel('ARG TAG=3.20\nFROM alpine:${TAG}\n', { buildArgs: { TAG: '3.22' } });
  assert.match(imageHover(cli, { line: 1, character: 6 })!.plainText, /alpine:3\.22/);
});

test('toolchain: SDK bases, build packages and Node build steps ship; a runtime image does not', () => {
  const eco = (text: string) => detectToolchain(buildDockerfileModel(text))?.ecosystem ?? null;
  assert.equal(eco('FROM golang:1.25\nRUN go build -o /app .\nCMD ["/app"]\n'), 'go');
  assert.equal(eco('FROM maven:3.9-eclipse-temurin-21\nRUN mvn package\n'), 'java-maven');
  assert.equal(eco('FROM node:22\nRUN npm ci && npm run build\nCMD ["node", "dist/index.js"]\n'), 'node');
  assert.equal(eco('FROM node:22\nRUN npm ci --omit=dev\nCMD ["node", "index.js"]\n'), null);
  assert.equal(eco('FROM debian:bookworm-slim\nRUN apt-get install -y gcc\nCMD ["/app"]\n'), 'generic');
  assert.equal(eco('FROM golang:1.25 AS b\nRUN go build -o /app .\nFROM alpine:3.22\nCOPY --from=b /app /app\n'), null);
  assert.equal(runtimeImageFor('java-gradle', parseImageRef('gradle:8.10-jdk17'), false), 'eclipse-temurin:17-jre');
  assert.equal(runtimeImageFor('go', parseImageRef('golang:1.25'), true), 'gcr.io/distroless/static-debian12:nonroot');
});

test('multi-stage conversion: the result lints clean of the rule and keeps the runtime instructions', () => {
  const text = 'FROM golang:1.25-alpine\nARG VERSION=1\nENV APP_VERSION=$VERSION\nWORKDIR /src\nCOPY . .\nRUN go build -o bin/server .\nEXPOSE 8080\nHEALTHCHECK CMD wget -q --spider http://localhost:8080/ || exit 1\nENTRYPOINT ["/src/bin/server"]\n';
  const out = fixDockerfile(text, { only: ['dockerfile/require-multi-stage'], unsafe: true }).text;
  assert.match(out, /^FROM golang:1\.25-alpine AS builder$/m);
  assert.match(out, /^FROM alpine:3\.22$/m);
  assert.match(out, /^COPY --from=builder \/src\/bin\/server \/src\/bin\/server$/m);
  assert.match(out, /^ARG VERSION=1\nENV APP_VERSION=\$VERSION\nWORKDIR \/src$/m);
  assert.ok(out.indexOf('HEALTHCHECK') > out.indexOf('FROM alpine') && out.indexOf('USER 10001:10001') < out.indexOf('ENTRYPOINT'));
  assert.deepEqual(lintDockerfile(out, { allRules: true }).findings.filter(f => ['dockerfile/require-multi-stage', 'dockerfile/require-non-root-user', 'dockerfile/syntax'].includes(f.ruleId)).map(f => f.message), []);
});
