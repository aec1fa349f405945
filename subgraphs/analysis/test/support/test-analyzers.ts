import type {
  AnalysisContext,
  AnalysisOutcome,
  AnalysisTaskInput,
  Analyzer,
} from '../../src/analyzers/analyzer';
import { RuleAnalyzer } from '../../src/analyzers/rule-analyzer';
import { AnalysisTaskType, AnalyzerKind } from '../../src/entities/analysis-enums';

/**
 * Stands in for a slow model analyzer: reports progress every 50 ms until released, then answers as the rule
 * analyzer does. Each checkpoint is where a cancelled task stops.
 */
export class GatedAnalyzer implements Analyzer {
  readonly kind = AnalyzerKind.RULES;
  readonly started: string[] = [];
  private released = false;

  release(): void {
    this.released = true;
  }

  supports(type: AnalysisTaskType): boolean {
    return type !== AnalysisTaskType.QUESTION;
  }

  async analyze(context: AnalysisContext, task: AnalysisTaskInput): Promise<AnalysisOutcome> {
    this.started.push(task.id);
    let percent = 20;
    while (!this.released) {
      await context.checkpoint(Math.min(percent, 80));
      percent += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return new RuleAnalyzer().analyze(context, task);
  }
}

/** Stands in for a model server that keeps failing: every try throws. */
export class FailingAnalyzer implements Analyzer {
  readonly kind = AnalyzerKind.RULES;
  tries = 0;

  supports(): boolean {
    return true;
  }

  analyze(): Promise<AnalysisOutcome> {
    this.tries += 1;
    return Promise.reject(new Error(`model server answered 503 (try ${this.tries})`));
  }
}

/** Stands in for a model call that never answers and ignores its signal: only the queue's timeout ends it. */
export class HangingAnalyzer implements Analyzer {
  readonly kind = AnalyzerKind.RULES;

  supports(): boolean {
    return true;
  }

  analyze(): Promise<AnalysisOutcome> {
    return new Promise<AnalysisOutcome>(() => undefined);
  }
}
