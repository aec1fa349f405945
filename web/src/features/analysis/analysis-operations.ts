import { graphql } from '@/gql';

export const AnalysisCostDocument = graphql(`
  query AnalysisCost($input: EstimateAnalysisCostInput!) {
    estimateAnalysisCost(input: $input) {
      analyzer
      credits
      basis
    }
  }
`);

export const RequestAnalysisDocument = graphql(`
  mutation RequestAnalysis($input: RequestAnalysisInput!) {
    requestAnalysis(input: $input) {
      ...AnalysisTaskFields
    }
  }
`);

export const CancelAnalysisDocument = graphql(`
  mutation CancelAnalysis($id: ID!) {
    cancelAnalysisTask(id: $id) {
      id
      status
    }
  }
`);

/** What the page shows of a task; the list, the live updates and the fallback read share it, so the cache merges them. */
export const AnalysisTaskFieldsFragment = graphql(`
  fragment AnalysisTaskFields on AnalysisTask {
    id
    type
    question
    status
    progress
    analyzer
    failureReason
    createdAt
    result {
      id
      analyzer
      sections {
        kind
        title
        statements {
          text
          citations {
            recordId
            recordKind
          }
        }
      }
    }
  }
`);

export const AnalysisTasksDocument = graphql(`
  query AnalysisTasks {
    analysisTasks(first: 10) {
      nodes {
        ...AnalysisTaskFields
      }
    }
  }
`);

export const AnalysisTaskDocument = graphql(`
  query AnalysisTask($id: ID!) {
    analysisTask(id: $id) {
      ...AnalysisTaskFields
    }
  }
`);

/** The gateway reads the task with the subscriber's token for every change; fragments only below `analysisTask`. */
export const AnalysisTaskUpdatedDocument = graphql(`
  subscription AnalysisTaskUpdated($taskId: ID!) {
    analysisTaskUpdated(taskId: $taskId) {
      id
      kind
      analysisTask {
        ...AnalysisTaskFields
      }
    }
  }
`);

export const CareGapsDocument = graphql(`
  query CareGaps($patientId: ID!) {
    missingPieces(patientId: $patientId) {
      ruleId
      kind
      title
      status
      detail
      analyzer
      citations {
        recordId
        recordKind
      }
    }
  }
`);
