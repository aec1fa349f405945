-- Generated from packages/service-registry/src/services.ts by `npm run schema`; do not edit by hand.
-- One database per subgraph (each subgraph owns its data); migrations run when each service starts.
CREATE DATABASE holovitals_identity;
CREATE DATABASE holovitals_patient;
CREATE DATABASE holovitals_standards;
CREATE DATABASE holovitals_analysis;
CREATE DATABASE holovitals_compliance;
CREATE DATABASE holovitals_ehr;
CREATE DATABASE holovitals_documents;
CREATE DATABASE holovitals_billing;
CREATE DATABASE holovitals_monitoring;
