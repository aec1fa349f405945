import { Arg, ID, Resolver, Subscription } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { PATIENT_RECORD_CHANGED } from './record-change-publishing';
import { PatientRecordChange } from './patient-record-change';

/**
 * Declares the subscription in this subgraph's SDL, so it is composed into the supergraph. The gateway serves it
 * over graphql-ws (Redis channel from @holovitals/live-changes, `patient` fetched per event with the subscriber's
 * token); a subgraph never executes subscriptions itself.
 */
@Resolver(() => PatientRecordChange)
export class PatientRecordChangeResolver {
  @Subscription(() => PatientRecordChange, {
    name: PATIENT_RECORD_CHANGED,
    description:
      "Changes to one patient's record (imports, hand entries, edits, deletions), for callers who may read it.",
    topics: PATIENT_RECORD_CHANGED,
  })
  patientRecordChanged(
    @Arg('patientId', () => ID, { description: 'The patient to watch.' }) _patientId: string,
  ): PatientRecordChange {
    throw new GraphQLError('Subscriptions are served by the gateway.', {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
}
