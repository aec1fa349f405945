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
export { childTraceparent, traceIdFrom } from './trace-context';
export { revokedSessionKey } from './session-revocation';
