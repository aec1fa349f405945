import type { ReactNode } from 'react';
import { dateText } from '@/format/clinical-text';
import { creditsText } from '@/format/money-text';

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
export function UsageCostTable({ label, costs }: { label: string; costs: readonly UsageCost[] }): ReactNode {
  return (
    <table className="table" aria-label={label}>
      <thead>
        <tr>
          <th>When</th>
          <th>Model</th>
          <th>Tokens (in / out)</th>
          <th>Cost</th>
          <th>Covered by your credit</th>
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
            <td>{creditsText(cost.costCents)}</td>
            <td>{creditsText(cost.coveredCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
