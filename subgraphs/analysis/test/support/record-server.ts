import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PatientRecord } from '../../src/record/patient-record';

export interface RecordServer {
  /** The GraphQL URL to give the subgraph as SUBGRAPH_PATIENT_URL. */
  url: string;
  /** The records it serves, by patient id; any other id is NOT_FOUND. */
  records: Map<string, PatientRecord>;
  /** The Authorization header of every request, to show the caller's own token was used. */
  authorizations: string[];
  stop(): Promise<void>;
}

const LISTS = ['observations', 'immunizations', 'procedures', 'conditions', 'medications'] as const;

/**
 * Stands in for the patient subgraph's `patient(id)` read the analysis subgraph makes (aliases p0, p1…, one
 * page per list): the record when it holds one, else patient's NOT_FOUND error, as the real one answers.
 */
export async function startRecordServer(): Promise<RecordServer> {
  const records = new Map<string, PatientRecord>();
  const authorizations: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      authorizations.push(req.headers.authorization ?? '');
      const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        variables: Record<string, string>;
      };
      const data: Record<string, unknown> = {};
      const errors: unknown[] = [];
      for (const [name, id] of Object.entries(variables)) {
        const alias = `p${name.slice(2)}`;
        const record = records.get(id);
        data[alias] = record
          ? {
              id: record.patientId,
              gender: record.gender,
              birthDate: record.birthDate,
              ...Object.fromEntries(
                LISTS.map((list) => [
                  list,
                  { nodes: record[list], pageInfo: { hasNextPage: false, endCursor: null } },
                ]),
              ),
            }
          : null;
        if (!record) {
          errors.push({ message: `No patient ${id}.`, path: [alias], extensions: { code: 'NOT_FOUND' } });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data, ...(errors.length > 0 ? { errors } : {}) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    records,
    authorizations,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
