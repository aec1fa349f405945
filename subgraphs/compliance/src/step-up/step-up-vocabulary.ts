import { STEP_UP_PURPOSES } from '@holovitals/events';
import { registerEnumType } from 'type-graphql';

/** The purposes of the identity.challenge.verified contract, one GraphQL enum value each. */
export const StepUpPurpose = Object.fromEntries(STEP_UP_PURPOSES.map((purpose) => [purpose, purpose])) as {
  [P in (typeof STEP_UP_PURPOSES)[number]]: P;
};
export type StepUpPurpose = (typeof STEP_UP_PURPOSES)[number];
registerEnumType(StepUpPurpose, {
  name: 'StepUpPurpose',
  description: 'A sensitive action that needs a fresh identity challenge on top of the session.',
  valuesConfig: {
    ADMIN_PHI_ACCESS: { description: 'An administrator reading a patient’s health data (ADMIN only).' },
    BULK_EXPORT: {
      description: 'Exporting a whole patient record as a FHIR bundle, by anyone but its patient.',
    },
  },
});

export enum IdentityChallengeStatus {
  PENDING = 'PENDING',
  VERIFIED = 'VERIFIED',
  LOCKED = 'LOCKED',
}
registerEnumType(IdentityChallengeStatus, {
  name: 'IdentityChallengeStatus',
  description: 'Where an identity challenge is; an expired PENDING challenge can no longer be answered.',
  valuesConfig: {
    PENDING: { description: 'Waiting for a code.' },
    VERIFIED: { description: 'Answered with a valid code; the step-up it granted lasts until validUntil.' },
    LOCKED: { description: 'Too many wrong codes; start a new challenge.' },
  },
});

/** Audit vocabulary of challenges; the FAILED_IDENTITY_CHALLENGES alert rule counts `verify` refusals of this type. */
export const CHALLENGE_ENTITY_TYPE = 'IdentityChallenge';
export const CHALLENGE_VERIFY_ACTION = 'verify';
