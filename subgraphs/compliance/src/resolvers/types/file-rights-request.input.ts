import { Field, InputType } from 'type-graphql';
import { RightsRequestKind } from '../../rights/rights-vocabulary';

@InputType('FileRightsRequestInput', {
  description: 'A privacy rights request the caller files about their own data.',
})
export class FileRightsRequestInput {
  @Field(() => RightsRequestKind, { description: 'Which right the caller exercises.' })
  kind: RightsRequestKind;

  @Field({ description: 'What the caller asks for, 1 to 4,000 characters.' })
  details: string;
}
