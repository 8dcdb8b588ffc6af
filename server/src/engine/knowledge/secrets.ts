// Secret knowledge: which variable NAMES hold credentials, which VALUES are only placeholders (or a path,
// a version, a flag) and which literal values are provider credentials by their format. Pure functions
// over strings, shared by the Dockerfile rules and compose/no-literal-secrets.
// Table dated 2026-11-29. Sources: BuildKit build check SecretsUsedInArgOrEnv (name words), the providers'
// own token-format documentation (GitHub "About authentication" token prefixes, GitLab "Token prefixes",
// Slack "Token types", Stripe "API keys", AWS IAM "Unique identifier prefixes", RFC 7519 for JWT, RFC 7468
// for PEM private-key labels), gitleaks' default rule set for the formats the providers do not document.

/** Name words that mean "this holds a credential" on their own. */
const SECRET_WORDS = new Set([
  'password', 'passwd', 'pword', 'passphrase', 'secret', 'secrets', 'token', 'tokens', 'apikey', 'credential',
  'credentials', 'creds', 'privatekey', 'secretkey', 'accesskey', 'authtoken', 'sessionkey', 'signingkey',
  'encryptionkey', 'masterkey', 'licensekey', 'pat',
]);
/** `KEY` (or `AUTH`) is a credential only after one of these words: `API_KEY`, `SSH_KEY`, `BASIC_AUTH`. */
const KEY_QUALIFIERS = new Set([
  'api', 'access', 'private', 'secret', 'signing', 'encryption', 'encrypt', 'master', 'license', 'licence',
  'session', 'auth', 'account', 'service', 'client', 'app', 'ssh', 'deploy', 'hmac', 'jwt', 'aes', 'crypto',
  'cookie', 'webhook', 'admin', 'root', 'storage', 'subscription', 'rsa', 'ed25519', 'tls', 'ssl',
]);
/** A last word that says the variable holds something about a secret, not the secret. */
const NON_SECRET_LAST_WORDS = new Set([
  'file', 'files', 'path', 'paths', 'dir', 'directory', 'version', 'ver', 'url', 'uri', 'endpoint', 'host', 'hostname',
  'port', 'server', 'name', 'names', 'enabled', 'enable', 'disabled', 'disable', 'required', 'require', 'type',
  'method', 'mode', 'length', 'len', 'size', 'bits', 'ttl', 'timeout', 'expiry', 'expires', 'expiration', 'lifetime',
  'header', 'field', 'prefix', 'suffix', 'algorithm', 'algo', 'location', 'provider', 'issuer', 'audience', 'region',
  'policy', 'format', 'env', 'var', 'ids', 'count', 'retries', 'interval', 'strategy', 'store', 'backend', 'helper',
  'manager', 'keyring', 'keyserver', 'fingerprint', 'user', 'username', 'login', 'email', 'flag', 'check', 'command', 'cmd',
  'sock', 'socket', 'arn', 'ref', 'hash', 'hashes', 'sha', 'sha256', 'checksum', 'digest', 'rotation', 'refresh',
]);
/** Words anywhere in the name that make it public material: `PUBLIC_KEY`, `GPG_KEY`, `KEY_FINGERPRINT`. */
const NON_SECRET_WORDS = new Set(['public', 'pub', 'gpg', 'pgp', 'gnupg', 'fingerprint', 'keyserver', 'keyring', 'publishable', 'csrf']);
/** Whole names that contain a secret word but are not secrets. */
const NON_SECRET_NAMES = new Set(['pwd', 'oldpwd', 'no_auth', 'skip_auth', 'token_url', 'gpg_keys']);

/** `GITHUB_TOKEN`, `dbPassword`, `api-key` → lower-case words. */
export function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/**
 * Why a name that looks secret is not one (`*_FILE`, `*_VERSION`, `PUBLIC_KEY`, `GPG_KEY`, `*_ENABLED`…),
 * or null when no exemption applies.
 */
export function nonSecretNameReason(name: string): string | null {
  const words = nameWords(name);
  if (NON_SECRET_NAMES.has(words.join('_'))) return 'a well-known non-secret variable';
  const last = words[words.length - 1] ?? '';
  if (NON_SECRET_LAST_WORDS.has(last)) return `it names a ${last}, not the secret itself`;
  // a key id (GPG, KMS) identifies a key; an AWS access key id is half of a credential pair
  if (last === 'id' && !words.includes('access')) return 'it names an id, not the secret itself';
  const pub = words.find(w => NON_SECRET_WORDS.has(w));
  if (pub) return `${pub} material is not secret`;
  return null;
}

/** True when the variable name says it holds a credential (password, token, API key…), allow-lists applied. */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  if (!words.length || nonSecretNameReason(name) !== null) return false;
  const joined = words.join('');
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (SECRET_WORDS.has(w)) return true;
    if ((w === 'pass' || w === 'pwd') && k === words.length - 1 && k > 0) return true; // DB_PASS, SMTP_PWD
    if ((w === 'key' || w === 'keys' || w === 'auth') && k > 0 && KEY_QUALIFIERS.has(words[k - 1])) return true;
    if (w === 'auth' && k === words.length - 1 && k > 0) return true; // NPM_AUTH, BASIC_AUTH
  }
  // glued words: `APIKEY`, `DBPASSWORD`, `AUTHTOKEN`
  return /password|passwd|secret|token|apikey|privatekey|accesskey/.test(joined) && !/tokenizer|tokenize/.test(joined);
}

const PLACEHOLDERS = /^(?:changeme|change[-_ ]?me|change[-_ ]?it|replace[-_ ]?me|to[-_ ]?be[-_ ]?replaced|todo|tbd|fixme|dummy|example|placeholder|redacted|none|null|nil|undefined|unset|empty|x+|\*+|\.{3}|-+|your[-_ ].*|my[-_ ]?(?:secret|token|password|key)|insert[-_ ].*|put[-_ ].*here|<[^<>]*>|\{\{[^{}]*\}\}|\[[^[\]]*\]|%[A-Za-z_]+%)$/i;

/** A value that only stands in for a real one: `changeme`, `<token>`, `{{ token }}`, `xxxx`, `your-key-here`. */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim().replace(/^(["'])(.*)\1$/, '$2').trim();
  return v === '' || PLACEHOLDERS.test(v) || /example|placeholder|dummy|changeme|your[-_]?(?:api[-_]?)?(?:key|token|secret|password)/i.test(v) && v.length < 64;
}

/** A value that is only a reference to another variable: `$TOKEN`, `${TOKEN}`, `${TOKEN:-}`. */
export function isVariableReference(value: string): boolean {
  return /^\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*(?::?[-+?][^}]*)?\})$/.test(value.trim());
}

export type NonSecretValueKind = 'empty' | 'placeholder' | 'path' | 'version' | 'flag';

/**
 * Why a value held by a secret-named variable is not a credential: empty, a placeholder, a file path
 * (`/run/secrets/db`), a version (`1.2.3`), a flag (`true`, `0`); null when it may be a credential.
 */
export function nonSecretValueKind(value: string): NonSecretValueKind | null {
  const v = value.trim().replace(/^(["'])(.*)\1$/, '$2').trim();
  if (v === '') return 'empty';
  if (/^(?:true|false|yes|no|on|off|enabled?|disabled?|[01])$/i.test(v)) return 'flag';
  if (/^v?\d+(?:\.\d+){1,3}(?:[-+~][0-9A-Za-z.-]+)?$/.test(v)) return 'version';
  if (/^(?:\/|\.{1,2}\/|~\/)[^\s:;|&]*$/.test(v) || /^[A-Za-z]:\\[^\s]*$/.test(v)) return 'path';
  if (isPlaceholderValue(v)) return 'placeholder';
  return null;
}

export interface SecretValueMatch {
  /** stable id of the format: `private-key`, `aws-access-key-id`, `github-token`, `url-password`… */
  kind: string;
  /** human wording: "a GitHub token" */
  label: string;
  /** offsets into the searched text of the credential itself */
  start: number;
  end: number;
}

interface ValueFormat { kind: string; label: string; pattern: RegExp; group?: number }

/** Provider credential formats. Each pattern is global; `group` selects the credential part when not the whole match. */
const VALUE_FORMATS: ValueFormat[] = [
  { kind: 'private-key', label: 'a private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g },
  { kind: 'aws-access-key-id', label: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/g },
  { kind: 'github-token', label: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g },
  { kind: 'gitlab-token', label: 'a GitLab token', pattern: /\b(?:glpat|gldt|glptt|glrt|gloas|glcbt)-[A-Za-z0-9_-]{20,}\b|\bGR1348941[A-Za-z0-9_-]{20,}\b/g },
  { kind: 'slack-token', label: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b|https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,}/g },
  { kind: 'stripe-key', label: 'a Stripe secret key', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b/g },
  { kind: 'npm-token', label: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { kind: 'google-api-key', label: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { kind: 'sendgrid-key', label: 'a SendGrid API key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g },
  { kind: 'jwt', label: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  // scheme://user:password@host — the password is group 1
  { kind: 'url-password', label: 'a password in a URL', pattern: /\b[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s\/:@'"`$]+:([^\s\/@'"`]+)@[A-Za-z0-9.[\]-]/g, group: 1 },
];

/** The AWS documentation's example keys and similar published samples are not leaks. */
function isPublishedExample(text: string): boolean {
  return /EXAMPLE|example|xxxxxxxx|XXXXXXXX|0{16}/.test(text);
}

/** Provider credentials written literally in `text`, in order of position. */
export function findSecretValues(text: string): SecretValueMatch[] {
  const out: SecretValueMatch[] = [];
  for (const f of VALUE_FORMATS) {
    f.pattern.lastIndex = 0;
    for (let m = f.pattern.exec(text); m; m = f.pattern.exec(text)) {
      const value = f.group ? m[f.group] : m[0];
      const start = f.group ? m.index + m[0].lastIndexOf(`:${value}@`) + 1 : m.index;
      if (f.kind === 'url-password' && !isLiteralUrlPassword(value)) continue;
      if (f.kind !== 'private-key' && isPublishedExample(value)) continue;
      out.push({ kind: f.kind, label: f.label, start, end: start + value.length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A URL password that is really written down, not `$PASS`, `${PASS}`, `<password>` or `***`. */
function isLiteralUrlPassword(password: string): boolean {
  return !/[$%{}<>]/.test(password) && !isPlaceholderValue(password) && !/^(?:password|pass|passwd|secret|pwd)$/i.test(password);
}

/** The literal password a URL carries (`postgres://app:s3cret@db/app` → `s3cret`), or null. */
export function urlPassword(url: string): string | null {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s\/:@]+:([^\s\/@]+)@/.exec(url.trim());
  return m && isLiteralUrlPassword(m[1]) ? m[1] : null;
}

/** Template copies of credential files, which hold no credentials: `.env.example`, `.npmrc.sample`. */
const TEMPLATE_FILE = /\.(?:example|sample|template|tmpl|tpl|dist|defaults?)$/i;
/** Certificates and CA bundles are public even when they end in `.pem`. */
const PUBLIC_PEM = /(?:^|[-_.])(?:ca|cacert|cert|certs|certificate|chain|fullchain|bundle|root|intermediate|public|pub)(?:[-_.]|$)/i;

/**
 * What kind of credential file a path names (`.env` → "an environment file with secrets"), or null.
 * Matches by name only: `id_rsa*`, `*.pem`, `*.key`, `*.p12`, `.env`, `.npmrc`, `.netrc`, `.pypirc`,
 * `.git-credentials`, `credentials.json`, `.docker/config.json`, and anything under `.aws/`, `.ssh/`, `.gnupg/`.
 */
// rules ask this for every COPY source on every lint: remember the answers (paths repeat)
const credentialKindCache = new Map<string, string | null>();

export function credentialFileKind(path: string): string | null {
  let kind = credentialKindCache.get(path);
  if (kind === undefined && !credentialKindCache.has(path)) {
    kind = credentialFileKindUncached(path);
    if (credentialKindCache.size > 10000) credentialKindCache.clear();
    credentialKindCache.set(path, kind);
  }
  return kind as string | null;
}

function credentialFileKindUncached(path: string): string | null {
  const parts = path.replace(/\\/g, '/').split('/').filter(p => p !== '' && p !== '.');
  const base = parts[parts.length - 1] ?? '';
  const dirs = parts.slice(0, -1);
  if (TEMPLATE_FILE.test(base) || base.endsWith('.pub')) return null;
  if (dirs.includes('.aws') || base === '.aws') return 'AWS credentials';
  if (dirs.includes('.ssh') || base === '.ssh') return base === 'known_hosts' || base === 'config' ? null : 'SSH keys';
  if (dirs.includes('.gnupg') || base === '.gnupg') return 'a GnuPG keyring';
  if (/^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?\b/.test(base)) return 'an SSH private key';
  if (/^\.env(?:\.[\w-]+)?$/.test(base)) return 'an environment file with secrets';
  if (/\.(?:key|p12|pfx|jks|keystore|ppk)$/i.test(base)) return 'a private key';
  if (/\.pem$/i.test(base) && !PUBLIC_PEM.test(base.replace(/\.pem$/i, ''))) return 'a PEM private key';
  if (base === '.npmrc' || base === '.yarnrc.yml') return 'a package-registry config with auth tokens';
  if (base === '.pypirc') return 'a PyPI config with credentials';
  if (base === '.netrc' || base === '_netrc') return 'a .netrc with login credentials';
  if (base === '.git-credentials') return 'stored git credentials';
  if (base === 'credentials.json' || /^(?:service[-_]?account|gcp[-_]key|client[-_]secret)[\w-]*\.json$/i.test(base)) return 'a cloud credentials file';
  if (base === 'config.json' && dirs[dirs.length - 1] === '.docker') return 'Docker registry credentials';
  if (base === '.dockercfg' || base === '.htpasswd') return 'stored credentials';
  return null;
}
