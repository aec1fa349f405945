import {
  keysetCursor,
  keysetPage,
  recordAudit,
  requireRole,
  requireUser,
  Role,
  type RequestContext,
} from '@holovitals/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { RightsRequestEntity } from '../entities/rights-request.entity';
import { ComplianceError, ComplianceErrorCode } from '../compliance-error';
import {
  RIGHTS_EXTENSION_DAYS,
  RIGHTS_REQUEST_DAYS,
  type RightsRequestKind,
  RightsRequestStatus,
} from './rights-vocabulary';

const DAY_MS = 86_400_000;
const MAX_TEXT = 4_000;

/** Trimmed text of 1 to 4,000 characters, or BAD_USER_INPUT naming the field. */
export function requiredText(value: string, field: string): string {
  const text = value.trim();
  if (text.length === 0 || text.length > MAX_TEXT) {
    throw new ComplianceError(
      ComplianceErrorCode.INVALID_TEXT,
      `${field} must be 1 to ${MAX_TEXT} characters.`,
      { field },
    );
  }
  return text;
}

function audit(
  manager: EntityManager,
  ctx: RequestContext,
  action: string,
  requests: RightsRequestEntity[],
): Promise<void> {
  return recordAudit(manager, ctx, {
    action,
    entityType: 'RightsRequest',
    entityIds: requests.map((request) => request.id),
    patientIds: requests.flatMap((request) => (request.patientId ? [request.patientId] : [])),
    outcome: 'SUCCESS',
  });
}

/** The patient files a request; it is due 30 days later. The request and its audit entry commit together. */
export async function fileRightsRequest(
  ctx: RequestContext,
  input: { kind: RightsRequestKind; details: string },
): Promise<RightsRequestEntity> {
  const principal = requireUser(ctx);
  const details = requiredText(input.details, 'details');
  const owned: Array<{ patient_id: string }> = await ctx.dataSource.query(
    'SELECT patient_id FROM patient_owner WHERE owner_user_id = $1 ORDER BY patient_id LIMIT 1',
    [principal.id],
  );
  return ctx.dataSource.transaction(async (manager) => {
    const filedAt = new Date();
    const request = await manager.save(
      manager.create(RightsRequestEntity, {
        requesterUserId: principal.id,
        patientId: owned[0]?.patient_id ?? null,
        kind: input.kind,
        details,
        status: RightsRequestStatus.OPEN,
        filedAt,
        dueAt: new Date(filedAt.getTime() + RIGHTS_REQUEST_DAYS * DAY_MS),
        extendedAt: null,
        extensionReason: null,
        closedAt: null,
        closedBy: null,
        resolution: null,
      }),
    );
    await audit(manager, ctx, 'file', [request]);
    return request;
  });
}

/** The caller's own requests, newest first; the read is audited. */
export async function myRightsRequests(ctx: RequestContext): Promise<RightsRequestEntity[]> {
  const principal = requireUser(ctx);
  const requests = await ctx.dataSource
    .getRepository(RightsRequestEntity)
    .find({ where: { requesterUserId: principal.id }, order: { filedAt: 'DESC' } });
  await audit(ctx.dataSource.manager, ctx, 'read', requests);
  return requests;
}

export interface RightsRequestPage {
  nodes: RightsRequestEntity[];
  endCursor: string | null;
}

/** ADMIN's work queue: requests in a status (all when null), soonest due first, paged; the read is audited. */
export async function listRightsRequests(
  ctx: RequestContext,
  filter: { status: RightsRequestStatus | null; first: number; after: string | null },
): Promise<RightsRequestPage> {
  requireRole(ctx, Role.ADMIN);
  if (filter.first < 1 || filter.first > 200) {
    throw new ComplianceError(ComplianceErrorCode.INVALID_PAGE, 'first must be between 1 and 200.', {
      field: 'first',
    });
  }
  const query = ctx.dataSource.getRepository(RightsRequestEntity).createQueryBuilder('request');
  if (filter.status) query.andWhere('request.status = :status', { status: filter.status });
  const rows = await keysetPage(
    query,
    { at: 'request.due_at', id: 'request.id' },
    'ASC',
    filter.first,
    filter.after,
  ).getMany();
  const nodes = rows.slice(0, filter.first);
  await audit(ctx.dataSource.manager, ctx, 'read', nodes);
  const last = nodes.at(-1);
  return {
    nodes,
    endCursor: rows.length > filter.first && last ? keysetCursor(last.dueAt, last.id) : null,
  };
}

/** Loads an open (or extended) request under a row lock for an ADMIN's change, or refuses. */
async function openRequestForUpdate(manager: EntityManager, id: string): Promise<RightsRequestEntity> {
  const request = /^[0-9a-f-]{36}$/i.test(id)
    ? await manager.findOne(RightsRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } })
    : null;
  if (!request)
    throw new ComplianceError(ComplianceErrorCode.RIGHTS_REQUEST_NOT_FOUND, 'No rights request has this id.');
  if (request.status === RightsRequestStatus.COMPLETED || request.status === RightsRequestStatus.DENIED) {
    throw new ComplianceError(
      ComplianceErrorCode.ALREADY_CLOSED,
      `This request is already ${request.status.toLowerCase()}.`,
      {
        field: 'id',
      },
    );
  }
  return request;
}

/** ADMIN takes the one documented 30-day extension; a second is refused. */
export async function extendRightsRequest(
  ctx: RequestContext,
  id: string,
  reason: string,
): Promise<RightsRequestEntity> {
  requireRole(ctx, Role.ADMIN);
  const text = requiredText(reason, 'reason');
  return ctx.dataSource.transaction(async (manager) => {
    const request = await openRequestForUpdate(manager, id);
    if (request.extendedAt !== null) {
      throw new ComplianceError(
        ComplianceErrorCode.ALREADY_EXTENDED,
        'This request already had its one 30-day extension.',
        { field: 'id' },
      );
    }
    request.status = RightsRequestStatus.EXTENDED;
    request.extendedAt = new Date();
    request.extensionReason = text;
    request.dueAt = new Date(request.dueAt.getTime() + RIGHTS_EXTENSION_DAYS * DAY_MS);
    await manager.save(request);
    await audit(manager, ctx, 'extend', [request]);
    return request;
  });
}

/** ADMIN closes a request as completed (with how) or denied (with why). */
export async function closeRightsRequest(
  ctx: RequestContext,
  id: string,
  outcome: RightsRequestStatus.COMPLETED | RightsRequestStatus.DENIED,
  text: string,
): Promise<RightsRequestEntity> {
  const principal = requireRole(ctx, Role.ADMIN);
  const resolution = requiredText(text, outcome === RightsRequestStatus.COMPLETED ? 'resolution' : 'reason');
  return ctx.dataSource.transaction(async (manager) => {
    const request = await openRequestForUpdate(manager, id);
    request.status = outcome;
    request.closedAt = new Date();
    request.closedBy = principal.id;
    request.resolution = resolution;
    await manager.save(request);
    await audit(manager, ctx, outcome === RightsRequestStatus.COMPLETED ? 'complete' : 'deny', [request]);
    return request;
  });
}
