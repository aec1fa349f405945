/** Why a billing operation refused its input; mapped to the kit's DomainError at the GraphQL boundary. */
export enum BillingErrorCode {
  NOT_A_USER = 'NOT_A_USER',
  FREE_PLAN_NEEDS_NO_CHECKOUT = 'FREE_PLAN_NEEDS_NO_CHECKOUT',
  ALREADY_SUBSCRIBED = 'ALREADY_SUBSCRIBED',
  NO_BILLING_ACCOUNT = 'NO_BILLING_ACCOUNT',
  NO_ACTIVE_SUBSCRIPTION = 'NO_ACTIVE_SUBSCRIPTION',
  INVALID_RANGE = 'INVALID_RANGE',
  INVALID_PAGE_SIZE = 'INVALID_PAGE_SIZE',
  RETURN_URL_NOT_ALLOWED = 'RETURN_URL_NOT_ALLOWED',
  SAME_PLAN = 'SAME_PLAN',
  SUBSCRIPTION_NOT_ACTIVE = 'SUBSCRIPTION_NOT_ACTIVE',
}

export class BillingError extends Error {
  override readonly name = 'BillingError';

  constructor(
    readonly code: BillingErrorCode,
    message: string,
  ) {
    super(message);
  }
}
