import { ArrayNotEmpty, IsIn, Length } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import { ServiceClientEntity } from '../../entities/service-client.entity';
import { PARTNER_SCOPES } from '../../services/service-clients';

@InputType({ description: 'A partner system to create credentials for.' })
export class CreateServiceClientInput {
  @Field({ description: 'Human-readable name.' })
  @Length(2, 120)
  name: string;

  @Field(() => [String], { description: `Scopes to grant, among: ${PARTNER_SCOPES.join(', ')}.` })
  @ArrayNotEmpty()
  @IsIn(PARTNER_SCOPES, { each: true, message: `Each scope must be one of: ${PARTNER_SCOPES.join(', ')}.` })
  scopes: string[];
}

@ObjectType({ description: 'New client credentials; the secret is shown only here, once.' })
export class ServiceClientCredentials {
  @Field(() => ServiceClientEntity, { description: 'The created client.' })
  client: ServiceClientEntity;

  @Field({ description: 'The client secret. Store it now: it cannot be shown again.' })
  clientSecret: string;
}

@ObjectType({ description: 'An access token for a partner system.' })
export class ServiceToken {
  @Field({ description: 'Short-lived ES256 JWT with role PARTNER.' })
  accessToken: string;

  @Field({ description: 'When the token expires.' })
  expiresAt: Date;

  @Field(() => [String], { description: 'Scopes the token carries.' })
  scopes: string[];
}
