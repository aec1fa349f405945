import type { RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Authorized, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { ComplianceError, ComplianceErrorCode } from '../compliance-error';
import { accessLogLoader } from '../loaders/access-log.loader';
import { AccessLogEntry } from './types/access-log-entry.type';
import { PatientReference } from './types/patient.type';

const MAX_ENTRIES = 500;

@Resolver(() => PatientReference)
export class PatientAccessLogResolver {
  @Authorized()
  @FieldResolver(() => [AccessLogEntry], {
    nullable: true,
    description:
      'Who else accessed this patient’s data, newest first (the patient and ADMIN only, null with FORBIDDEN for anyone else); each read is audited.',
  })
  accessLog(
    @Root() patient: PatientReference,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 100, description: `How many entries, 1 to ${MAX_ENTRIES}.` })
    first: number,
  ): Promise<AccessLogEntry[] | null> {
    if (first < 1 || first > MAX_ENTRIES) {
      throw new ComplianceError(
        ComplianceErrorCode.BAD_USER_INPUT,
        `first must be between 1 and ${MAX_ENTRIES}.`,
        {
          field: 'first',
        },
      );
    }
    return accessLogLoader(ctx, first).load(patient.id);
  }
}
