import { registerEnumType } from 'type-graphql';

/** Where a connection stands; only ACTIVE connections sync. */
export enum EhrConnectionStatus {
  ACTIVE = 'ACTIVE',
  /** The hospital refused the refresh token (expired or revoked): the patient must connect again. */
  NEEDS_REAUTH = 'NEEDS_REAUTH',
}

registerEnumType(EhrConnectionStatus, {
  name: 'EhrConnectionStatus',
  description: 'Whether a connection can sync, or needs the patient to approve access again.',
  valuesConfig: {
    ACTIVE: { description: 'Tokens are valid (or refreshable); syncs run.' },
    NEEDS_REAUTH: {
      description: 'The hospital no longer accepts the stored authorization; connect again to resume.',
    },
  },
});
