/**
 * Redis key set by identity when a session ends; the gateway and subgraphs refuse that session's
 * access tokens at once instead of waiting for them to expire.
 */
export const revokedSessionKey = (sessionId: string): string => `hv:revoked-session:${sessionId}`;
