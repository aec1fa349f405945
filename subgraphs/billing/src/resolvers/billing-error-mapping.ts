import { DomainError, ErrorCode } from '@holovitals/subgraph-kit';
import { BillingError, BillingErrorCode } from '../billing-error';

function clientCode(code: BillingErrorCode): ErrorCode {
  switch (code) {
    case BillingErrorCode.FREE_PLAN_NEEDS_NO_CHECKOUT:
    case BillingErrorCode.ALREADY_SUBSCRIBED:
    case BillingErrorCode.INVALID_RANGE:
    case BillingErrorCode.INVALID_PAGE_SIZE:
    case BillingErrorCode.RETURN_URL_NOT_ALLOWED:
    case BillingErrorCode.SAME_PLAN:
    case BillingErrorCode.SUBSCRIPTION_NOT_ACTIVE:
      return ErrorCode.BAD_USER_INPUT;
    case BillingErrorCode.NOT_A_USER:
      return ErrorCode.FORBIDDEN;
    case BillingErrorCode.NO_BILLING_ACCOUNT:
    case BillingErrorCode.NO_ACTIVE_SUBSCRIPTION:
      return ErrorCode.NOT_FOUND;
  }
}

/** The billing subgraph's one error mapping, registered with defineSubgraph: BillingError → DomainError. */
export function mapBillingError(error: unknown): DomainError | null {
  if (!(error instanceof BillingError)) return null;
  return new DomainError(clientCode(error.code), error.message, { reason: error.code });
}
