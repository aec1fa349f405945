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
      id
      status
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

export const AnalysisTasksDocument = graphql(`
  query AnalysisTasks {
    analysisTasks(first: 10) {
      nodes {
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
