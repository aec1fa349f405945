/**
 * Step-ups this tab verified, kept outside the prompt: the page unmounts the prompt while it retries the refused
 * request, and the new prompt must keep waiting for the service to learn of the step-up rather than ask again.
 */
const RETRIES = 20;

const verified = new Map<string, { validUntil: number; retriesLeft: number }>();

export function rememberVerifiedStepUp(purpose: string, validUntil: string): void {
  verified.set(purpose, { validUntil: Date.parse(validUntil), retriesLeft: RETRIES });
}

/** Takes one retry for a verified, unexpired step-up; false when there is none or the retries are spent. */
export function takeStepUpRetry(purpose: string, now = Date.now()): boolean {
  const entry = verified.get(purpose);
  if (!entry || entry.validUntil <= now || entry.retriesLeft <= 0) return false;
  entry.retriesLeft -= 1;
  return true;
}

/** Whether a retry is still to come for this purpose (the prompt then says so instead of asking for a code). */
export function awaitingStepUp(purpose: string, now = Date.now()): boolean {
  const entry = verified.get(purpose);
  return entry !== undefined && entry.validUntil > now && entry.retriesLeft > 0;
}
