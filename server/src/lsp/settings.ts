// Editor settings (`shipshape.*`), read per resource and normalised; bad values fall back to defaults.
import { LintOptions, SeveritySetting } from '../engine/types';

export interface Settings {
  enable: boolean;
  lint: LintOptions;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, lint: {} };

const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);

export function normaliseSettings(raw: unknown): Settings {
  if (!raw || typeof raw !== 'object') return DEFAULT_SETTINGS;
  const r = raw as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, v] of Object.entries(r.rules as Record<string, unknown>)) {
      const value = typeof v === 'string' ? v : v && typeof v === 'object' ? (v as { severity?: unknown }).severity : undefined;
      if (typeof value === 'string' && SEVERITIES.has(value)) rules[id] = value as SeveritySetting;
    }
  }
  const fixUid = typeof r.fixUid === 'number' && Number.isInteger(r.fixUid) && r.fixUid > 0 && r.fixUid < 2 ** 31 ? r.fixUid : undefined;
  return {
    enable: r.enable !== false,
    lint: {
      rules,
      allRules: r.allRules === true,
      fixUid,
      fixUserStyle: r.fixUserStyle === 'name' ? 'name' : 'uid',
      target: typeof r.target === 'string' && r.target ? r.target : undefined,
      maxFileSize: typeof r.maxFileSize === 'number' && r.maxFileSize > 0 ? r.maxFileSize : undefined,
    },
  };
}
