export {
  accessMatrixFailures,
  IntrospectedSchema,
  matrixOperations,
  recordIdFor,
  returnedData,
  type MatrixCaller,
  type MatrixEnvironment,
  type MatrixOperation,
  type OperationTarget,
  type SendOperation,
} from './access-matrix';
export { readBenchTargets, writeBenchTargets, type BenchTarget } from './bench-targets';
export { freePort } from './free-port';
export { startRecordingProxy, type RecordingProxy } from './model-recording-proxy';
export { pollUntil } from './poll-until';
export {
  graphqlRequest,
  readGraphQLBody,
  type GraphQLRequestOptions,
  type GraphQLResponse,
} from './graphql-request';
export {
  publishTestEvent,
  readDeadLetters,
  testEventKeyEnv,
  testEventSigningKey,
  type TestEventBus,
} from './test-event-keys';
export { createTestDatabase, type TestDatabase } from './test-database';
export { startTestMailbox, type ReceivedMail, type TestMailbox } from './test-mailbox';
export { startTestIssuer, type TestIssuer, type TestTokenClaims } from './test-issuer';
export { startTestSubgraph, type TestSubgraph, type TestSubgraphOptions } from './test-subgraph';
