import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { matchTotpStep, newTotpSecret, totpUri, type TotpAccount } from './totp-codes';

const account: TotpAccount = { issuer: 'HoloVitals', label: 'ada@example.test', secret: newTotpSecret() };
const authenticator = new TOTP({ secret: Secret.fromBase32(account.secret), digits: 6, period: 30 });
const codeAt = (at: Date): string => authenticator.generate({ timestamp: at.getTime() });
const stepOf = (at: Date): number => Math.floor(at.getTime() / 30_000);

describe('TOTP codes', () => {
  const now = new Date('2026-12-01T16:00:10Z');

  it('writes an otpauth URI an authenticator app can scan, with issuer, label and secret', () => {
    const uri = new URL(totpUri(account));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/HoloVitals:ada@example.test');
    expect(uri.searchParams.get('secret')).toBe(account.secret);
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
  });

  it('matches the current code to the current time step', () => {
    expect(matchTotpStep(account, codeAt(now), now)).toBe(stepOf(now));
  });

  it('accepts the previous and the next step, naming the step the code belongs to', () => {
    const previous = new Date(now.getTime() - 30_000);
    const next = new Date(now.getTime() + 30_000);
    expect(matchTotpStep(account, codeAt(previous), now)).toBe(stepOf(now) - 1);
    expect(matchTotpStep(account, codeAt(next), now)).toBe(stepOf(now) + 1);
  });

  it('refuses a code two steps old', () => {
    expect(matchTotpStep(account, codeAt(new Date(now.getTime() - 60_000)), now)).toBeNull();
  });

  it('refuses a wrong code, a code of another secret and malformed input', () => {
    const other = new TOTP({ secret: Secret.fromBase32(newTotpSecret()) });
    const wrong = String((Number(codeAt(now)) + 1) % 1_000_000).padStart(6, '0');
    expect(matchTotpStep(account, wrong, now)).toBeNull();
    expect(matchTotpStep(account, other.generate({ timestamp: now.getTime() }), now)).toBeNull();
    expect(matchTotpStep(account, '12345', now)).toBeNull();
    expect(matchTotpStep(account, ` ${codeAt(now)}`, now)).toBeNull();
    expect(matchTotpStep(account, 'abcdef', now)).toBeNull();
  });

  it('gives the same step for the same code twice, so the caller can refuse the replay', () => {
    const code = codeAt(now);
    const later = new Date(now.getTime() + 5_000);
    expect(matchTotpStep(account, code, later)).toBe(matchTotpStep(account, code, now));
  });

  it('makes a new 160-bit secret each time', () => {
    const secret = newTotpSecret();
    expect(secret).not.toBe(newTotpSecret());
    expect(Secret.fromBase32(secret).bytes).toHaveLength(20);
  });
});
