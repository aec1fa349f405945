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

/** What the subscription brings is what the health table shows, so the cached `ServiceHealth` entries update in place. */
export const MonitoringHealthChangedDocument = graphql(`
  subscription MonitoringHealthChanged {
    serviceHealthChanged {
      serviceId
      kind
      serviceHealth {
        id
        kind
        status
        latencyMs
        detail
        checkedAt
        changedAt
      }
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

/** The last hour's raw series behind the charts: latency histogram buckets, operation outcomes, queue depths. */
export const MonitoringTrendsDocument = graphql(`
  query MonitoringTrends($from: DateTime!, $to: DateTime!) {
    latencyBuckets: metrics(name: "graphql_operation_duration_seconds_bucket", from: $from, to: $to) {
      ...MonitoringSeries
    }
    operations: metrics(name: "graphql_operations_total", from: $from, to: $to) {
      ...MonitoringSeries
    }
    queues: metrics(name: "queue_jobs", from: $from, to: $to) {
      ...MonitoringSeries
    }
  }

  fragment MonitoringSeries on MetricSeries {
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
