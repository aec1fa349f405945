import { registerEnumType } from 'type-graphql';

/** What the last check of a process found. */
export enum HealthStatus {
  UP = 'UP',
  DOWN = 'DOWN',
  UNKNOWN = 'UNKNOWN',
}

registerEnumType(HealthStatus, {
  name: 'HealthStatus',
  description: 'What the last check of a process found.',
  valuesConfig: {
    UP: { description: 'Its health path answered 2xx in time.' },
    DOWN: { description: 'Its health path failed, answered non-2xx, or did not answer in time.' },
    UNKNOWN: { description: 'Not checked yet.' },
  },
});

/** Where an error happened. */
export enum ErrorOrigin {
  RESOLVER = 'RESOLVER',
  JOB = 'JOB',
  GATEWAY = 'GATEWAY',
  CLIENT = 'CLIENT',
}

registerEnumType(ErrorOrigin, {
  name: 'ErrorOrigin',
  description: 'Where an error happened.',
  valuesConfig: {
    RESOLVER: { description: 'A GraphQL resolver in a service (masked to the client).' },
    JOB: { description: 'A queue job in a worker that failed its last try.' },
    GATEWAY: {
      description: 'The gateway itself: a subgraph it could not reach, or a failure in its own code.',
    },
    CLIENT: { description: 'The web app, reported with reportClientError.' },
  },
});

/** What an alert rule watches. */
export enum AlertRuleKind {
  SERVICE_DOWN = 'SERVICE_DOWN',
  ERROR_RATE = 'ERROR_RATE',
  P95_LATENCY = 'P95_LATENCY',
  QUEUE_BACKLOG = 'QUEUE_BACKLOG',
  METRIC_THRESHOLD = 'METRIC_THRESHOLD',
  ERROR_REPORTS = 'ERROR_REPORTS',
  SECURITY_ALERT = 'SECURITY_ALERT',
  RIGHTS_REQUEST_DEADLINE = 'RIGHTS_REQUEST_DEADLINE',
  EVENT_LAG = 'EVENT_LAG',
  DATABASE_ERRORS = 'DATABASE_ERRORS',
  CREDENTIAL_EXPIRY = 'CREDENTIAL_EXPIRY',
}

registerEnumType(AlertRuleKind, {
  name: 'AlertRuleKind',
  description: 'What an alert rule watches; `threshold` and `windowSeconds` mean what each value says.',
  valuesConfig: {
    SERVICE_DOWN: { description: 'A process has been DOWN for at least `windowSeconds` (0: at once).' },
    ERROR_RATE: {
      description: 'Share of GraphQL operations with errors over `windowSeconds` above `threshold` (0 to 1).',
    },
    P95_LATENCY: { description: 'p95 GraphQL operation latency over `windowSeconds` above `threshold` ms.' },
    QUEUE_BACKLOG: {
      description: 'Waiting jobs of a queue (`queue_jobs{state="waiting"}`) above `threshold`.',
    },
    METRIC_THRESHOLD: {
      description:
        'Latest value of the gauge `metricName` above `threshold` (audit ingestion lag, database errors, days to key or certificate expiry with a negative threshold…).',
    },
    ERROR_REPORTS: { description: 'More than `threshold` errors reported within `windowSeconds`.' },
    SECURITY_ALERT: {
      description:
        'Compliance raised a security alert (`security.alert.raised`) of at least `threshold` severity (1 LOW to 4 CRITICAL).',
    },
    EVENT_LAG: {
      description:
        'A service is more than `threshold` seconds behind on an event type it handles (`events_consumer_lag_seconds`; `subject` narrows it to one type, e.g. `audit.recorded` on compliance for audit ingestion lag).',
    },
    DATABASE_ERRORS: {
      description:
        'More than `threshold` SQL statements of a service failed within `windowSeconds` (`database_errors_total`).',
    },
    CREDENTIAL_EXPIRY: {
      description:
        'A credential (`credential_expires_in_seconds`, e.g. the JWT signing key) must be replaced within `threshold` seconds, or is overdue.',
    },
    RIGHTS_REQUEST_DEADLINE: {
      description:
        'A patient rights request nears or passes its HIPAA deadline (`rights.request.deadline.approaching`): `threshold` 1 for WARNING and OVERDUE, 2 for OVERDUE only.',
    },
  },
});

export enum AlertSeverity {
  INFO = 'INFO',
  WARNING = 'WARNING',
  CRITICAL = 'CRITICAL',
}

registerEnumType(AlertSeverity, {
  name: 'AlertSeverity',
  description: 'How urgent an operational alert is.',
  valuesConfig: {
    INFO: { description: 'Worth knowing.' },
    WARNING: { description: 'Needs a look soon.' },
    CRITICAL: { description: 'Needs someone now.' },
  },
});

export enum OperationalAlertStatus {
  FIRING = 'FIRING',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RESOLVED = 'RESOLVED',
}

registerEnumType(OperationalAlertStatus, {
  name: 'OperationalAlertStatus',
  description: 'Where an operational alert stands.',
  valuesConfig: {
    FIRING: { description: 'Its condition holds and nobody has taken it on.' },
    ACKNOWLEDGED: { description: 'An administrator took it on; it resolves when the condition clears.' },
    RESOLVED: { description: 'Its condition cleared.' },
  },
});

export enum NotificationChannelKind {
  WEBHOOK = 'WEBHOOK',
  SLACK = 'SLACK',
  EMAIL = 'EMAIL',
}

registerEnumType(NotificationChannelKind, {
  name: 'NotificationChannelKind',
  description: 'Where an alert rule sends its alerts.',
  valuesConfig: {
    WEBHOOK: { description: 'HTTP POST of the alert as JSON, signed (x-holovitals-signature).' },
    SLACK: { description: 'HTTP POST of a Slack-compatible `{ text }` message, signed the same way.' },
    EMAIL: { description: 'An e-mail through the SMTP server the product sends mail with.' },
  },
});
