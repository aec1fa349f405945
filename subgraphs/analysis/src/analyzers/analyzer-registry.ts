import type { AnalysisTaskType } from '../entities/analysis-enums';
import type { Analyzer } from './analyzer';
import { RuleAnalyzer } from './rule-analyzer';

/**
 * Which analyzer does a task type: the configured model analyzer when it supports the type, else the rule
 * analyzer. Null when none can (a free-text question without a model).
 */
export class AnalyzerRegistry {
  constructor(private readonly analyzers: readonly Analyzer[]) {}

  /** Without a model configured: the rule analyzer only. */
  static rulesOnly(): AnalyzerRegistry {
    return new AnalyzerRegistry([new RuleAnalyzer()]);
  }

  for(type: AnalysisTaskType): Analyzer | null {
    return this.analyzers.find((analyzer) => analyzer.supports(type)) ?? null;
  }

  byKind(kind: Analyzer['kind']): Analyzer | null {
    return this.analyzers.find((analyzer) => analyzer.kind === kind) ?? null;
  }
}
