import { z } from 'zod';
import type { InputIssues } from '../input/issues.ts';
import { readYaml } from '../input/read-file.ts';
import type { Finding } from './finding.ts';

const date = z.union([z.string(), z.date()]).transform((v, ctx) => {
  const iso = v instanceof Date ? v.toISOString().slice(0, 10) : v.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(Date.parse(`${iso}T00:00:00Z`))) {
    ctx.addIssue({ code: 'custom', message: `"${String(v)}" is not a date; expected YYYY-MM-DD` });
    return z.NEVER;
  }
  return iso;
});

const entry = z.object({
  /** A vulnerability id or any of its aliases. */
  id: z.string().min(1),
  /** Limit the suppression to one package; every package when left out. */
  package: z.string().min(1).optional(),
  reason: z.string().min(1),
  /** Last day (UTC) the entry suppresses the finding. */
  expires: date,
  approvedBy: z.string().min(1),
});

const listSchema = z.array(entry);
const wrappedSchema = z.object({ entries: z.array(entry) }, { message: 'expected a list of entries or {entries: [...]}' });
export type AllowEntry = z.infer<typeof entry>;

export function readAllowlist(file: string, issues: InputIssues): AllowEntry[] | undefined {
  const doc = readYaml(file, issues);
  if (doc === undefined) return undefined;
  const parsed = Array.isArray(doc) || doc === null ? listSchema.safeParse(doc ?? []) : wrappedSchema.safeParse(doc);
  if (!parsed.success) {
    issues.addZod(file, parsed.error);
    return undefined;
  }
  return Array.isArray(parsed.data) ? parsed.data : parsed.data.entries;
}

/** An entry is in force through the end of its `expires` day, UTC. */
export function isExpired(entry: AllowEntry, nowMs: number): boolean {
  return nowMs >= Date.parse(`${entry.expires}T00:00:00Z`) + 86_400_000;
}

export function allowMatches(entry: AllowEntry, finding: Finding): boolean {
  if (entry.package !== undefined && entry.package !== finding.package) return false;
  const wanted = entry.id.toUpperCase();
  return finding.id.toUpperCase() === wanted || finding.aliases.some((a) => a.toUpperCase() === wanted);
}
