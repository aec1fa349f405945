import type { ConsentScope } from '@holovitals/events';

/** The consent scope that lets a grantee read a patient's record. */
export const CONSENT_READ_SCOPE: ConsentScope = 'READ_RECORD';

/** The consent scope that lets a grantee change a patient's record. */
export const CONSENT_WRITE_SCOPE: ConsentScope = 'WRITE_RECORD';

/** The scope that makes a grantee act as the patient (a relative, a caregiver) within the grant's other scopes. */
export const CONSENT_PROXY_SCOPE: ConsentScope = 'PROXY';
