// Review and enhance: the language-model operations, editor-free. The editor
// (src/ui/) and the command line (src/cli/) give them a ChatModelPort.
export * from './model';
export { createReviewOperation, REVIEW_RULES, PROSE_FILES, type ReviewOptions, type ModelOperationOptions, type ReviewData } from './review';
export { createEnhanceOperation, ENHANCE_RULES, lineEdits, type EnhanceOptions, type OffsetEdit } from './enhance';
export { estimateReview, type ReviewEstimate, type EstimateOptions } from './estimate';
export { DEFAULT_RETRY, ModelOperationError, stopAdvice, type ModelCallOptions, type RetryPolicy } from './requests';
export { REVIEW_PROMPT_VERSION, ENHANCE_PROMPT_VERSION, REVIEW_RULE_IDS } from './prompt';
export type { Clock } from '../../engine/host/rate-limit';
