import { commaList, loadConfig, port, runtimeSettings } from '@holovitals/config';
import { SERVICE_REGISTRY } from '@holovitals/service-registry';
import { resolve } from 'node:path';
import { z } from 'zod';

const defaultPort = SERVICE_REGISTRY.find((entry) => entry.name === 'demo-hospital')?.port ?? 4206;

/** Where the Synthea bundles live in this repository (the patient subgraph's fixtures). */
export const SYNTHEA_FIXTURES = resolve(__dirname, '../../../subgraphs/patient/fixtures/synthea-r4');

const demoHospitalShape = {
  ...runtimeSettings,
  PORT: port.default(defaultPort),
  /** The origin clients reach this server on; defaults to http://HOST:PORT. */
  DEMO_HOSPITAL_PUBLIC_URL: z.string().url().optional(),
  /** Client ids registered at this server (public SMART clients; PKCE required). */
  DEMO_HOSPITAL_CLIENT_IDS: commaList.default(['holovitals']),
  /** Dynamic client registration (RFC 7591): how many clients may register (a DoS guard); 0 offers none. */
  DEMO_HOSPITAL_MAX_REGISTRATIONS: z.coerce.number().int().min(0).default(1000),
  /** Directory of Synthea FHIR R4 transaction bundles to load at start-up. */
  DEMO_HOSPITAL_FIXTURES: z.string().default(SYNTHEA_FIXTURES),
  /** How many bundles (patients) to load, in file-name order. */
  DEMO_HOSPITAL_PATIENTS: z.coerce.number().int().min(1).max(200).default(2),
  /** Access tokens expire quickly so clients exercise their refresh path. */
  DEMO_HOSPITAL_ACCESS_TOKEN_SECONDS: z.coerce.number().int().positive().default(300),
  DEMO_HOSPITAL_REFRESH_TOKEN_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 24 * 3600),
  /** Page size when a search names no `_count`, and the largest page served. */
  DEMO_HOSPITAL_PAGE_SIZE: z.coerce.number().int().positive().default(50),
  DEMO_HOSPITAL_MAX_PAGE_SIZE: z.coerce.number().int().positive().default(200),
  /** Bulk Data: the Retry-After a status request gets while its export runs. */
  DEMO_HOSPITAL_EXPORT_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).default(1),
  /** Bulk Data: the shortest time an export takes, so clients' polling runs as against a busy hospital. */
  DEMO_HOSPITAL_EXPORT_MIN_SECONDS: z.coerce.number().min(0).default(0),
  /** Bulk Data: how long a finished export's files can be downloaded (then the status and files answer 404). */
  DEMO_HOSPITAL_EXPORT_FILE_SECONDS: z.coerce.number().int().positive().default(3600),
};

export type DemoHospitalConfig = ReturnType<typeof loadDemoHospitalConfig>;

export function loadDemoHospitalConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig('demo-hospital', demoHospitalShape, env);
}
