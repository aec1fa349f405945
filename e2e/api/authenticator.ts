import { graphqlRequest } from '@holovitals/testing';
import { Secret, TOTP } from 'otpauth';

const PERIOD_MS = 30_000;

/**
 * A test's authenticator app: the codes for one TOTP secret, each for a later 30-second step than the last, since
 * compliance accepts a step once. It takes the earliest step compliance still accepts (one back) and waits for
 * the clock only when all three accepted steps are used.
 */
export class TestAuthenticator {
  private readonly totp: TOTP;
  private lastStep = -Infinity;

  constructor(secret: string) {
    this.totp = new TOTP({ secret: Secret.fromBase32(secret) });
  }

  async nextCode(): Promise<string> {
    const current = Math.floor(Date.now() / PERIOD_MS);
    const step = Math.max(this.lastStep + 1, current - 1);
    if (step > current + 1) {
      await new Promise((wake) => setTimeout(wake, (step - 1) * PERIOD_MS - Date.now() + 50));
    }
    this.lastStep = step;
    return this.totp.generate({ timestamp: step * PERIOD_MS });
  }
}

async function call<T>(gatewayUrl: string, token: string, query: string, variables = {}): Promise<T> {
  const response = await graphqlRequest<T>(gatewayUrl, query, variables, { token });
  if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
  return response.body.data as T;
}

/** Sets up an authenticator for the caller through the gateway, as the Security page does. */
export async function enrollAuthenticator(gatewayUrl: string, token: string): Promise<TestAuthenticator> {
  const { enrollTotp } = await call<{ enrollTotp: { secret: string } }>(
    gatewayUrl,
    token,
    'mutation { enrollTotp { secret } }',
  );
  const authenticator = new TestAuthenticator(enrollTotp.secret);
  await call(gatewayUrl, token, 'mutation C($c: String!) { confirmTotpEnrollment(code: $c) { enrolled } }', {
    c: await authenticator.nextCode(),
  });
  return authenticator;
}

/** Answers one identity challenge for `purpose`; returns when compliance verified it. */
export async function stepUp(
  gatewayUrl: string,
  token: string,
  authenticator: TestAuthenticator,
  purpose: 'ADMIN_PHI_ACCESS' | 'BULK_EXPORT',
): Promise<void> {
  const { startIdentityChallenge } = await call<{ startIdentityChallenge: { id: string } }>(
    gatewayUrl,
    token,
    'mutation S($p: StepUpPurpose!) { startIdentityChallenge(purpose: $p) { id } }',
    { p: purpose },
  );
  await call(
    gatewayUrl,
    token,
    'mutation V($id: ID!, $c: String!) { verifyIdentityChallenge(id: $id, code: $c) { status } }',
    {
      id: startIdentityChallenge.id,
      c: await authenticator.nextCode(),
    },
  );
}
