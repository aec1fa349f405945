import { encryptionConfigShape } from '@holovitals/encryption';
import { booleanFlag } from '@holovitals/subgraph-kit';
import { z } from 'zod';

/** Identity's own settings, validated with the base ones at start-up. */
export const identityConfig = {
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  SIGNING_KEY_ROTATION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Master key `kes` (sha256 of it) for signing keys at rest, and always kept to read old rows. */
  KEY_ENCRYPTION_SECRET: z.string().min(32, 'KEY_ENCRYPTION_SECRET must be at least 32 characters'),
  /** Further master keys (`id:base64,…`) for rotation; ENCRYPTION_ACTIVE_KEY_ID picks new writes' key. */
  ENCRYPTION_KEYS: encryptionConfigShape.ENCRYPTION_KEYS.optional(),
  ENCRYPTION_ACTIVE_KEY_ID: encryptionConfigShape.ENCRYPTION_ACTIVE_KEY_ID.optional(),
  REQUIRE_EMAIL_VERIFICATION: booleanFlag.default(false),
  VERIFICATION_TOKEN_TTL_HOURS: z.coerce.number().int().min(1).max(168).default(24),
  /** `log` writes the message (with its link) to the log, for local development only. */
  EMAIL_TRANSPORT: z.enum(['log', 'smtp']).default('log'),
  SMTP_URL: z.string().url().optional(),
  EMAIL_FROM: z.string().default('HoloVitals <no-reply@holovitals.local>'),
  /** Base URL of the web app, used in links sent by email. */
  APP_URL: z.string().url().default('http://localhost:3000'),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(15),
  LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Verification emails one address (or one client address, times five) may ask for per hour. */
  VERIFICATION_RESENDS_PER_HOUR: z.coerce.number().int().min(1).default(3),
  /** How often identity checks Redis's revocation cache and rebuilds it from the database if lost. */
  REVOCATION_SYNC_SECONDS: z.coerce.number().int().min(1).max(60).default(5),
  /**
   * What to do when KEY_ENCRYPTION_SECRET cannot decrypt the current signing key. Rotating to a new key
   * keeps a developer's stack working; in production a replica with the wrong secret would rotate keys
   * under its healthy peers, so it stops instead. Defaults to rotating except when NODE_ENV=production.
   */
  ROTATE_UNREADABLE_SIGNING_KEY: booleanFlag.optional(),
};
