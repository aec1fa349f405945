import { graphql } from '@/gql';

export const MyTotpStatusDocument = graphql(`
  query MyTotpStatus {
    myTotpStatus {
      enrolled
      confirmedAt
    }
  }
`);

export const EnrollTotpDocument = graphql(`
  mutation EnrollTotp {
    enrollTotp {
      otpauthUri
      secret
    }
  }
`);

export const ConfirmTotpEnrollmentDocument = graphql(`
  mutation ConfirmTotpEnrollment($code: String!) {
    confirmTotpEnrollment(code: $code) {
      enrolled
      confirmedAt
    }
  }
`);

export const StartIdentityChallengeDocument = graphql(`
  mutation StartIdentityChallenge($purpose: StepUpPurpose!) {
    startIdentityChallenge(purpose: $purpose) {
      id
      expiresAt
    }
  }
`);

export const VerifyIdentityChallengeDocument = graphql(`
  mutation VerifyIdentityChallenge($id: ID!, $code: String!) {
    verifyIdentityChallenge(id: $id, code: $code) {
      id
      status
      validUntil
    }
  }
`);
