// Does the stage that ships carry a build toolchain? The base image (a compiler or SDK image) or the
// packages it installs (gcc, build-essential, git…) say so; the ecosystem (Go, Node, Python, Java, Rust,
// .NET, or generic) decides how the multi-stage conversion splits it.
import { DockerfileModel, Stage, stageLineage } from './model';
import { programName, effectiveWords, Word } from './shell';
import { packageCommands, isInstall } from './packages';
import { parseImageRef, ImageRef } from '../knowledge/base-images';
import { Range } from '../types';

export type Ecosystem = 'go' | 'node' | 'python' | 'java-maven' | 'java-gradle' | 'rust' | 'dotnet' | 'generic';

export interface ToolchainFinding {
  ecosystem: Ecosystem;
  /** what gave the toolchain away, for the message */
  evidence: string;
  range: Range;
  /** the root image of the shipped stage's lineage */
  baseRef: ImageRef | null;
}

const BUILD_PACKAGES = /^(build-essential|build-base|gcc|g\+\+|gcc-c\+\+|clang|make|cmake|git|golang|golang-go|cargo|rustc|maven|gradle|default-jdk|openjdk-\d+-jdk(-headless)?|java-\d+-openjdk-devel|dotnet-sdk-[\d.]+|nodejs-dev|python3-dev|libc6-dev|musl-dev)([=:<>].*)?$/;

function sdkBase(ref: ImageRef): { ecosystem: Ecosystem; what: string } | null {
  const name = (ref.registry ? ref.registry + '/' : '') + ref.repository;
  const tag = (ref.tag ?? '').toLowerCase();
  if (name === 'golang') return { ecosystem: 'go', what: 'the Go toolchain image' };
  if (name === 'rust') return { ecosystem: 'rust', what: 'the Rust toolchain image' };
  if (name === 'maven') return { ecosystem: 'java-maven', what: 'the Maven image (JDK + Maven)' };
  if (name === 'gradle') return { ecosystem: 'java-gradle', what: 'the Gradle image (JDK + Gradle)' };
  if ((name === 'openjdk' || name === 'eclipse-temurin' || name === 'amazoncorretto') && !tag.includes('jre')) return { ecosystem: 'java-maven', what: 'a JDK image' };
  if (name === 'mcr.microsoft.com/dotnet/sdk') return { ecosystem: 'dotnet', what: 'the .NET SDK image' };
  if (name === 'gcc' || name === 'buildpack-deps') return { ecosystem: 'generic', what: `the ${name} compiler image` };
  return null;
}

/** The words of every RUN in the lineage, shell commands flattened. */
function commandsOf(stages: Stage[]) {
  return stages.flatMap(s => s.runs.filter(r => !r.onbuild).flatMap(r => r.commands));
}

function ecosystemFromCommands(stages: Stage[], fallback: Ecosystem): Ecosystem {
  for (const c of commandsOf(stages)) {
    const prog = programName(c);
    const sub = effectiveWords(c)[1]?.value;
    if (prog === 'go' && sub === 'build') return 'go';
    if (prog === 'cargo' && sub === 'build') return 'rust';
    if (prog === 'mvn' || prog === 'mvnw') return 'java-maven';
    if (prog === 'gradle' || prog === 'gradlew') return 'java-gradle';
    if (prog === 'dotnet' && sub === 'publish') return 'dotnet';
  }
  return fallback;
}

/** True for a Node build step: `npm run build`, `yarn build`, `pnpm build`, `npx tsc`… */
function nodeBuildStep(stages: Stage[]): Word | null {
  for (const c of commandsOf(stages)) {
    const w = effectiveWords(c).map(x => x.value);
    const prog = programName(c);
    const runsBuild = (k: number) => w[k] === 'build' || (w[k] === 'run' && /build|compile|dist/.test(w[k + 1] ?? ''));
    if (((prog === 'npm' || prog === 'yarn' || prog === 'pnpm') && runsBuild(1)) || (prog === 'npx' && /^(tsc|vite|webpack|next|ng)$/.test(w[1] ?? ''))) {
      return effectiveWords(c)[0];
    }
  }
  return null;
}

/** The toolchain the shipped stage carries, or null when it ships only a runtime. */
export function detectToolchain(model: DockerfileModel): ToolchainFinding | null {
  const stage = model.shippedStage;
  if (!stage) return null;
  const lineage = stageLineage(stage);
  const root = lineage[lineage.length - 1];
  if (root.image === null) return null;
  const baseRef = root.imageRef ?? (root.image ? parseImageRef(root.image) : null);
  const hasEntry = lineage.some(s => s.instructions.some(i => i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT'));
  const fromRange = root.from.getImageRange() ?? root.from.getRange();
  const sdk = baseRef ? sdkBase(baseRef) : null;
  // a JDK that only runs a prebuilt jar needs a JRE, not a builder stage: judge it only when it builds
  const builds = (re: RegExp) => commandsOf(lineage).some(c => re.test(programName(c)));
  if (sdk && baseRef && ['openjdk', 'eclipse-temurin', 'amazoncorretto'].includes(baseRef.repository) && !builds(/^(mvnw?|gradlew?|javac|ant|make)$/)) return null;
  if (sdk) return { ecosystem: ecosystemFromCommands(lineage, sdk.ecosystem), evidence: `it is built on ${sdk.what}`, range: fromRange, baseRef };
  if (baseRef?.repository === 'node' && !baseRef.registry) {
    const step = nodeBuildStep(lineage);
    if (step) return { ecosystem: 'node', evidence: 'it builds the app (a Node build step) on the full node image', range: model.index.rangeOf(step.start, step.end), baseRef };
  }
  if (!hasEntry) return null;
  for (const s of [...lineage].reverse()) {
    for (const run of s.runs) {
      if (run.onbuild) continue;
      for (const p of packageCommands(run.commands)) {
        if (!isInstall(p) || p.manager === 'pip') continue;
        const pkgs = p.args.filter(a => BUILD_PACKAGES.test(a.value));
        if (!pkgs.length) continue;
        const fallback: Ecosystem = baseRef?.repository === 'python' ? 'python' : 'generic';
        return { ecosystem: ecosystemFromCommands(lineage, fallback), evidence: `it installs ${pkgs.map(x => x.value).join(', ')}`, range: model.index.rangeOf(pkgs[0].start, pkgs[pkgs.length - 1].end), baseRef };
      }
    }
  }
  return null;
}
