import { type RequestContext, requireUser } from '@holovitals/subgraph-kit';
import { BillingError, BillingErrorCode } from '../billing-error';

/** Plans are bought by people: a signed-in user (any role), never a service client. */
export function requireBillingUser(ctx: RequestContext): string {
  const principal = requireUser(ctx);
  if (principal.kind !== 'user')
    throw new BillingError(BillingErrorCode.NOT_A_USER, 'Only a signed-in person has a billing account.');
  return principal.id;
}
