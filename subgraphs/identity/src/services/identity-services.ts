import type { SubgraphRuntime } from '@holovitals/subgraph-kit';
import type { z } from 'zod';
import type { identityConfig } from '../config';
import type { EmailSender } from '../email/email-sender';
import { LogEmailSender } from '../email/log-email-sender';
import { SmtpEmailSender } from '../email/smtp-email-sender';
import type { TokenSettings } from './access-tokens';
import { LoginThrottle } from './login-throttle';
import { reEncryptSigningKeys, signingKeyCipher } from './key-encryption';
import { SigningKeys } from './signing-keys';

export type IdentityConfig = z.infer<z.ZodObject<typeof identityConfig>>;
export type IdentityRuntime = SubgraphRuntime<IdentityConfig>;

export interface IdentityServices {
  config: IdentityRuntime['config'];
  keys: SigningKeys;
  tokens: TokenSettings;
  email: EmailSender;
  throttle: LoginThrottle;
}

export async function createIdentityServices(runtime: IdentityRuntime): Promise<IdentityServices> {
  const { config } = runtime;
  if (config.EMAIL_TRANSPORT === 'smtp' && !config.SMTP_URL) {
    throw new Error('EMAIL_TRANSPORT=smtp needs SMTP_URL');
  }
  const cipher = signingKeyCipher(config);
  const unreadable = (kid: string): void =>
    runtime.logger.warn({ kid }, 'signing key cannot be decrypted with the configured master keys; rotating');
  // Old rows (pre-envelope format, or under a rotated-out master key) move to the active key.
  const migrated = await reEncryptSigningKeys(
    runtime.dataSource,
    cipher,
    config.KEY_ENCRYPTION_SECRET,
    unreadable,
  );
  if (migrated.reEncrypted > 0) {
    runtime.logger.info(
      { count: migrated.reEncrypted, keyId: cipher.activeKeyId },
      'signing keys re-encrypted',
    );
  }
  const keys = new SigningKeys(
    runtime.dataSource,
    {
      cipher,
      rotationDays: config.SIGNING_KEY_ROTATION_DAYS,
      tokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    },
    unreadable,
  );
  await keys.current();
  return {
    config,
    keys,
    tokens: {
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    },
    email:
      config.EMAIL_TRANSPORT === 'smtp' && config.SMTP_URL
        ? new SmtpEmailSender(config.SMTP_URL, config.EMAIL_FROM)
        : new LogEmailSender(runtime.logger),
    throttle: new LoginThrottle(runtime.redis, config.LOGIN_ATTEMPTS_PER_MINUTE),
  };
}
