export { analysisSubgraph } from './subgraph';
export { analysisWorker, createAnalysisWorker } from './analysis-worker';
export type { Analyzer, AnalysisContext, AnalysisOutcome, AnalysisTaskInput } from './analyzers/analyzer';
export { AnalyzerRegistry } from './analyzers/analyzer-registry';
export { RuleAnalyzer } from './analyzers/rule-analyzer';
