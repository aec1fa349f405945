export { identityConfig } from './config';
export { IdentityError, IdentityErrorCode } from './identity-error';
export { identitySubgraph } from './subgraph';
