/** The consent scope that lets a clinician change a patient's records; any active consent lets them read. */
export const CONSENT_WRITE_SCOPE = 'records:write';
