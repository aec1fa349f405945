export { deidentify, findIdentifiers, type DeidentifiedText, type DeidentifyOptions } from './deidentify';
export { IDENTIFIER_KINDS, IdentifierKind, type IdentifierSpan } from './identifier-kind';
export { Pseudonymizer } from './pseudonymizer';
export {
  assertSanitized,
  DATA_BLOCK_RULE,
  PromptError,
  sanitizePrompt,
  SanitizedPrompt,
  type PromptRecord,
  type PromptRequest,
  type SanitizedMessage,
} from './sanitized-prompt';
export { scoreSpans, type KindScore, type SpanScore } from './span-scoring';
