import { DomainError, ErrorCode, type RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { readAccessLog } from '../audit/access-log';
import { AccessLogEntry } from './types/access-log-entry.type';

const MAX_ENTRIES = 500;

@Resolver(() => AccessLogEntry)
export class AccessLogResolver {
  @Authorized()
  @Query(() => [AccessLogEntry], {
    description: 'Who accessed a patient’s data, newest first: the patient’s own record, or any for ADMIN.',
  })
  accessLog(
    @Ctx() ctx: RequestContext,
    @Arg('patientId', () => ID, {
      nullable: true,
      description: 'Patient id; the caller’s own record when omitted.',
    })
    patientId: string | null,
    @Arg('first', () => Int, { defaultValue: 100, description: `How many entries, 1 to ${MAX_ENTRIES}.` })
    first: number,
  ): Promise<AccessLogEntry[]> {
    if (first < 1 || first > MAX_ENTRIES) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `first must be between 1 and ${MAX_ENTRIES}.`);
    }
    return readAccessLog(ctx, patientId ?? null, first);
  }
}
