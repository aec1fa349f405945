import { defineRegistry } from './service-entry';

/**
 * Every process HoloVitals runs, in start order within each kind. Ports are the public contract
 * (ARCHITECTURE.md). Adding a subgraph or worker is one entry here; `npm run schema` regenerates rover.yaml
 * and deploy/postgres/init-databases.sql from this list, and tests check compose.yaml against it.
 */
export const SERVICE_REGISTRY = defineRegistry([
  {
    name: 'identity',
    kind: 'subgraph',
    port: 4001,
    healthPath: '/ready',
    package: '@holovitals/identity',
    entry: 'subgraphs/identity/dist/main.js',
    database: 'identity',
  },
  {
    name: 'patient',
    kind: 'subgraph',
    port: 4002,
    healthPath: '/ready',
    package: '@holovitals/patient',
    entry: 'subgraphs/patient/dist/main.js',
    database: 'patient',
  },
  {
    name: 'standards',
    kind: 'subgraph',
    port: 4003,
    healthPath: '/ready',
    package: '@holovitals/standards',
    entry: 'subgraphs/standards/dist/main.js',
    database: 'standards',
    // Terminology, units and lab-name mapping: public reference data, nothing per patient is stored or audited.
    holdsPhi: false,
  },
  {
    name: 'analysis',
    kind: 'subgraph',
    port: 4004,
    healthPath: '/ready',
    package: '@holovitals/analysis',
    entry: 'subgraphs/analysis/dist/main.js',
    database: 'analysis',
  },
  {
    // Runs analysis tasks (analysis.run queue) with the rule analyzer; sweeps expired record snapshots.
    name: 'analysis-worker',
    kind: 'worker',
    port: 4104,
    healthPath: '/ready',
    package: '@holovitals/analysis',
    entry: 'subgraphs/analysis/dist/worker.js',
    database: 'analysis',
  },
  {
    name: 'compliance',
    kind: 'subgraph',
    port: 4005,
    healthPath: '/ready',
    package: '@holovitals/compliance',
    entry: 'subgraphs/compliance/dist/main.js',
    database: 'compliance',
  },
  {
    // Scheduled compliance jobs (rights request deadlines); shares the compliance database and outbox.
    name: 'compliance-worker',
    kind: 'worker',
    port: 4105,
    healthPath: '/ready',
    package: '@holovitals/compliance',
    entry: 'subgraphs/compliance/dist/worker.js',
    database: 'compliance',
  },
  {
    name: 'ehr',
    kind: 'subgraph',
    port: 4006,
    healthPath: '/ready',
    package: '@holovitals/ehr',
    entry: 'subgraphs/ehr/dist/main.js',
    database: 'ehr',
  },
  {
    // Syncs patients' EHR connections (ehr.sync queue) into the blob store and hands them to patient.
    name: 'ehr-worker',
    kind: 'worker',
    port: 4106,
    healthPath: '/ready',
    package: '@holovitals/ehr',
    entry: 'subgraphs/ehr/dist/worker.js',
    database: 'ehr',
  },
  {
    name: 'documents',
    kind: 'subgraph',
    port: 4008,
    healthPath: '/ready',
    package: '@holovitals/documents',
    entry: 'subgraphs/documents/dist/main.js',
    database: 'documents',
  },
  {
    // Reads uploaded documents (text layer, OCR) and extracts lab results; purges deleted files.
    name: 'documents-worker',
    kind: 'worker',
    port: 4108,
    healthPath: '/ready',
    package: '@holovitals/documents',
    entry: 'subgraphs/documents/dist/worker.js',
    database: 'documents',
  },
  {
    name: 'billing',
    kind: 'subgraph',
    port: 4007,
    healthPath: '/ready',
    package: '@holovitals/billing',
    entry: 'subgraphs/billing/dist/main.js',
    database: 'billing',
  },
  {
    // Billing's scheduled jobs (the grace sweep that locks expired PAST_DUE subscriptions); shares billing's database and outbox.
    name: 'billing-worker',
    kind: 'worker',
    port: 4107,
    healthPath: '/ready',
    package: '@holovitals/billing',
    entry: 'subgraphs/billing/dist/worker.js',
    database: 'billing',
  },
  {
    name: 'monitoring',
    kind: 'subgraph',
    port: 4009,
    healthPath: '/ready',
    package: '@holovitals/monitoring',
    entry: 'subgraphs/monitoring/dist/main.js',
    database: 'monitoring',
  },
  {
    // Polls every process's health, scrapes their metrics, evaluates alert rules and sends notifications.
    name: 'monitoring-worker',
    kind: 'worker',
    port: 4109,
    healthPath: '/ready',
    package: '@holovitals/monitoring',
    entry: 'subgraphs/monitoring/dist/worker.js',
    database: 'monitoring',
  },
  {
    // Local SMART on FHIR R4 server (Synthea patients) the EHR integration connects to in tests and demo mode.
    name: 'demo-hospital',
    kind: 'auxiliary',
    port: 4206,
    healthPath: '/ready',
    package: '@holovitals/demo-hospital',
    entry: 'packages/demo-hospital/dist/main.js',
    database: null,
  },
  {
    // Local OpenAI-protocol model server (deterministic answers) for tests and demo mode.
    name: 'model-server',
    kind: 'auxiliary',
    port: 4204,
    healthPath: '/ready',
    package: '@holovitals/model-server',
    entry: 'packages/model-server/dist/main.js',
    database: null,
  },
  {
    // Local Stripe-protocol server (API, signed webhooks, hosted checkout and portal) billing talks to in tests and demo mode.
    name: 'stripe-server',
    kind: 'auxiliary',
    port: 4207,
    healthPath: '/ready',
    package: '@holovitals/stripe-server',
    entry: 'packages/stripe-server/dist/main.js',
    database: null,
  },
  {
    name: 'gateway',
    kind: 'gateway',
    port: 4000,
    healthPath: '/ready',
    package: '@holovitals/gateway',
    entry: 'gateway/dist/main.js',
    database: null,
  },
  {
    name: 'web',
    kind: 'web',
    port: 3000,
    healthPath: '/',
    package: '@holovitals/web',
    // The web app's own server around Next.js: it hands the sign-in routes the socket's address.
    entry: 'web/dist/web-server.js',
    database: null,
  },
]);
