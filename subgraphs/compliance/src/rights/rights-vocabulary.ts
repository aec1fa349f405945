import { registerEnumType } from 'type-graphql';

/** The HIPAA individual rights a patient can exercise with a request. */
export enum RightsRequestKind {
  ACCESS = 'ACCESS',
  AMENDMENT = 'AMENDMENT',
  ACCOUNTING_OF_DISCLOSURES = 'ACCOUNTING_OF_DISCLOSURES',
  RESTRICTION = 'RESTRICTION',
  CONFIDENTIAL_COMMUNICATION = 'CONFIDENTIAL_COMMUNICATION',
}
registerEnumType(RightsRequestKind, {
  name: 'RightsRequestKind',
  description: 'Which right the patient exercises.',
  valuesConfig: {
    ACCESS: { description: 'A copy of their health information.' },
    AMENDMENT: { description: 'A correction of their record.' },
    ACCOUNTING_OF_DISCLOSURES: { description: 'A list of who their information was disclosed to.' },
    RESTRICTION: { description: 'A limit on uses or disclosures of their information.' },
    CONFIDENTIAL_COMMUNICATION: { description: 'Being contacted by other means or at another address.' },
  },
});

/** Where a request stands; OPEN and EXTENDED are still running against their due date. */
export enum RightsRequestStatus {
  OPEN = 'OPEN',
  EXTENDED = 'EXTENDED',
  COMPLETED = 'COMPLETED',
  DENIED = 'DENIED',
}
registerEnumType(RightsRequestStatus, {
  name: 'RightsRequestStatus',
  description: 'Where a rights request stands.',
  valuesConfig: {
    OPEN: { description: 'Filed, due 30 days after filing.' },
    EXTENDED: { description: 'Given its one documented 30-day extension.' },
    COMPLETED: { description: 'Done; the resolution says how.' },
    DENIED: { description: 'Refused; the denial reason says why.' },
  },
});

/** Days the covered entity has to act on a request, and the length of its one extension (45 CFR 164.524). */
export const RIGHTS_REQUEST_DAYS = 30;
export const RIGHTS_EXTENSION_DAYS = 30;
