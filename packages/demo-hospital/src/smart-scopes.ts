/** Scopes this server grants; anything else a client asks for is dropped from the grant. */
const FIXED_SCOPES = new Set(['launch/patient', 'openid', 'fhirUser', 'offline_access']);
const PATIENT_SCOPE = /^patient\/(\*|[A-Z][A-Za-z]+)\.(read|write|\*|c?r?u?d?s?)$/;

export const SUPPORTED_SCOPES = [
  ...FIXED_SCOPES,
  'patient/*.rs',
  'patient/*.read',
  'patient/*.cruds',
  'patient/*.write',
];

/** The subset of `requested` (space-separated) that this server grants. */
export function grantableScopes(requested: string): string[] {
  const scopes = requested.split(/\s+/).filter(Boolean);
  return [...new Set(scopes.filter((scope) => FIXED_SCOPES.has(scope) || PATIENT_SCOPE.test(scope)))];
}

export type ScopeAction = 'read' | 'search' | 'create' | 'update' | 'delete';

const V2_LETTER: Record<ScopeAction, string> = {
  create: 'c',
  read: 'r',
  update: 'u',
  delete: 'd',
  search: 's',
};

/** Whether SMART v1 (`read`/`write`) or v2 (`cruds`) patient scopes allow `action` on `resourceType`. */
export function scopesAllow(scopes: readonly string[], resourceType: string, action: ScopeAction): boolean {
  return scopes.some((scope) => {
    const match = PATIENT_SCOPE.exec(scope);
    if (!match) return false;
    const [, type, permission = ''] = match;
    if (type !== '*' && type !== resourceType) return false;
    if (permission === '*') return true;
    if (permission === 'read') return action === 'read' || action === 'search';
    if (permission === 'write') return action === 'create' || action === 'update' || action === 'delete';
    return permission.includes(V2_LETTER[action]);
  });
}
