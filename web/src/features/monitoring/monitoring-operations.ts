import { graphql } from '@/gql';

export const MonitoringHealthDocument = graphql(`
  query MonitoringHealth {
    health {
      id
      kind
      status
      latencyMs
      detail
      checkedAt
      changedAt
    }
  }
`);

export const MonitoringOverviewDocument = graphql(`
  query MonitoringOverview($from: DateTime!, $to: DateTime!) {
    performance(from: $from, to: $to) {
      service
      operation
      count
      p50Ms
      p95Ms
      p99Ms
    }
    queues: metrics(name: "queue_jobs", from: $from, to: $to) {
      service
      labels {
        name
        value
      }
      samples {
        minute
        value
      }
    }
    errors(first: 20) {
      nodes {
        id
        service
        origin
        errorName
        template
        count
        lastSeenAt
        events(first: 1) {
          traceId
        }
      }
    }
    operationalAlerts(first: 50) {
      id
      kind
      subject
      severity
      status
      summary
      firedAt
    }
  }
`);

export const AcknowledgeOperationalAlertDocument = graphql(`
  mutation AcknowledgeOperationalAlert($id: ID!) {
    acknowledgeOperationalAlert(id: $id) {
      id
      status
      acknowledgedAt
    }
  }
`);
