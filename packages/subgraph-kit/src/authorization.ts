import { DomainError, ErrorCode } from './domain-error';
import type { RequestContext } from './request-context';
import { hasRole, type Principal, type Role } from './role';

export function requireUser(ctx: RequestContext): Principal {
  if (!ctx.principal) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in to do this.');
  return ctx.principal;
}

export function requireRole(ctx: RequestContext, ...roles: Role[]): Principal {
  const principal = requireUser(ctx);
  if (!hasRole(principal, ...roles)) {
    throw new DomainError(ErrorCode.FORBIDDEN, `This needs one of the roles: ${roles.join(', ')}.`);
  }
  return principal;
}
