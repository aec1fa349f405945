import { graphql } from '@/gql';

export const AuditLogSearchDocument = graphql(`
  query AuditLogSearch($filter: AuditLogFilter, $after: String) {
    auditLog(filter: $filter, first: 50, after: $after) {
      entries {
        seq
        occurredAt
        actorId
        actorRoles
        action
        entityType
        outcome
        service
        patientIds
      }
      endCursor
    }
  }
`);

export const SecurityAlertsDocument = graphql(`
  query SecurityAlerts($status: SecurityAlertStatus) {
    securityAlerts(status: $status, first: 100) {
      nodes {
        id
        kind
        severity
        status
        details
        raisedAt
        acknowledgedAt
      }
    }
  }
`);

export const SecurityAlertRaisedDocument = graphql(`
  subscription SecurityAlertRaised {
    securityAlertRaised {
      id
    }
  }
`);

export const AcknowledgeAlertDocument = graphql(`
  mutation AcknowledgeAlert($id: ID!) {
    acknowledgeAlert(id: $id) {
      id
      status
      acknowledgedAt
    }
  }
`);

export const ComplianceReportDocument = graphql(`
  query ComplianceReport($from: DateTime!, $to: DateTime!) {
    complianceReport(from: $from, to: $to) {
      totals {
        action
        role
        count
      }
      phiAccesses {
        patientId
        accesses
        denied
      }
      deniedTotal
      alerts {
        kind
        severity
        status
        count
      }
      chain {
        valid
        checkedEntries
        firstBroken {
          seq
          reason
        }
      }
      csv
    }
  }
`);
