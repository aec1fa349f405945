import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { IdentityChallengeStatus, StepUpPurpose } from '../step-up/step-up-vocabulary';

/** One request for a TOTP code before a sensitive action; a right answer grants a step-up for a while. */
@ObjectType('IdentityChallenge', {
  description:
    'A step-up check: the caller proves with their authenticator code that they are at the keyboard.',
})
@Entity({ name: 'identity_challenge' })
export class IdentityChallengeEntity {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'Challenge id, to verify against.' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  @Field(() => StepUpPurpose, { description: 'The action the step-up is for.' })
  purpose: StepUpPurpose;

  @Column({ type: 'text' })
  @Field(() => IdentityChallengeStatus, { description: 'PENDING, VERIFIED or LOCKED.' })
  status: IdentityChallengeStatus;

  @Column({ name: 'failed_attempts', type: 'int' })
  @Field(() => Int, { description: 'Wrong codes given so far.' })
  failedAttempts: number;

  @Column({ name: 'max_attempts', type: 'int' })
  @Field(() => Int, { description: 'Wrong codes allowed before the challenge locks.' })
  maxAttempts: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  @Field({ description: 'When the challenge was started.' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  @Field({ description: 'After this a code is no longer accepted for it.' })
  expiresAt: Date;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When a valid code answered it.' })
  verifiedAt: Date | null;

  @Column({ name: 'valid_until', type: 'timestamptz', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'Until when the verified step-up lets the action through.',
  })
  validUntil: Date | null;
}
