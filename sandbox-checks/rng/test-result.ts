/** Parameters and intermediate values a test reports, kept JSON-safe. */
export type TestParams = Record<string, number | string | boolean>;

/** What one statistical test computed, before the battery applies its correction and confidence. */
export type TestOutcome =
  | { applicable: true; params: TestParams; pValues: number[]; statistics?: TestParams }
  | { applicable: false; params: TestParams; reason: string };

export interface TestOptions {
  /** When false, minimum-size rules are skipped (worked examples use toy inputs). Default true. */
  strict?: boolean;
}

export function applicable(params: TestParams, pValues: number[], statistics?: TestParams): TestOutcome {
  return { applicable: true, params, pValues, ...(statistics ? { statistics } : {}) };
}

export function notApplicable(params: TestParams, reason: string): TestOutcome {
  return { applicable: false, params, reason };
}

/** The minimum-size guard every test starts with; returns the not-applicable outcome, or null to go on. */
export function requireAtLeast(
  options: TestOptions | undefined,
  params: TestParams,
  what: string,
  actual: number,
  minimum: number,
): TestOutcome | null {
  if (options?.strict === false || actual >= minimum) return null;
  return notApplicable(params, `${what} is ${actual}; the test needs at least ${minimum}`);
}
