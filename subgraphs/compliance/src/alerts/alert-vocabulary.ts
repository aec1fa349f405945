import { SECURITY_ALERT_KINDS, SECURITY_ALERT_SEVERITIES } from '@holovitals/events';
import { registerEnumType } from 'type-graphql';

/** The kinds of the security.alert.raised contract, one GraphQL enum value each. */
export const SecurityAlertKind = Object.fromEntries(SECURITY_ALERT_KINDS.map((kind) => [kind, kind])) as {
  [K in (typeof SECURITY_ALERT_KINDS)[number]]: K;
};
export type SecurityAlertKind = (typeof SECURITY_ALERT_KINDS)[number];
registerEnumType(SecurityAlertKind, {
  name: 'SecurityAlertKind',
  description: 'Which rule raised a security alert, or MANUAL when an administrator did.',
  valuesConfig: {
    FAILED_SIGN_INS_FROM_ADDRESS: { description: 'Repeated failed sign-ins from one client address.' },
    FAILED_SIGN_INS_FOR_ACCOUNT: { description: 'Repeated failed sign-ins for one account.' },
    MANY_PATIENTS_READ: { description: 'One user read many different patients’ records in a short window.' },
    ACCESS_WITHOUT_CONSENT: { description: 'Access to a record the actor holds no active consent for.' },
    ACCESS_OUTSIDE_SCOPE: { description: 'Access beyond the scopes of the actor’s consent grant.' },
    BULK_EXPORT: { description: 'A record exported by someone other than its patient.' },
    ADMIN_PHI_ACCESS: { description: 'An administrator read or changed health data.' },
    FAILED_IDENTITY_CHALLENGES: {
      description: 'Repeated wrong codes answering identity challenges (step-up).',
    },
    MANUAL: { description: 'Raised by an administrator.' },
  },
});

/** The severities of the security.alert.raised contract. */
export const SecurityAlertSeverity = Object.fromEntries(
  SECURITY_ALERT_SEVERITIES.map((severity) => [severity, severity]),
) as { [S in (typeof SECURITY_ALERT_SEVERITIES)[number]]: S };
export type SecurityAlertSeverity = (typeof SECURITY_ALERT_SEVERITIES)[number];
registerEnumType(SecurityAlertSeverity, {
  name: 'SecurityAlertSeverity',
  description: 'How urgently a security alert needs attention.',
  valuesConfig: {
    LOW: { description: 'Worth a look during routine review.' },
    MEDIUM: { description: 'Review today.' },
    HIGH: { description: 'Review now.' },
    CRITICAL: { description: 'Likely an ongoing attack or breach.' },
  },
});

export enum SecurityAlertStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RESOLVED = 'RESOLVED',
}
registerEnumType(SecurityAlertStatus, {
  name: 'SecurityAlertStatus',
  description: 'Where a security alert is in its handling.',
  valuesConfig: {
    OPEN: { description: 'Nobody has looked at it yet.' },
    ACKNOWLEDGED: { description: 'An administrator has taken it on.' },
    RESOLVED: { description: 'Handled and closed.' },
  },
});
