import { recordAudit, type RequestContext, requireUser } from '@holovitals/subgraph-kit';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { AnalysisServices } from '../analysis-services';
import { AnalyzerKind } from '../entities/analysis-enums';
import { patientRecordLoader } from '../loaders/patient-record.loader';
import { findCareGaps } from '../rules/care-gaps';
import { computeHealthScore } from '../rules/health-score';
import { findLabTrends } from '../rules/lab-trends';
import { estimateCost } from '../tasks/cost-estimate';
import { AnalysisError, AnalysisErrorCode } from '../analysis-error';
import { AnalysisCostEstimateType } from './types/analysis-outputs.type';
import { HealthScoreType, MissingPieceType } from './types/missing-piece.type';
import { EstimateAnalysisCostInput } from './types/request-analysis.input';
import { missingPiecesFor } from './patient-missing-pieces.resolver';

type Ctx = RequestContext<AnalysisServices>;

@Resolver()
export class MissingPiecesResolver {
  @Query(() => [MissingPieceType], {
    description:
      'Overdue screenings and immunizations (by age and sex) and out-of-range results without follow-up, from the record read with your own access; found by the rule analyzer.',
  })
  missingPieces(
    @Arg('patientId', () => ID, { description: 'The patient whose record to check.' }) patientId: string,
    @Ctx() ctx: Ctx,
  ): Promise<MissingPieceType[]> {
    requireUser(ctx);
    return missingPiecesFor(ctx, patientId);
  }

  @Query(() => HealthScoreType, {
    description:
      'A 0–100 health score with its named factors, from the record read with your own access (rule analyzer).',
  })
  async healthScore(
    @Arg('patientId', () => ID, { description: 'The patient whose record to score.' }) patientId: string,
    @Ctx() ctx: Ctx,
  ): Promise<HealthScoreType> {
    requireUser(ctx);
    const record = await patientRecordLoader(ctx).load(patientId);
    const asOf = new Date();
    const score = computeHealthScore(record, findCareGaps(record, asOf), findLabTrends(record), asOf);
    await recordAudit(ctx.dataSource.manager, ctx, {
      action: 'read',
      entityType: 'HealthScore',
      entityIds: [patientId],
      patientIds: [patientId],
      outcome: 'SUCCESS',
    });
    return { ...score, analyzer: AnalyzerKind.RULES, asOf };
  }

  @Query(() => AnalysisCostEstimateType, {
    description: 'What an analysis would cost before you request it (the rule analyzer costs nothing).',
  })
  async estimateAnalysisCost(
    @Arg('input', () => EstimateAnalysisCostInput, { description: 'The analysis to estimate.' })
    input: EstimateAnalysisCostInput,
    @Ctx() ctx: Ctx,
  ): Promise<AnalysisCostEstimateType> {
    requireUser(ctx);
    const analyzer = ctx.services.analyzers.for(input.type);
    if (!analyzer) {
      throw new AnalysisError(
        AnalysisErrorCode.ANALYZER_UNAVAILABLE,
        `${input.type} analyses need a model analyzer, and none is configured.`,
        { type: input.type },
      );
    }
    const size = input.patientId
      ? JSON.stringify(await patientRecordLoader(ctx).load(input.patientId)).length
      : 0;
    return estimateCost(analyzer.kind, size, ctx.services.pricing);
  }
}
