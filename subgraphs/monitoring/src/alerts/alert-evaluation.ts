import type { DataSource } from 'typeorm';
import { AlertRuleEntity } from '../entities/alert-rule.entity';
import { fireAlert, resolveClearedAlerts } from './alert-firing';
import { firingConditions } from './alert-conditions';

export interface EvaluationOutcome {
  fired: string[];
  resolved: number;
}

/** Checks every enabled polled rule: opens alerts for new subjects, resolves those whose condition cleared. */
export async function evaluateAlertRules(
  dataSource: DataSource,
  now: Date = new Date(),
): Promise<EvaluationOutcome> {
  const rules = await dataSource.getRepository(AlertRuleEntity).find({ where: { enabled: true } });
  const fired: string[] = [];
  let resolved = 0;
  for (const rule of rules) {
    const conditions = await firingConditions(dataSource, rule, now);
    if (conditions === null) continue;
    for (const condition of conditions) {
      const id = await fireAlert(dataSource.manager, rule, condition, now);
      if (id) fired.push(id);
    }
    resolved += await resolveClearedAlerts(
      dataSource.manager,
      rule.id,
      conditions.map((condition) => condition.subject),
      now,
    );
  }
  return { fired, resolved };
}
