export { ThresholdSyntaxError } from './syntax-error.ts';
export { parseThreshold, type ParsedThreshold, type ThresholdOperator } from './parse-expression.ts';
export { parseThresholdKey } from './parse-key.ts';
export {
  parseDelay,
  thresholdEntrySchema,
  thresholdItems,
  thresholdsSchema,
  type ThresholdEntry,
  type ThresholdItem,
  type ThresholdsSpec,
} from './spec.ts';
export { METHODS_BY_TYPE, methodAllowed } from './methods.ts';
export { validateThresholds } from './validate.ts';
export { evaluateThreshold, evaluateThresholds, type EvaluateThresholdsOptions } from './evaluate.ts';
export { growthPercent } from './compare.ts';
export { shouldAbort, type AbortDecision } from './abort.ts';
export { thresholdKeys, thresholdMethods } from './keys.ts';
