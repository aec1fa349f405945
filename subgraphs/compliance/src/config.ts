import type { EnvelopeCipher } from '@holovitals/encryption';
import { encryptionConfigShape } from '@holovitals/encryption';
import { z } from 'zod';

const positiveInt = z.coerce.number().int().positive();

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

export type ComplianceConfig = z.infer<z.ZodObject<typeof complianceConfig>>;

/** What compliance's resolvers reach through `ctx.services`. */
export interface ComplianceServices {
  config: ComplianceConfig;
  /** Seals and opens TOTP secrets; each value is bound to its user by the context string. */
  cipher: EnvelopeCipher;
}
