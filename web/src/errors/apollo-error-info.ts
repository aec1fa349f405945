import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { type ErrorInfo, errorInfoFromWire } from './error-info';

/** Apollo's error classes reduced to the one shape the UI explains. */
export function errorInfoFromApollo(error: unknown): ErrorInfo {
  if (CombinedGraphQLErrors.is(error)) return errorInfoFromWire(error.errors[0]);
  if (ServerError.is(error)) {
    if (error.statusCode === 401) return errorInfoFromWire({ extensions: { code: 'UNAUTHENTICATED' } });
    if (error.statusCode === 429) return errorInfoFromWire({ extensions: { code: 'RATE_LIMITED' } });
    if (error.statusCode === 413) return errorInfoFromWire({ extensions: { code: 'PAYLOAD_TOO_LARGE' } });
    if (error.statusCode >= 502) return errorInfoFromWire({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    return errorInfoFromWire(undefined);
  }
  // fetch() rejects with a TypeError when the gateway cannot be reached at all.
  if (error instanceof TypeError) return errorInfoFromWire({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
  return errorInfoFromWire(undefined);
}
