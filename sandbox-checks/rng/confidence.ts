/** The default confidence level for every statistical check: 99 %, as GLI-style rules and 25 CFR § 547.14 ask. */
export const DEFAULT_CONFIDENCE = 0.99;

/**
 * Confidence levels that jurisdictions set for RNG tests, by jurisdiction code. An explicit `confidence` in the
 * config overrides this table.
 */
export const JURISDICTION_CONFIDENCE: Readonly<Record<string, number>> = {
  default: DEFAULT_CONFIDENCE,
  'US-NIGC': 0.99, // 25 CFR § 547.14(b)
  'CA-ON': 0.99, // AGCO Registrar's Standards §21.1.2
  UK: 0.99, // UKGC RTS 7 via lab practice
  'US-PA': 0.95, // 58 Pa. Code § 810a.5(c)
};

export function resolveConfidence(options: { confidence?: number; jurisdiction?: string }): number {
  if (options.confidence !== undefined) return options.confidence;
  if (options.jurisdiction !== undefined) return JURISDICTION_CONFIDENCE[options.jurisdiction] ?? DEFAULT_CONFIDENCE;
  return DEFAULT_CONFIDENCE;
}
