import { GATEWAY_CREDENTIAL_HEADER } from '@holovitals/subgraph-kit';
import { fetchCarriesTraceparent } from '@holovitals/telemetry';
import { AnalysisError, AnalysisErrorCode } from '../analysis-error';
import type { PatientRecord } from './patient-record';

/** Where and how the patient subgraph is called: its URL, the gateway credential, the caller's token and trace. */
export interface RecordSource {
  url: string;
  gatewaySecret: string;
  maxRecordsPerKind: number;
}

export interface CallerCredentials {
  accessToken: string;
  traceparent?: string | null;
}

const PAGE = 100;

const LISTS = {
  observations:
    'id codeSystem code display category value unit referenceLow referenceHigh effectiveAt components { code display value unit }',
  immunizations: 'id code display status occurrenceAt',
  procedures: 'id codeSystem code display status performedStart',
  conditions: 'id code display clinicalStatus onsetAt',
  medications: 'id code display status startedAt',
} as const;
type ListName = keyof typeof LISTS;
const LIST_NAMES = Object.keys(LISTS) as ListName[];

interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
type PatientPage = { id: string; gender: string | null; birthDate: string | null } & {
  [K in ListName]: Page<PatientRecord[K][number]>;
};

interface GraphQLBody<T> {
  data?: T | null;
  errors?: Array<{
    message: string;
    path?: Array<string | number>;
    extensions?: { code?: string; reason?: string; purpose?: string };
  }>;
}

const listSelection = (name: ListName, after: string | null): string =>
  `${name}(first: ${PAGE}${after ? `, after: ${JSON.stringify(after)}` : ''}, order: OLDEST_FIRST) { nodes { ${LISTS[name]} } pageInfo { hasNextPage endCursor } }`;

async function call<T>(
  source: RecordSource,
  caller: CallerCredentials,
  query: string,
  variables: Record<string, unknown>,
): Promise<GraphQLBody<T>> {
  const response = await fetch(source.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${caller.accessToken}`,
      [GATEWAY_CREDENTIAL_HEADER]: source.gatewaySecret,
      ...(caller.traceparent && !fetchCarriesTraceparent() ? { traceparent: caller.traceparent } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLBody<T>;
  if (!body.data && !body.errors?.length)
    throw new Error(`patient subgraph answered ${response.status} without data`);
  return body;
}

type PatientErrorExtensions = NonNullable<NonNullable<GraphQLBody<unknown>['errors']>[number]['extensions']>;

/**
 * Patient's refusal, as this subgraph's typed error (the caller sees the same code patient gave, and a missing
 * step-up with its purpose, so the client can prompt for it).
 */
function refusal(extensions: PatientErrorExtensions | undefined, message: string): AnalysisError | null {
  const code = extensions?.code;
  if (code === 'FORBIDDEN' && extensions?.reason === 'STEP_UP_REQUIRED') {
    return new AnalysisError(AnalysisErrorCode.STEP_UP_REQUIRED, message, { purpose: extensions.purpose });
  }
  if (code === 'NOT_FOUND') return new AnalysisError(AnalysisErrorCode.PATIENT_NOT_FOUND, message);
  if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED')
    return new AnalysisError(AnalysisErrorCode.RECORD_FORBIDDEN, message);
  if (code === 'BAD_USER_INPUT') return new AnalysisError(AnalysisErrorCode.BAD_USER_INPUT, message);
  return null;
}

/**
 * Reads patients' records from the patient subgraph on the caller's behalf: the first page of every list for all
 * patients in one request (aliases), then further pages only for lists that have more. Patient checks the token
 * (owner, consented clinician, ADMIN) and audits each read, exactly as for a request through the gateway.
 * Returns one entry per id, in order: the record, or the typed error patient's answer maps to.
 */
export async function fetchPatientRecords(
  source: RecordSource,
  caller: CallerCredentials,
  patientIds: readonly string[],
): Promise<Array<PatientRecord | AnalysisError>> {
  const fields = `id gender birthDate ${LIST_NAMES.map((name) => listSelection(name, null)).join(' ')}`;
  const variables = Object.fromEntries(patientIds.map((id, index) => [`id${index}`, id]));
  const query = `query AnalysisRecords(${patientIds.map((_, index) => `$id${index}: ID!`).join(', ')}) { ${patientIds
    .map((_, index) => `p${index}: patient(id: $id${index}) { ${fields} }`)
    .join(' ')} }`;
  const body = await call<Record<string, PatientPage | null>>(source, caller, query, variables);
  const fetchedAt = new Date().toISOString();
  return Promise.all(
    patientIds.map(async (_patientId, index) => {
      const page = body.data?.[`p${index}`];
      if (!page) {
        const error =
          body.errors?.find((candidate) => candidate.path?.[0] === `p${index}`) ?? body.errors?.[0];
        const mapped = refusal(error?.extensions, error?.message ?? 'The patient record could not be read.');
        if (mapped) return mapped;
        throw new Error(`patient subgraph: ${error?.message ?? 'no record returned'}`);
      }
      const record: PatientRecord = {
        patientId: page.id,
        gender: page.gender,
        birthDate: page.birthDate,
        fetchedAt,
        observations: page.observations.nodes,
        immunizations: page.immunizations.nodes,
        procedures: page.procedures.nodes,
        conditions: page.conditions.nodes,
        medications: page.medications.nodes,
      };
      for (const name of LIST_NAMES) {
        const failure = await fetchRemainingPages(source, caller, record, name, page[name].pageInfo);
        if (failure) return failure;
      }
      return record;
    }),
  );
}

/** Follows one list's cursor until its end, refusing records larger than the configured bound. */
async function fetchRemainingPages(
  source: RecordSource,
  caller: CallerCredentials,
  record: PatientRecord,
  name: ListName,
  first: Page<unknown>['pageInfo'],
): Promise<AnalysisError | null> {
  let pageInfo = first;
  const nodes = record[name] as unknown[];
  while (pageInfo.hasNextPage) {
    if (nodes.length >= source.maxRecordsPerKind) {
      return new AnalysisError(
        AnalysisErrorCode.RECORD_TOO_LARGE,
        `The record has more than ${source.maxRecordsPerKind} ${name}; analyses of records this large are not supported yet.`,
        { kind: name, limit: source.maxRecordsPerKind },
      );
    }
    const body = await call<{ patient: Record<ListName, Page<unknown>> | null }>(
      source,
      caller,
      `query AnalysisRecordPage($id: ID!) { patient(id: $id) { ${listSelection(name, pageInfo.endCursor)} } }`,
      { id: record.patientId },
    );
    const page = body.data?.patient?.[name];
    if (!page) {
      const error = body.errors?.[0];
      const mapped = refusal(error?.extensions, error?.message ?? 'The patient record could not be read.');
      if (mapped) return mapped;
      throw new Error(`patient subgraph: ${error?.message ?? 'no page returned'}`);
    }
    nodes.push(...page.nodes);
    pageInfo = page.pageInfo;
  }
  return null;
}

/** One patient's record, or its typed error thrown. */
export async function fetchPatientRecord(
  source: RecordSource,
  caller: CallerCredentials,
  patientId: string,
): Promise<PatientRecord> {
  const [result] = await fetchPatientRecords(source, caller, [patientId]);
  if (result instanceof AnalysisError) throw result;
  return result as PatientRecord;
}
