export { accessFacts, type AccessFacts } from './access-facts';
export { consentProjectionHandlers, patientOwnerHandlers } from './projection-handlers';
export { createAccessProjectionTables, dropAccessProjectionTables } from './projection-tables';
