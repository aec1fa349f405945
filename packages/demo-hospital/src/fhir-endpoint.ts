import { getSearchParameter, getStatus, isOk } from '@medplum/core';
import type { HttpMethod } from '@medplum/fhir-router';
import type {
  Bundle,
  BundleLink,
  OperationOutcome,
  OperationOutcomeIssue,
  Resource,
} from '@medplum/fhirtypes';
import type { FhirStore } from './fhir-store';
import type { TokenGrant } from './smart-authorization';
import { type ScopeAction, scopesAllow } from './smart-scopes';

export interface FhirReply {
  status: number;
  body: Resource;
}

function outcome(status: number, code: OperationOutcomeIssue['code'], text: string): FhirReply {
  const body: OperationOutcome = {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code, details: { text } }],
  };
  return { status, body };
}

function referencesPatient(resource: Resource, patientId: string): boolean {
  if (resource.resourceType === 'Patient') return resource.id === patientId;
  const holder = resource as { subject?: { reference?: string }; patient?: { reference?: string } };
  const reference = holder.subject?.reference ?? holder.patient?.reference;
  return reference === `Patient/${patientId}`;
}

/** Resource types in the patient compartment are searched by `patient`; Patient by `_id`. */
export function compartmentParameter(resourceType: string): string | null {
  if (resourceType === 'Patient') return '_id';
  return getSearchParameter(resourceType, 'patient') ? 'patient' : null;
}

function actionOf(method: string, hasId: boolean): ScopeAction | null {
  switch (method) {
    case 'GET':
      return hasId ? 'read' : 'search';
    case 'PUT':
      return hasId ? 'update' : null;
    case 'POST':
      return hasId ? null : 'create';
    default:
      return null;
  }
}

/**
 * One FHIR REST request on behalf of a patient-scoped token: SMART scopes decide the interaction, the
 * patient's compartment bounds what is seen, medplum's router does the FHIR work, and searchsets get
 * `self`/`next`/`previous` links so clients page through `link[next]`.
 */
export async function handleFhirRequest(
  store: FhirStore,
  grant: TokenGrant,
  request: { method: string; path: string; query: URLSearchParams; body: unknown; baseUrl: string },
  paging: { pageSize: number; maxPageSize: number },
): Promise<FhirReply> {
  const [resourceType = '', id, ...rest] = request.path.split('/').filter(Boolean);
  const action = actionOf(request.method, id !== undefined);
  if (!/^[A-Z][A-Za-z]+$/.test(resourceType) || rest.length > 0 || !action)
    return outcome(404, 'not-found', 'Unsupported FHIR interaction.');
  if (!scopesAllow(grant.scopes, resourceType, action))
    return outcome(403, 'forbidden', `The token's scopes do not allow ${action} on ${resourceType}.`);
  const compartment = compartmentParameter(resourceType);
  const query = new URLSearchParams(request.query);

  if (action === 'search') {
    if (compartment)
      query.set(compartment, compartment === '_id' ? grant.patientId : `Patient/${grant.patientId}`);
    const count = Math.min(
      Number(query.get('_count') ?? paging.pageSize) || paging.pageSize,
      paging.maxPageSize,
    );
    const offset = Math.max(Number(query.get('_offset') ?? 0) || 0, 0);
    query.set('_count', String(count));
    query.set('_offset', String(offset));
    if (!query.has('_sort')) query.set('_sort', '_id');
    const reply = await routeFhir(store, 'GET', `${resourceType}?${query.toString()}`, undefined);
    if (reply.body.resourceType === 'Bundle')
      addPagingLinks(reply.body, request.baseUrl, resourceType, query, count, offset);
    return reply;
  }

  if (action === 'read' || action === 'update') {
    const existing = await routeFhir(store, 'GET', `${resourceType}/${id}`, undefined);
    if (existing.status !== 200) return existing;
    if (compartment && !referencesPatient(existing.body, grant.patientId))
      return outcome(404, 'not-found', `${resourceType}/${id} not found.`);
    if (action === 'read') return existing;
  }
  if (action === 'update' || action === 'create') {
    const body = request.body as Resource | undefined;
    if (
      !body ||
      body.resourceType !== resourceType ||
      (compartment && !referencesPatient(body, grant.patientId))
    )
      return outcome(400, 'invalid', `The body must be a ${resourceType} of the authorized patient.`);
    return routeFhir(store, request.method as HttpMethod, id ? `${resourceType}/${id}` : resourceType, body);
  }
  return outcome(404, 'not-found', 'Unsupported FHIR interaction.');
}

export async function routeFhir(
  store: FhirStore,
  method: HttpMethod,
  url: string,
  body: unknown,
): Promise<FhirReply> {
  const [result, resource] = await store.router.handleRequest(
    { method, url, pathname: '', body, params: {}, query: {} },
    store.repository,
  );
  if (!isOk(result) && !resource) return { status: getStatus(result), body: result };
  return { status: getStatus(result), body: resource ?? result };
}

function addPagingLinks(
  bundle: Bundle,
  baseUrl: string,
  resourceType: string,
  query: URLSearchParams,
  count: number,
  offset: number,
): void {
  const page = (pageOffset: number): string => {
    const pageQuery = new URLSearchParams(query);
    pageQuery.set('_offset', String(pageOffset));
    return `${baseUrl}/${resourceType}?${pageQuery.toString()}`;
  };
  const links: BundleLink[] = [{ relation: 'self', url: page(offset) }];
  if (offset + count < (bundle.total ?? 0)) links.push({ relation: 'next', url: page(offset + count) });
  if (offset > 0) links.push({ relation: 'previous', url: page(Math.max(offset - count, 0)) });
  bundle.link = links;
}
