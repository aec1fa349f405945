import { graphql } from '@/gql';

export const AnalysisSessionsDocument = graphql(`
  query AnalysisSessions {
    analysisSessions(first: 20) {
      nodes {
        id
        title
        createdAt
      }
    }
  }
`);

export const AnalysisSessionDocument = graphql(`
  query AnalysisSession($id: ID!) {
    analysisSession(id: $id) {
      id
      title
      interactions {
        id
        role
        text
        rating
        rejectedCitations
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

export const AskHealthQuestionDocument = graphql(`
  mutation AskHealthQuestion($sessionId: ID, $patientId: ID, $text: String!) {
    askHealthQuestion(sessionId: $sessionId, patientId: $patientId, text: $text) {
      id
      sessionId
    }
  }
`);

export const RateAnswerDocument = graphql(`
  mutation RateAnswer($input: PromptPerformanceInput!) {
    recordPromptPerformance(input: $input) {
      id
      rating
    }
  }
`);
