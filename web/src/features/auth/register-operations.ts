import { graphql } from '@/gql';

export const RegisterDocument = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      id
      email
      emailVerified
    }
  }
`);

export const ResendVerificationDocument = graphql(`
  mutation ResendVerification($email: String!) {
    resendVerificationEmail(email: $email)
  }
`);

export const VerifyEmailDocument = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token) {
      id
      emailVerified
    }
  }
`);
