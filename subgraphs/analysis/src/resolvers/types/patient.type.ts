import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The patient subgraph's Patient, seen from here: its key, to which analysis adds `missingPieces`. */
@ObjectType('Patient', { description: 'A patient record (owned by the patient subgraph).' })
@Directive('@key(fields: "id")')
export class PatientReference {
  @Field(() => ID, { description: 'Patient id.' })
  id: string;
}
