import {
  freePort,
  startTestMailbox,
  startTestSubgraph,
  type TestMailbox,
  type TestSubgraph,
} from '@holovitals/testing';
import { randomBytes } from 'node:crypto';
import { identitySubgraph } from '../src/subgraph';

export interface IdentityHarness {
  identity: TestSubgraph;
  mailbox: TestMailbox;
  stop(): Promise<void>;
}

/** Identity on its own database, verifying its own tokens, mailing through a real local SMTP server. */
export async function startIdentity(env: Record<string, string> = {}): Promise<IdentityHarness> {
  const mailbox = await startTestMailbox();
  const port = await freePort();
  const identity = await startTestSubgraph(identitySubgraph, {
    port,
    env: {
      JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
      KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex'),
      EMAIL_TRANSPORT: 'smtp',
      SMTP_URL: mailbox.url,
      LOG_LEVEL: 'error',
      ...env,
    },
  });
  return {
    identity,
    mailbox,
    stop: async () => {
      await identity.stop();
      await mailbox.stop();
    },
  };
}

export const uniqueEmail = (label: string): string =>
  `${label}-${randomBytes(4).toString('hex')}@example.test`;
/** Each test claims its own client address, so per-address throttling in one test never affects another. */
export const uniqueIp = (): string => `10.${[1, 2, 3].map(() => Math.floor(Math.random() * 250)).join('.')}`;

export const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { id email emailVerified roles } }`;
export const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken refreshToken expiresAt user { id email roles emailVerified } }
}`;
export const REFRESH = `mutation Refresh($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken expiresAt } }`;
export const ME = `query Me { me { id email emailVerified roles } }`;

export function tokenFromMail(text: string): string {
  const match = /token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no token in mail: ${text}`);
  return match[1];
}
