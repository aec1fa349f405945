import { graphql } from '@/gql';

/** Monitoring's `reportClientError`: the app sends it through Apollo, the web server for the root error page. */
export const ReportClientErrorDocument = graphql(`
  mutation ReportClientError($input: ClientErrorInput!) {
    reportClientError(input: $input)
  }
`);
