/** What the e2e global setup hands each test file through `inject('stack')`. */
export interface StackInfo {
  gatewayUrl: string;
  webUrl: string | null;
  /** GET `${mailUrl}?to=<address>` returns the messages received for that address. */
  mailUrl: string;
  subgraphs: Record<string, { url: string; databaseUrl: string }>;
  demoPassword: string;
  /** FHIR base URL of the Demo Hospital auxiliary server (SMART on FHIR). */
  demoHospitalFhirUrl: string;
  /** Origin of the local Stripe server (hosted checkout and portal pages). */
  stripeServerUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}
