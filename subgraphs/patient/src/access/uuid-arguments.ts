import type { RequestContext } from '@holovitals/subgraph-kit';
import type { GraphQLType } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { PatientError, PatientErrorCode } from '../patient-error';
import { auditRead } from './audit-trail';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * Refuses an id that is not a UUID with BAD_USER_INPUT, after auditing the refusal: every id in this subgraph is a
 * UUID, and one that reached PostgreSQL would fail the whole batch it was loaded in with a 500.
 */
export async function requireUuids(
  ctx: RequestContext,
  ids: unknown[],
  audit: { action: string; entityType: string },
): Promise<void> {
  const invalid = ids.filter((id) => !isUuid(id));
  if (invalid.length === 0) return;
  await auditRead(ctx, {
    action: audit.action,
    entityType: audit.entityType,
    // The offending values, cut short: the audit names what was asked for without storing arbitrary input.
    entityIds: invalid.map((id) => String(id).slice(0, 64)),
    patientIds: [],
    outcome: 'DENIED',
  });
  throw new PatientError(PatientErrorCode.INVALID_ID, 'Ids are UUIDs.', {
    invalid: invalid.map((id) => String(id).slice(0, 64)),
  });
}

/**
 * The named type under any list/non-null wrappers. Read structurally rather than with graphql's `getNamedType`,
 * whose `instanceof` checks fail when the schema was built by another copy of the module (test runners load ESM
 * and CJS builds side by side).
 */
function namedTypeName(type: GraphQLType): string {
  let current = type as { ofType?: unknown; name?: string };
  while (current.ofType !== undefined) current = current.ofType as { ofType?: unknown; name?: string };
  return current.name ?? '';
}

/**
 * The one check of every `ID` argument (single or list) of the fields of a resolver class it decorates, so no
 * resolver validates ids by hand and a new field cannot forget to.
 */
export const UuidIdArguments: MiddlewareFn<RequestContext> = async ({ args, info, context }, next) => {
  const field = info.parentType.getFields()[info.fieldName];
  for (const argument of field.args) {
    if (namedTypeName(argument.type) !== 'ID') continue;
    const value: unknown = (args as Record<string, unknown>)[argument.name];
    if (value === null || value === undefined) continue;
    await requireUuids(context, Array.isArray(value) ? value : [value], {
      action: info.fieldName,
      entityType: namedTypeName(field.type),
    });
  }
  return next();
};
