import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType('ChatCost', {
  description: 'What one chat answer cost and how much of it credits covered.',
})
@Entity({ name: 'billing_chat_cost' })
export class ChatCostEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Field(() => ID, { description: 'The chat answer (its interaction id).' })
  @Column({ name: 'interaction_id', type: 'uuid' })
  interactionId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Field(() => String, { description: 'The model that answered.' })
  @Column({ type: 'text' })
  model: string;

  @Field(() => Int, { description: 'Prompt tokens.' })
  @Column({ name: 'input_tokens', type: 'int' })
  inputTokens: number;

  @Field(() => Int, { description: 'Completion tokens.' })
  @Column({ name: 'output_tokens', type: 'int' })
  outputTokens: number;

  @Field(() => Int, { description: 'What it cost, in cents.' })
  @Column({ name: 'cost_cents', type: 'int' })
  costCents: number;

  @Field(() => Int, { description: 'How much of the cost credits covered, in cents.' })
  @Column({ name: 'covered_cents', type: 'int' })
  coveredCents: number;

  @Field(() => String, { description: 'ISO 4217 currency code, lower case.' })
  @Column({ type: 'text' })
  currency: string;

  @Field(() => Date, { description: 'When the model answered.' })
  @Column({ type: 'timestamptz' })
  at: Date;
}
