/** Roles carried in access tokens. PARTNER is the role of a service client (client-credentials token). */
export enum Role {
  PATIENT = 'PATIENT',
  CLINICIAN = 'CLINICIAN',
  ADMIN = 'ADMIN',
  PARTNER = 'PARTNER',
}

/** Who is calling, as proven by a verified access token. */
export interface Principal {
  /** User id, or service client id for partners. */
  id: string;
  kind: 'user' | 'service';
  roles: Role[];
  /** Session id for user tokens; null for service tokens. */
  sessionId: string | null;
  scopes: string[];
  emailVerified: boolean;
}

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return principal.roles.some((role) => roles.includes(role));
}
