import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { describe, expect, inject, it } from 'vitest';

const stack = inject('stack');

interface LoginAnswer {
  status: number;
  body: { accessToken?: string; error?: { code?: string } };
}

/**
 * POSTs to the web app's `/api/auth/login` from a loopback address of the test's choosing, so two
 * "clients" on this machine reach the web server from different socket addresses.
 */
function loginFrom(
  localAddress: string,
  credentials: { email: string; password: string },
  forwardedFor?: string,
): Promise<LoginAnswer> {
  const webUrl = new URL(stack.webUrl ?? '');
  const body = JSON.stringify(credentials);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: webUrl.hostname,
        port: webUrl.port,
        path: '/api/auth/login',
        method: 'POST',
        localAddress,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          origin: webUrl.origin,
          ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as LoginAnswer['body'],
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const unknownEmail = (): string => `nobody-${randomBytes(6).toString('hex')}@example.test`;
const forgedAddress = (): string => `198.51.${randomBytes(1)[0] ?? 0}.${(randomBytes(1)[0] ?? 0) % 254 || 1}`;

// identity allows LOGIN_ATTEMPTS_PER_MINUTE (10) × 5 attempts per client address per minute.
const ADDRESS_ALLOWANCE = 50;

describe('sign-in through the web app: the throttle sees the real client address', () => {
  it('throttles a client that rotates X-Forwarded-For on every attempt', async () => {
    let attempts = 0;
    let answer: LoginAnswer | null = null;
    while (attempts < ADDRESS_ALLOWANCE + 10) {
      attempts += 1;
      answer = await loginFrom(
        '127.0.0.2',
        { email: unknownEmail(), password: 'wrong password' },
        forgedAddress(),
      );
      if (answer.status === 429) break;
      expect(answer.body.error?.code).toBe('UNAUTHENTICATED');
    }
    expect(answer?.status).toBe(429);
    expect(answer?.body.error?.code).toBe('RATE_LIMITED');
    expect(attempts).toBe(ADDRESS_ALLOWANCE + 1);
  });

  it("does not let one client's failures throttle another client", async () => {
    const throttled = await loginFrom('127.0.0.2', { email: unknownEmail(), password: 'wrong password' });
    expect(throttled.body.error?.code).toBe('RATE_LIMITED');

    const other = await loginFrom('127.0.0.3', { email: unknownEmail(), password: 'wrong password' });
    expect(other.status).toBe(401);
    expect(other.body.error?.code).toBe('UNAUTHENTICATED');
    const signedIn = await loginFrom('127.0.0.3', {
      email: 'patient@demo.holovitals.local',
      password: stack.demoPassword,
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.accessToken).toBeTruthy();
  });
});
