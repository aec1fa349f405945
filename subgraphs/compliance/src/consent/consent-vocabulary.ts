import { CONSENT_SCOPES } from '@holovitals/events';
import { registerEnumType } from 'type-graphql';

/** The scopes of the consent events' contract, one GraphQL enum value each. */
export const ConsentScope = Object.fromEntries(CONSENT_SCOPES.map((scope) => [scope, scope])) as {
  [S in (typeof CONSENT_SCOPES)[number]]: S;
};
export type ConsentScope = (typeof CONSENT_SCOPES)[number];
registerEnumType(ConsentScope, {
  name: 'ConsentScope',
  description: 'What a consent grant allows the grantee to do with the patient’s data.',
  valuesConfig: {
    READ_RECORD: { description: 'Read the health record.' },
    WRITE_RECORD: { description: 'Add to and correct the health record.' },
    READ_DOCUMENTS: { description: 'Read uploaded documents.' },
    READ_ANALYSES: { description: 'Read analysis results.' },
    PROXY: { description: 'Act for the patient within the other granted scopes.' },
  },
});

export enum ConsentPurpose {
  TREATMENT = 'TREATMENT',
  CAREGIVING = 'CAREGIVING',
  PAYMENT = 'PAYMENT',
  RESEARCH = 'RESEARCH',
  OTHER = 'OTHER',
}
registerEnumType(ConsentPurpose, {
  name: 'ConsentPurpose',
  description: 'Why the patient grants access (shown in their accounting of disclosures).',
  valuesConfig: {
    TREATMENT: { description: 'Care by a clinician.' },
    CAREGIVING: { description: 'A relative or caregiver helping the patient.' },
    PAYMENT: { description: 'Billing and insurance.' },
    RESEARCH: { description: 'Research the patient takes part in.' },
    OTHER: { description: 'Anything else.' },
  },
});
