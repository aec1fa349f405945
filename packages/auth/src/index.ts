export {
  ACCESS_TOKEN_ALGORITHM,
  AccessTokenError,
  bearerToken,
  createAccessTokenVerifier,
  principalFromClaims,
  type AccessTokenVerifier,
  type AccessTokenVerifierOptions,
} from './access-token';
export { GATEWAY_CREDENTIAL_HEADER, isGatewayCredentialValid } from './gateway-credential';
export { hasRole, Role, type Principal } from './principal';
export {
  createRequestAuthenticator,
  type Authentication,
  type RequestAuthenticator,
} from './request-authentication';
export {
  REVOCATION_READY_KEY,
  revocationState,
  revocationStates,
  revokedServiceClientKey,
  revokedSessionKey,
  type RevocationState,
} from './revocation-cache';
export { childTraceparent, traceIdFrom } from './trace-context';
