import type { KeyObject } from 'node:crypto';
import type { EnvelopeCipher } from '@holovitals/encryption';
import { encryptionConfigShape } from '@holovitals/encryption';
import { z } from 'zod';
import {
  CheckpointKeyError,
  parseCheckpointPublicKeys,
  parseCheckpointSigningKey,
  type CheckpointVerifyKeys,
} from './audit/checkpoint-signing';

const positiveInt = z.coerce.number().int().positive();

function keySetting<T>(parse: (text: string) => T) {
  return (value: string, ctx: z.RefinementCtx): T => {
    try {
      return parse(value);
    } catch (error) {
      if (!(error instanceof CheckpointKeyError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  };
}

/**
 * Public keys (base64 SPKI DER or PEM, comma-separated) that audit checkpoints may be signed with: the current
 * signing key's and any retired ones, so checkpoints signed before a rotation still verify.
 */
const checkpointPublicKeys = z
  .string()
  .default('')
  .transform(keySetting((text): CheckpointVerifyKeys => parseCheckpointPublicKeys(text)));

/** The compliance subgraph's own settings, validated with the base ones at start-up. */
export const complianceConfig = {
  /** Audit events arrive from every service: read them in large batches, chained by one INSERT each. */
  EVENT_CONSUMER_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(500),
  /** Failed sign-ins from one client address within the window that raise an alert. */
  ALERT_FAILED_SIGN_INS_PER_ADDRESS: positiveInt.default(10),
  /** Failed sign-ins for one account within the window that raise an alert. */
  ALERT_FAILED_SIGN_INS_PER_ACCOUNT: positiveInt.default(5),
  /** Window over which failed sign-ins are counted, in seconds. */
  ALERT_FAILED_SIGN_INS_WINDOW_SECONDS: positiveInt.default(900),
  /** Different patients one actor may read within the window before an alert is raised. */
  ALERT_PATIENTS_READ_THRESHOLD: positiveInt.default(50),
  /** Window over which the patients one actor read are counted, in seconds. */
  ALERT_PATIENTS_READ_WINDOW_SECONDS: positiveInt.default(600),
  /** While an alert of a rule for a subject is open and younger than this, the rule raises no other. */
  ALERT_DEDUPE_WINDOW_SECONDS: positiveInt.default(3600),
  /** Longest range one compliance report may cover, in days. */
  COMPLIANCE_REPORT_MAX_DAYS: positiveInt.default(366),
  /** Verifies checkpoint signatures; without it every checkpoint reports UNKNOWN_KEY. */
  AUDIT_CHECKPOINT_PUBLIC_KEYS: checkpointPublicKeys,
  /** Seals TOTP secrets at rest (a key derived from it), until ENCRYPTION_KEYS names the active master key. */
  KEY_ENCRYPTION_SECRET: z.string().min(32, 'KEY_ENCRYPTION_SECRET must be at least 32 characters'),
  ENCRYPTION_KEYS: encryptionConfigShape.ENCRYPTION_KEYS.optional(),
  ENCRYPTION_ACTIVE_KEY_ID: encryptionConfigShape.ENCRYPTION_ACTIVE_KEY_ID.optional(),
  /** The issuer authenticator apps show next to the account. */
  TOTP_ISSUER: z.string().min(1).max(64).default('HoloVitals'),
  /** How long an identity challenge may be answered, in seconds. */
  IDENTITY_CHALLENGE_TTL_SECONDS: positiveInt.default(300),
  /** Wrong codes one challenge accepts before it locks. */
  IDENTITY_CHALLENGE_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(5),
  /** How long a verified challenge lets its sensitive action through, in minutes. */
  STEP_UP_VALID_MINUTES: z.coerce.number().int().min(1).max(240).default(10),
  /** Wrong identity-challenge codes from one user within the window that raise an alert. */
  ALERT_FAILED_CHALLENGES_PER_USER: positiveInt.default(5),
  /** Window over which wrong identity-challenge codes are counted, in seconds. */
  ALERT_FAILED_CHALLENGES_WINDOW_SECONDS: positiveInt.default(900),
};

/** compliance-worker's retention and checkpoint settings. */
export const retentionSettings = {
  /** Ed25519 private key (PKCS#8 PEM; `\\n` escapes allowed) the worker signs checkpoints and purge manifests with. */
  AUDIT_CHECKPOINT_SIGNING_KEY: z
    .string()
    .min(1)
    .transform(keySetting((text): KeyObject => parseCheckpointSigningKey(text))),
  /** Retired public keys whose checkpoints the worker still accepts when it verifies before a purge. */
  AUDIT_CHECKPOINT_PUBLIC_KEYS: checkpointPublicKeys,
  /** How often the chain head is signed (nothing is signed when no entry arrived since the last checkpoint). */
  AUDIT_CHECKPOINT_EVERY_MS: z.coerce.number().int().min(1_000).default(3_600_000),
  /** Audit entries older than this are purged (unless held); at least a year, 7 years by default. */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(365).default(2_557),
  /** RBAC access log rows older than this are purged (unless held); at least a year, 6 years by default. */
  ACCESS_LOG_RETENTION_DAYS: z.coerce.number().int().min(365).default(2_192),
  /** How often the purge runs. */
  AUDIT_PURGE_EVERY_MS: z.coerce.number().int().min(60_000).default(86_400_000),
};

export type ComplianceConfig = z.infer<z.ZodObject<typeof complianceConfig>>;

/** What compliance's resolvers reach through `ctx.services`. */
export interface ComplianceServices {
  config: ComplianceConfig;
  /** Seals and opens TOTP secrets; each value is bound to its user by the context string. */
  cipher: EnvelopeCipher;
}
