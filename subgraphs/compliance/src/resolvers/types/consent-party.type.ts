import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('ConsentParty', {
  description:
    'A verified user as the people sharing a record see each other: the other side of a grant, or who accessed it.',
})
export class ConsentParty {
  @Field(() => ID, { description: 'User id.' })
  userId: string;

  @Field(() => String, { nullable: true, description: 'Name the user chose, if any.' })
  displayName: string | null;

  @Field(() => String, { description: 'The user’s verified email address.' })
  email: string;
}
