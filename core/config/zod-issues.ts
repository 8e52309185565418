import type { z } from 'zod';
import type { ConfigIssue } from '../errors.ts';

/** `stages.load.thresholds["http_req_duration"][1]` from zod's path segments. */
export function formatPath(prefix: string, segments: readonly PropertyKey[]): string {
  let out = prefix;
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(String(segment))) out += out ? `.${String(segment)}` : String(segment);
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out || '<root>';
}

export function zodIssues(error: z.ZodError, prefix: string, file?: string): ConfigIssue[] {
  return error.issues.map((issue) => ({ file, path: formatPath(prefix, issue.path), message: issue.message }));
}
