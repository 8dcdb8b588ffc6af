// End-of-life base-image tags: a tag whose distribution or runtime no longer receives security fixes.
// Table dated 2026-11-29; an entry counts as end-of-life once its upstream's free security support has ended
// by that date (paid extended support — Ubuntu Pro/ESM, Freexian ELTS — is not counted).
// Sources: wiki.debian.org/DebianReleases and wiki.debian.org/LTS; ubuntu.com/about/release-cycle;
// alpinelinux.org/releases; github.com/nodejs/Release; devguide.python.org/versions; go.dev/doc/devel/release
// (two newest majors supported); php.net/supported-versions.php; www.ruby-lang.org/en/downloads/branches;
// fedoraproject.org/wiki/End_of_life; www.postgresql.org/support/versioning; CentOS project announcements
// (CentOS Linux 7 and 8, Stream 8 ended); endoflife.date for cross-checking every date.
import { ImageRef } from './base-images';

export const EOL_TABLE_DATE = '2026-11-29';

export interface EolVerdict { product: string; version: string; ended: string; advice: string }

/** `on 2024-06-30`, or the approximate wording as is (`before 2025-05`, `by 2026-05`). */
export function endedWording(ended: string): string {
  return /^\d{4}-\d{2}(-\d{2})?$/.test(ended) ? `on ${ended}` : ended;
}

interface Entry {
  /** repository names this entry applies to */
  repos: string[];
  product: string;
  /** end-of-life date of the version parsed from the tag, or null when it is supported */
  ended(version: number[], tag: string): string | null;
  advice: string;
}

const DEBIAN_CODENAMES: Record<string, number> = { squeeze: 6, wheezy: 7, jessie: 8, stretch: 9, buster: 10, bullseye: 11, bookworm: 12, trixie: 13 };
const DEBIAN_EOL: Record<number, string> = { 6: '2016-02-29', 7: '2018-05-31', 8: '2020-06-30', 9: '2022-06-30', 10: '2024-06-30', 11: '2026-08-31' };
const UBUNTU_CODENAMES: Record<string, string> = { trusty: '14.04', xenial: '16.04', bionic: '18.04', focal: '20.04', jammy: '22.04', noble: '24.04', oracular: '24.10', plucky: '25.04', questing: '25.10' };

function below(v: number[], major: number, minor = 0): boolean {
  // `python:3` or `php:8` follow the newest minor release: without a minor there is nothing to judge
  return v[0] < major || (v[0] === major && v[1] !== undefined && v[1] < minor);
}

const ENTRIES: Entry[] = [
  {
    repos: ['debian'], product: 'Debian', advice: 'debian:bookworm-slim (12) or debian:trixie-slim (13)',
    ended: v => DEBIAN_EOL[v[0]] ?? (v[0] < 6 ? 'before 2016' : null),
  },
  {
    repos: ['ubuntu'], product: 'Ubuntu', advice: 'ubuntu:24.04 (noble) or ubuntu:22.04 (jammy)',
    ended: v => {
      const [y, m] = [v[0], v[1] ?? 0];
      if (y < 20 || (y === 20 && m <= 4)) return y === 20 ? '2025-05-31' : 'before 2023-05';
      const lts = y % 2 === 0 && m === 4;
      if (!lts && (y < 25 || (y === 25 && m <= 10))) return y === 25 && m === 10 ? '2026-07' : y === 25 ? '2026-01' : 'before 2025-08';
      return null;
    },
  },
  {
    repos: ['node'], product: 'Node.js', advice: 'node:22 or node:24 (LTS)',
    ended: v => v[0] < 18 ? 'before 2023-09' : v[0] === 18 ? '2025-04-30' : v[0] === 19 ? '2023-06-01' : v[0] === 20 ? '2026-04-30'
      : v[0] === 21 ? '2024-06-01' : v[0] === 23 ? '2025-06-01' : v[0] === 25 ? '2026-06-01' : null,
  },
  {
    repos: ['python', 'pypy'], product: 'Python', advice: 'python:3.12-slim or newer',
    ended: v => v[0] < 3 ? '2020-01-01' : below(v, 3, 10) ? (v[1] === 9 ? '2025-10-31' : v[1] === 8 ? '2024-10-07' : 'before 2023-06') : null,
  },
  {
    repos: ['alpine'], product: 'Alpine Linux', advice: 'alpine:3.22 or newer',
    ended: v => v[0] !== 3 ? null : v[1] === undefined ? null : v[1] <= 18 ? 'before 2025-05' : v[1] === 19 ? '2025-11-01' : v[1] === 20 ? '2026-04-01' : v[1] === 21 ? '2026-11-01' : null,
  },
  { repos: ['centos', 'quay.io/centos/centos'], product: 'CentOS', advice: 'a maintained RHEL rebuild (rockylinux, almalinux) or ubi9', ended: () => '2024-06-30' },
  {
    repos: ['golang'], product: 'Go', advice: 'a golang tag of one of the two newest Go releases',
    ended: v => v[0] === 1 && v[1] !== undefined && v[1] <= 23 ? 'by 2025-08 (Go supports its two newest releases)' : null,
  },
  { repos: ['php'], product: 'PHP', advice: 'php:8.3 or newer', ended: v => below(v, 8, 2) ? (v[0] === 8 && v[1] === 1 ? '2025-12-31' : 'before 2024') : null },
  { repos: ['ruby'], product: 'Ruby', advice: 'ruby:3.4 or newer', ended: v => below(v, 3, 3) ? (v[0] === 3 && v[1] === 2 ? '2026-03-31' : 'before 2025-04') : null },
  { repos: ['fedora'], product: 'Fedora', advice: 'a current Fedora release', ended: v => v[0] < 43 ? 'by 2026-05' : null },
  { repos: ['postgres'], product: 'PostgreSQL', advice: 'postgres:16 or newer', ended: v => v[0] < 14 ? (v[0] === 13 ? '2025-11-13' : 'before 2024-11') : null },
  { repos: ['mysql'], product: 'MySQL', advice: 'mysql:8.4 (LTS)', ended: v => below(v, 8, 4) ? (v[0] === 8 && v[1] === 0 ? '2026-04-30' : 'before 2024') : null },
  { repos: ['registry.access.redhat.com/ubi7', 'registry.access.redhat.com/ubi7/ubi', 'registry.access.redhat.com/ubi7/ubi-minimal'], product: 'UBI 7', advice: 'ubi9', ended: () => '2024-06-30' },
];

/** Leading version numbers of a tag: `3.9-slim` → [3, 9], `20-alpine` → [20], `bookworm` → []. */
function versionOf(tag: string): number[] {
  const m = /^v?(\d+(?:\.\d+)*)/.exec(tag);
  return m ? m[1].split('.').map(Number) : [];
}

/** The end-of-life verdict for an image reference, or null when it is supported or unknown. */
export function eolVerdict(ref: ImageRef): EolVerdict | null {
  if (!ref.tag) return null;
  const name = (ref.registry ? ref.registry + '/' : '') + ref.repository;
  const tag = ref.tag.toLowerCase();
  const entry = ENTRIES.find(e => e.repos.includes(name));
  if (entry) {
    let version = versionOf(tag);
    if (entry.product === 'Debian' && !version.length) {
      const code = Object.keys(DEBIAN_CODENAMES).find(c => tag.startsWith(c));
      if (code) version = [DEBIAN_CODENAMES[code]];
    }
    if (entry.product === 'Ubuntu' && !version.length) {
      const code = Object.keys(UBUNTU_CODENAMES).find(c => tag.startsWith(c));
      if (code) version = versionOf(UBUNTU_CODENAMES[code]);
    }
    if (entry.product === 'CentOS' || entry.product === 'UBI 7') version = version.length ? version : [0];
    const ended = version.length ? entry.ended(version, tag) : null;
    if (ended) return { product: entry.product, version: version.join('.'), ended, advice: entry.advice };
  }
  // language images name their Debian release in the tag (python:3.12-buster, node:22-bullseye)
  const code = Object.keys(DEBIAN_CODENAMES).find(c => new RegExp(`(^|[-.])${c}($|[-.])`).test(tag));
  if (code && DEBIAN_EOL[DEBIAN_CODENAMES[code]]) {
    return { product: 'Debian', version: `${DEBIAN_CODENAMES[code]} (${code})`, ended: DEBIAN_EOL[DEBIAN_CODENAMES[code]], advice: `the same image on bookworm or trixie` };
  }
  const alpine = /(?:^|-)alpine(3\.\d+)/.exec(tag);
  if (alpine) {
    const v = versionOf(alpine[1]);
    const e = ENTRIES.find(x => x.product === 'Alpine Linux')!.ended(v, tag);
    if (e) return { product: 'Alpine Linux', version: alpine[1], ended: e, advice: 'the same image on alpine3.22 or newer' };
  }
  return null;
}
