import type { ReactNode } from 'react';
import { dateText } from '@/format/clinical-text';
import { moneyText } from './money-text';

export interface UsageCost {
  id: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costCents: number;
  coveredCents: number;
  at: string;
}

/** One row per model call billed (an analysis or a chat answer): tokens, cost, and what credits covered. */
export function UsageCostTable({
  label,
  costs,
  currency,
}: {
  label: string;
  costs: readonly UsageCost[];
  currency: string;
}): ReactNode {
  return (
    <table className="table" aria-label={label}>
      <thead>
        <tr>
          <th>When</th>
          <th>Model</th>
          <th>Tokens (in / out)</th>
          <th>Cost</th>
          <th>From credits</th>
        </tr>
      </thead>
      <tbody>
        {costs.map((cost) => (
          <tr key={cost.id}>
            <td>{dateText(cost.at)}</td>
            <td>{cost.model}</td>
            <td>
              {cost.inputTokens} / {cost.outputTokens}
            </td>
            <td>{moneyText(cost.costCents, currency)}</td>
            <td>{moneyText(cost.coveredCents, currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
