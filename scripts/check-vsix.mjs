// Checks a packaged .vsix: every entry is in the allowed set, the required ones are there, and the
// files package.json points at (main, icon, grammars) are inside. Prints the bundle sizes.
// usage: node scripts/check-vsix.mjs [shipshape.vsix]      exit 0 ok, 1 problems, 2 unreadable
// A .vsix is a zip; this reads its central directory with node:zlib only (no dependency).
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

const file = process.argv[2] ?? 'shipshape.vsix';

// vsce's own files, then the extension's files (vsce stores the license as LICENSE.txt when it has no extension).
const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/dist\/(extension|server)\.js$/,
  /^extension\/syntaxes\/[^/]+\.tmLanguage\.json$/,
  /^extension\/readme\.md$/i,
  /^extension\/changelog\.md$/i,
  /^extension\/license(\.txt|\.md)?$/i,
  /^extension\/images\/icon\.png$/,
  /^extension\/schemas\/shipshape-policy\.schema\.json$/,
];
const REQUIRED = [/^extension\/package\.json$/, /^extension\/dist\/extension\.js$/, /^extension\/dist\/server\.js$/,
  /^extension\/syntaxes\/[^/]+\.tmLanguage\.json$/, /^extension\/readme\.md$/i, /^extension\/changelog\.md$/i,
  /^extension\/license(\.txt|\.md)?$/i, /^extension\/images\/icon\.png$/];

function readZip(buf) {
  // End of central directory record: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip file (no end-of-central-directory record)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry at ${p}`);
    const method = buf.readUInt16LE(p + 10), csize = buf.readUInt32LE(p + 20), size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28), extraLen = buf.readUInt16LE(p + 30), commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.push({ name, method, csize, size, local });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function contents(buf, e) {
  const start = e.local + 30 + buf.readUInt16LE(e.local + 26) + buf.readUInt16LE(e.local + 28);
  const raw = buf.subarray(start, start + e.csize);
  if (e.method === 0) return raw;
  if (e.method === 8) return inflateRawSync(raw);
  throw new Error(`${e.name}: unsupported compression method ${e.method}`);
}

let buf, entries;
try { buf = readFileSync(file); entries = readZip(buf); }
catch (e) { console.error(`check-vsix: ${file}: ${e.message}`); process.exit(2); }

const problems = [];
for (const e of entries) {
  if (e.name.endsWith('/')) continue; // directory entries, if any
  if (!ALLOWED.some(re => re.test(e.name))) problems.push(`not allowed in the vsix: ${e.name}`);
}
for (const re of REQUIRED) {
  if (!entries.some(e => re.test(e.name))) problems.push(`missing from the vsix: ${re.source}`);
}
const byName = new Map(entries.map(e => [e.name, e]));
const pkgEntry = byName.get('extension/package.json');
if (pkgEntry) {
  const pkg = JSON.parse(contents(buf, pkgEntry).toString('utf8'));
  const referenced = [['main', pkg.main], ['icon', pkg.icon],
    ...(pkg.contributes?.grammars ?? []).map(g => [`grammar ${g.scopeName}`, g.path])];
  for (const [what, rel] of referenced) {
    if (!rel) continue;
    const name = 'extension/' + rel.replace(/^\.\//, '');
    if (!byName.has(name)) problems.push(`package.json ${what} -> ${rel}, which is not in the vsix`);
  }
}
for (const name of ['extension/dist/extension.js', 'extension/dist/server.js']) {
  const e = byName.get(name);
  if (e && /\/\/# sourceMappingURL=/.test(contents(buf, e).toString('utf8'))) problems.push(`${name} references a source map (not a --production build?)`);
}

const kib = n => (n / 1024).toFixed(1).padStart(7) + ' KiB';
console.log(`${file}: ${entries.length} entries, ${kib(buf.length).trim()} on disk`);
for (const e of entries) console.log(`  ${kib(e.size)} ${kib(e.csize)} zipped  ${e.name}`);
if (problems.length) {
  for (const p of problems) console.error(`check-vsix: ${p}`);
  process.exit(1);
}
console.log('check-vsix: ok');
