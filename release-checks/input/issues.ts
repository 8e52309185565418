import type { z } from 'zod';
import { ConfigError } from '../../core/errors.ts';
import type { ConfigIssue } from '../../core/errors.ts';

/** Collects every input problem of a run, so the user sees them all at once. */
export class InputIssues {
  readonly list: ConfigIssue[] = [];

  add(issue: ConfigIssue): void {
    this.list.push(issue);
  }

  addZod(file: string | undefined, error: z.ZodError, prefix = '$'): void {
    for (const issue of error.issues) {
      this.list.push({ file, path: jsonPath(issue.path, prefix), message: issue.message });
    }
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  /** Throws one ConfigError with every collected issue, when there is any. */
  throwIfAny(hint?: string): void {
    if (!this.empty) throw new ConfigError('release_input', this.list, hint);
  }
}

/** `$.runs[0].results[2].ruleId` from a zod issue path. */
export function jsonPath(path: readonly PropertyKey[], prefix = '$'): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$-]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}
