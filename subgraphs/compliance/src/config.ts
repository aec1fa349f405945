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
};

export type ComplianceConfig = z.infer<z.ZodObject<typeof complianceConfig>>;

/** What compliance's resolvers reach through `ctx.services`. */
export interface ComplianceServices {
  config: ComplianceConfig;
}
