export { costOf, estimateTokens, sentDigest, type ModelCallRecord } from './model-call-record';
export {
  ModelClient,
  type CallOptions,
  type JsonCompletion,
  type ModelClientHooks,
  type TextStream,
} from './model-client';
export {
  loadModelClientOptions,
  modelClientOptions,
  modelClientSettings,
  refineModelSettings,
  type ModelClientOptions,
  type ModelClientSettings,
} from './model-client-config';
export { ModelError, ModelErrorCode, toModelError } from './model-error';
