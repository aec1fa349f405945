import { demoSignIn, gatewayData, type DemoSeedContext } from '@holovitals/subgraph-kit';

/** The rules an operator would start with; they notify nobody until channels are added on the monitoring page. */
const STARTER_RULES = [
  { name: 'A process is down', kind: 'SERVICE_DOWN', threshold: 0, windowSeconds: 0, severity: 'CRITICAL' },
  {
    name: 'Error rate above 5 %',
    kind: 'ERROR_RATE',
    threshold: 0.05,
    windowSeconds: 300,
    severity: 'WARNING',
  },
  {
    name: 'p95 latency above 1 s',
    kind: 'P95_LATENCY',
    threshold: 1000,
    windowSeconds: 300,
    severity: 'WARNING',
  },
  {
    name: 'Queue backlog above 500',
    kind: 'QUEUE_BACKLOG',
    threshold: 500,
    windowSeconds: 0,
    severity: 'WARNING',
  },
  {
    name: 'Audit ingestion more than 60 s behind',
    kind: 'EVENT_LAG',
    service: 'compliance',
    subject: 'audit.recorded',
    threshold: 60,
    windowSeconds: 0,
    severity: 'CRITICAL',
  },
  {
    name: 'Database errors',
    kind: 'DATABASE_ERRORS',
    threshold: 10,
    windowSeconds: 300,
    severity: 'WARNING',
  },
  {
    name: 'Signing key due within 3 days',
    kind: 'CREDENTIAL_EXPIRY',
    threshold: 3 * 86_400,
    windowSeconds: 0,
    severity: 'WARNING',
  },
  {
    name: 'High security alert',
    kind: 'SECURITY_ALERT',
    threshold: 3,
    windowSeconds: 0,
    severity: 'CRITICAL',
  },
  {
    name: 'Rights request deadline',
    kind: 'RIGHTS_REQUEST_DEADLINE',
    threshold: 1,
    windowSeconds: 0,
    severity: 'WARNING',
  },
] as const;

/**
 * Gives the demo admin's monitoring page a starter set of alert rules, created through the gateway as that admin
 * would; rules that already exist by name are left as the admin edited them.
 */
export async function seedDemo(context: DemoSeedContext): Promise<void> {
  const token = await demoSignIn(context, 'admin@demo.holovitals.local');
  const { alertRules } = await gatewayData<{ alertRules: Array<{ name: string }> }>(
    context.gatewayUrl,
    '{ alertRules { name } }',
    {},
    token,
  );
  const existing = new Set(alertRules.map((rule) => rule.name));
  const missing = STARTER_RULES.filter((rule) => !existing.has(rule.name));
  for (const rule of missing) {
    await gatewayData(
      context.gatewayUrl,
      'mutation DemoAlertRule($input: CreateAlertRuleInput!) { createAlertRule(input: $input) { id } }',
      { input: { ...rule, channels: [] } },
      token,
    );
  }
  context.log(
    `Demo alert rules: ${missing.length} created, ${STARTER_RULES.length - missing.length} already there.`,
  );
}
