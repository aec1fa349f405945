import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** identity's User, extended here with the user's own patient record (`User.patient`). */
@ObjectType('User', { description: 'A person with a HoloVitals login (owned by the identity subgraph).' })
@Directive('@key(fields: "id")')
export class UserReference {
  @Field(() => ID, { description: 'The user id.' })
  id: string;
}
