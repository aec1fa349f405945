import { keysetCursor, requireRole, Role, type RequestContext } from '@holovitals/subgraph-kit';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { MonitoringServices } from '../config';
import { ErrorEventEntity } from '../entities/error-event.entity';
import { ErrorGroupEntity } from '../entities/error-group.entity';
import { reportClientError } from '../errors/client-error-reports';
import { searchErrorGroups } from '../errors/error-queries';
import { errorEventsLoader } from '../loaders/error-events.loader';
import { MonitoringError, MonitoringErrorCode } from '../monitoring-error';
import { ClientErrorInput } from './types/client-error.input';
import { ErrorFilter } from './types/error-filter.input';

const MAX_PAGE = 100;

@ObjectType('ErrorGroupPage', { description: 'A page of error groups, most recently seen first.' })
export class ErrorGroupPage {
  @Field(() => [ErrorGroupEntity], { description: 'The groups of this page.' })
  nodes: ErrorGroupEntity[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null when empty.' })
  endCursor: string | null;

  @Field(() => Boolean, { description: 'Whether more groups follow.' })
  hasNextPage: boolean;
}

function checkPageSize(first: number, max: number): void {
  if (first < 1 || first > max)
    throw new MonitoringError(MonitoringErrorCode.BAD_USER_INPUT, `first must be between 1 and ${max}.`, {
      field: 'first',
    });
}

@Resolver(() => ErrorGroupEntity)
export class ErrorGroupResolver {
  @Authorized()
  @Query(() => ErrorGroupPage, {
    description: 'Errors reported by every service and the web app, grouped by fingerprint (ADMIN only).',
  })
  async errors(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ErrorFilter, { nullable: true, description: 'Which groups.' })
    filter: ErrorFilter | null,
    @Arg('first', () => Int, { defaultValue: 20, description: `Page size, 1 to ${MAX_PAGE}.` }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' })
    after: string | null,
  ): Promise<ErrorGroupPage> {
    requireRole(ctx, Role.ADMIN);
    checkPageSize(first, MAX_PAGE);
    const rows = await searchErrorGroups(ctx.dataSource, filter ?? {}, first, after);
    const nodes = rows.slice(0, first);
    const last = nodes.at(-1);
    return {
      nodes,
      endCursor: last ? keysetCursor(last.lastSeenAt, last.id) : null,
      hasNextPage: rows.length > first,
    };
  }

  @FieldResolver(() => [ErrorEventEntity], {
    description: 'Its latest occurrences with their trace ids, newest first.',
  })
  events(
    @Root() group: ErrorGroupEntity,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 5, description: 'How many, 1 to 50.' }) first: number,
  ): Promise<ErrorEventEntity[]> {
    checkPageSize(first, 50);
    return errorEventsLoader(ctx, first).load(group.id);
  }

  @Mutation(() => Boolean, {
    description:
      'The web app reports an error it caught. Open to everyone, signed in or not (a sign-in page fails too); each caller may send CLIENT_ERRORS_PER_MINUTE reports a minute (RATE_LIMITED beyond). Text is PHI scrubbed.',
  })
  async reportClientError(
    @Ctx() ctx: RequestContext<MonitoringServices>,
    @Arg('input', () => ClientErrorInput, { description: 'What failed.' }) input: ClientErrorInput,
  ): Promise<boolean> {
    await reportClientError(ctx, input, ctx.services.config.CLIENT_ERRORS_PER_MINUTE);
    return true;
  }
}
