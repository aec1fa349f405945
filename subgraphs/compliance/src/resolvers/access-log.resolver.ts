import type { RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { readAccessLog } from '../audit/access-log';
import { ComplianceError, ComplianceErrorCode } from '../compliance-error';
import { ConsentPurpose } from '../consent/consent-vocabulary';
import { consentPartyLoader } from '../loaders/consent-party.loader';
import { consentPurposeLoader } from '../loaders/consent-purpose.loader';
import { AccessLogEntry } from './types/access-log-entry.type';
import { ConsentParty } from './types/consent-party.type';

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
      throw new ComplianceError(
        ComplianceErrorCode.INVALID_PAGE,
        `first must be between 1 and ${MAX_ENTRIES}.`,
        {
          field: 'first',
        },
      );
    }
    return readAccessLog(ctx, first);
  }

  @FieldResolver(() => ConsentParty, {
    nullable: true,
    description: 'Who accessed, when they are a verified user (null for a system actor).',
  })
  actor(@Root() entry: AccessLogEntry, @Ctx() ctx: RequestContext): Promise<ConsentParty | null> | null {
    return entry.actorId === null ? null : consentPartyLoader(ctx).load(entry.actorId);
  }

  @FieldResolver(() => ConsentPurpose, {
    nullable: true,
    description: 'Why: the purpose of the consent grant the access relied on (null without one).',
  })
  purpose(@Root() entry: AccessLogEntry, @Ctx() ctx: RequestContext): Promise<ConsentPurpose | null> | null {
    return entry.consentId === null ? null : consentPurposeLoader(ctx).load(entry.consentId);
  }

  @FieldResolver(() => ConsentParty, {
    nullable: true,
    description: 'On whose behalf: the patient, when the actor acted as their proxy (null otherwise).',
  })
  onBehalfOf(@Root() entry: AccessLogEntry, @Ctx() ctx: RequestContext): Promise<ConsentParty | null> | null {
    return entry.onBehalfOf === null ? null : consentPartyLoader(ctx).load(entry.onBehalfOf);
  }
}
