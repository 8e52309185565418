/** One problem in user input, located by file and path. */
export interface ConfigIssue {
  /** The file the problem is in, when there is one. */
  file?: string;
  /** Dotted path inside the file or config, e.g. `stages.load.thresholds.http_req_duration[1]`. */
  path: string;
  message: string;
  expected?: string;
}

export function formatIssue(issue: ConfigIssue): string {
  const where = [issue.file, issue.path].filter(Boolean).join(': ');
  const expected = issue.expected ? ` (expected ${issue.expected})` : '';
  return `${where || '<input>'}: ${issue.message}${expected}`;
}

/** Bad input from the user: nothing ran. Carries every issue at once, a code and a hint. */
export class ConfigError extends Error {
  readonly code: string;
  readonly issues: ConfigIssue[];
  readonly hint?: string;

  constructor(code: string, issues: ConfigIssue[], hint?: string) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ConfigError';
    this.code = code;
    this.issues = issues;
    this.hint = hint;
  }
}

/** A defect in Greenlight itself. */
export class InternalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`internal error (this is a bug in greenlight): ${message}`, options);
    this.name = 'InternalError';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
