import type { ConsentScope } from '@holovitals/events';

/** The consent scope that lets a grantee read a patient's record. */
export const CONSENT_READ_SCOPE: ConsentScope = 'READ_RECORD';

/** The consent scope that lets a grantee change a patient's record. */
export const CONSENT_WRITE_SCOPE: ConsentScope = 'WRITE_RECORD';
