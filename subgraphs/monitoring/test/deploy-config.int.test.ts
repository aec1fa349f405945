import { SERVICE_REGISTRY } from '@holovitals/service-registry';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AlertRuleKind } from '../src/monitoring-vocabulary';

const deploy = join(__dirname, '..', '..', '..', 'deploy');
const promtool = ['/usr/bin/promtool', '/usr/local/bin/promtool'].find((path) => existsSync(path));

interface PrometheusConfig {
  rule_files: string[];
  scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }>;
}
interface AlertRules {
  groups: Array<{
    name: string;
    rules: Array<{ alert: string; expr: string; labels: Record<string, string> }>;
  }>;
}

/** Brackets and parentheses balance, outside quoted strings: the cheapest check that a PromQL expression is whole. */
function balanced(expr: string): boolean {
  const open: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let quoted = false;
  for (const char of expr) {
    if (char === '"') quoted = !quoted;
    if (quoted) continue;
    if ('([{'.includes(char)) open.push(char);
    else if (char in pairs && open.pop() !== pairs[char]) return false;
  }
  return open.length === 0 && !quoted;
}

describe('deploy/prometheus and deploy/grafana', () => {
  const config = parse(
    readFileSync(join(deploy, 'prometheus', 'prometheus.yml'), 'utf8'),
  ) as PrometheusConfig;
  const rules = parse(readFileSync(join(deploy, 'prometheus', 'alerts.yml'), 'utf8')) as AlertRules;

  it('scrapes every process of the service registry that serves metrics', () => {
    const targets = config.scrape_configs.flatMap((job) =>
      job.static_configs.flatMap((group) => group.targets),
    );
    const expected = SERVICE_REGISTRY.filter(
      (entry) => entry.kind !== 'web' && entry.kind !== 'auxiliary',
    ).map((entry) => `${entry.name}:9464`);
    expect([...targets].sort()).toEqual([...expected].sort());
    expect(config.rule_files).toContain('alerts.yml');
  });

  it('has well-formed alert rules that match monitoring’s own rule kinds', () => {
    const all = rules.groups.flatMap((group) => group.rules);
    for (const rule of all) {
      expect(rule.alert).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(balanced(rule.expr), rule.alert).toBe(true);
      expect(['info', 'warning', 'critical']).toContain(rule.labels.severity);
    }
    const text = readFileSync(join(deploy, 'prometheus', 'alerts.yml'), 'utf8');
    for (const kind of [
      AlertRuleKind.SERVICE_DOWN,
      AlertRuleKind.ERROR_RATE,
      AlertRuleKind.P95_LATENCY,
      AlertRuleKind.QUEUE_BACKLOG,
      AlertRuleKind.EVENT_LAG,
      AlertRuleKind.DATABASE_ERRORS,
      AlertRuleKind.CREDENTIAL_EXPIRY,
    ])
      expect(text).toContain(`# ${kind}`);
  });

  it.skipIf(!promtool)('passes promtool check config and check rules', () => {
    const output = execFileSync(
      promtool as string,
      ['check', 'rules', join(deploy, 'prometheus', 'alerts.yml')],
      {
        encoding: 'utf8',
      },
    );
    expect(output).toContain('SUCCESS');
  });

  it('has a Grafana dashboard whose panels query the metrics the services export', () => {
    const dashboard = JSON.parse(
      readFileSync(join(deploy, 'grafana', 'dashboards', 'supergraph.json'), 'utf8'),
    ) as {
      uid: string;
      panels: Array<{ id: number; title: string; targets: Array<{ expr: string }> }>;
    };
    expect(dashboard.uid).toBe('holovitals-supergraph');
    expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
    const exprs = dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr));
    for (const expr of exprs) expect(balanced(expr), expr).toBe(true);
    for (const metric of [
      'graphql_operations_total',
      'graphql_operation_duration_seconds_bucket',
      'queue_jobs',
    ])
      expect(exprs.some((expr) => expr.includes(metric))).toBe(true);
  });
});
