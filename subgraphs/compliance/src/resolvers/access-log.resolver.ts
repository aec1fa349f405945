import { DomainError, ErrorCode, type RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { readAccessLog } from '../audit/access-log';
import { AccessLogEntry } from './types/access-log-entry.type';

const MAX_ENTRIES = 500;

@Resolver(() => AccessLogEntry)
export class AccessLogResolver {
  @Authorized()
  @Query(() => [AccessLogEntry], {
    description:
      'Who else accessed the caller’s own patient record, newest first (ADMIN searches any patient with auditLog).',
  })
  accessLog(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 100, description: `How many entries, 1 to ${MAX_ENTRIES}.` })
    first: number,
  ): Promise<AccessLogEntry[]> {
    if (first < 1 || first > MAX_ENTRIES) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `first must be between 1 and ${MAX_ENTRIES}.`);
    }
    return readAccessLog(ctx, first);
  }
}
