import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** identity's User, extended here with the user's own patient record (`User.patient`). */
// Descriptions match identity's, so composition has nothing to reconcile.
@ObjectType('User', { description: 'A person with a HoloVitals login.' })
@Directive('@key(fields: "id")')
export class UserReference {
  @Field(() => ID, { description: 'Stable user id, referenced by every other subgraph.' })
  id: string;
}
