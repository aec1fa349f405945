import { Field, ObjectType } from 'type-graphql';

@ObjectType('TotpEnrollment', {
  description: 'A new authenticator secret, shown once: scan the URI as a QR code, then confirm with a code.',
})
export class TotpEnrollment {
  @Field({ description: 'otpauth:// URI for authenticator apps (render it as a QR code).' })
  otpauthUri: string;

  @Field({ description: 'The same secret in base32, for typing into an app by hand. Never shown again.' })
  secret: string;
}

@ObjectType('TotpStatus', { description: 'Whether the caller can answer identity challenges.' })
export class TotpStatus {
  @Field({ description: 'True once an authenticator is set up and confirmed.' })
  enrolled: boolean;

  @Field(() => Date, { nullable: true, description: 'When the authenticator was confirmed.' })
  confirmedAt: Date | null;
}
