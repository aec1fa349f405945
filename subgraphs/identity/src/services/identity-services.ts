import type { SubgraphRuntime } from '@holovitals/subgraph-kit';
import type { z } from 'zod';
import type { identityConfig } from '../config';
import type { EmailSender } from '../email/email-sender';
import { LogEmailSender } from '../email/log-email-sender';
import { SmtpEmailSender } from '../email/smtp-email-sender';
import type { TokenSettings } from './access-tokens';
import { registerCredentialExpiryMetric } from './credential-expiry-metric';
import { LoginThrottle } from './login-throttle';
import { reEncryptSigningKeys, signingKeyCipher } from './key-encryption';
import { RevocationCacheKeeper } from './revocation-cache-keeper';
import { SigningKeys } from './signing-keys';
import { UnknownAccountLockout } from './unknown-account-lockout';
import { unreadableSigningKeyPolicy } from './unreadable-signing-key';
import { VerificationThrottle } from './verification-throttle';

export type IdentityConfig = z.infer<z.ZodObject<typeof identityConfig>>;
export type IdentityRuntime = SubgraphRuntime<IdentityConfig>;

export interface IdentityServices {
  config: IdentityRuntime['config'];
  keys: SigningKeys;
  tokens: TokenSettings;
  email: EmailSender;
  throttle: LoginThrottle;
  unknownAccountLockout: UnknownAccountLockout;
  verificationThrottle: VerificationThrottle;
  revocationCache: RevocationCacheKeeper;
}

export async function createIdentityServices(runtime: IdentityRuntime): Promise<IdentityServices> {
  const { config } = runtime;
  if (config.EMAIL_TRANSPORT === 'smtp' && !config.SMTP_URL) {
    throw new Error('EMAIL_TRANSPORT=smtp needs SMTP_URL');
  }
  const cipher = signingKeyCipher(config);
  // Rotate in development; in production stop rather than replace the key every healthy replica signs with.
  const unreadable = unreadableSigningKeyPolicy(config, runtime.logger);
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
  registerCredentialExpiryMetric(runtime.metrics.registry, keys, runtime.logger);
  const revocationCache = new RevocationCacheKeeper(runtime.dataSource, runtime.redis, runtime.logger, {
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    syncIntervalMs: config.REVOCATION_SYNC_SECONDS * 1000,
  });
  await revocationCache.start();
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
    unknownAccountLockout: new UnknownAccountLockout(
      runtime.redis,
      config.LOGIN_MAX_FAILURES,
      config.LOCKOUT_MINUTES,
    ),
    verificationThrottle: new VerificationThrottle(runtime.redis, config.VERIFICATION_RESENDS_PER_HOUR),
    revocationCache,
  };
}

export async function closeIdentityServices(services: IdentityServices): Promise<void> {
  await services.revocationCache.stop();
  await services.email.close();
}
