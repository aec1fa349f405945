import { recordAudit, type RequestContext } from '@holovitals/subgraph-kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AnalysisServices } from '../analysis-services';
import { AnalyzerKind } from '../entities/analysis-enums';
import { patientRecordLoader } from '../loaders/patient-record.loader';
import { findMissingPieces } from '../rules/missing-pieces';
import { type MissingPieceKind, type MissingPieceStatus, MissingPieceType } from './types/missing-piece.type';
import { PatientReference } from './types/patient.type';

type Ctx = RequestContext<AnalysisServices>;

/** The record (read with the caller's token, batched per request) run through the care-gap and lab rules. */
export async function missingPiecesFor(ctx: Ctx, patientId: string): Promise<MissingPieceType[]> {
  const record = await patientRecordLoader(ctx).load(patientId);
  const pieces = findMissingPieces(record, new Date());
  await recordAudit(ctx.dataSource.manager, ctx, {
    action: 'read',
    entityType: 'MissingPieces',
    entityIds: [patientId],
    patientIds: [patientId],
    outcome: 'SUCCESS',
  });
  return pieces.map((piece) => ({
    ...piece,
    kind: piece.kind as MissingPieceKind,
    status: piece.status as MissingPieceStatus,
    lastRecordedAt: piece.lastRecordedAt ? new Date(piece.lastRecordedAt) : null,
    dueSince: piece.dueSince ? new Date(piece.dueSince) : null,
    analyzer: AnalyzerKind.RULES,
  }));
}

@Resolver(() => PatientReference)
export class PatientMissingPiecesResolver {
  @FieldResolver(() => [MissingPieceType], {
    nullable: true,
    description:
      'Care gaps and out-of-range results without follow-up for this patient (rule analyzer), read with the caller’s own access; null with FORBIDDEN for callers who may not read the record.',
  })
  missingPieces(@Root() patient: PatientReference, @Ctx() ctx: Ctx): Promise<MissingPieceType[] | null> {
    return missingPiecesFor(ctx, patient.id);
  }
}
