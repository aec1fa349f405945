import { Secret, TOTP } from 'otpauth';

/** RFC 6238 defaults every authenticator app understands: SHA-1, six digits, a new code every 30 seconds. */
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** One step either side of now, so a code typed just as it rolls over (or with a little clock drift) still counts. */
const WINDOW_STEPS = 1;

const CODE = /^\d{6}$/;

export interface TotpAccount {
  issuer: string;
  /** What the authenticator app lists the entry as (the user's email or id). */
  label: string;
  /** The shared secret in base32, as authenticator apps take it. */
  secret: string;
}

function totpFor(account: TotpAccount): TOTP {
  return new TOTP({
    issuer: account.issuer,
    label: account.label,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(account.secret),
  });
}

/** A fresh 160-bit secret (RFC 4226's recommended length), base32-encoded. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app scans (as a QR code) to add the account. */
export function totpUri(account: TotpAccount): string {
  return totpFor(account).toString();
}

/**
 * The time step (30-second counter) the code belongs to when it is right within ±1 step of `now`, else null.
 * Callers refuse a step at or below the last one used, which makes each code good for one use only.
 */
export function matchTotpStep(account: TotpAccount, code: string, now: Date): number | null {
  if (!CODE.test(code)) return null;
  const timestamp = now.getTime();
  const delta = totpFor(account).validate({ token: code, timestamp, window: WINDOW_STEPS });
  if (delta === null) return null;
  return Math.floor(timestamp / 1000 / PERIOD_SECONDS) + delta;
}
