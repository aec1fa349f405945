/** SMART v2 scopes HoloVitals asks for: standalone patient context, identity, refresh, read+search of every type. */
export const SMART_V2_SCOPES = 'launch/patient openid fhirUser offline_access patient/*.rs';

/** The SMART v1 form for servers that do not speak v2 scopes. */
export const SMART_V1_SCOPES = 'launch/patient openid fhirUser offline_access patient/*.read';

/**
 * v2 scopes where the server says it supports them (`permission-v2` or a listed `.rs` scope), else the v1
 * `patient/*.read` fallback, since a v1-only server refuses or ignores `patient/*.rs`.
 */
export function requestedScopes(provider: { capabilities: string[]; scopesSupported: string[] }): string {
  const v2 =
    provider.capabilities.includes('permission-v2') ||
    provider.scopesSupported.some(
      (scope) => /^patient\/[*A-Za-z]+\.c?r?u?d?s?$/.test(scope) && !/\.$/.test(scope),
    );
  return v2 ? SMART_V2_SCOPES : SMART_V1_SCOPES;
}
