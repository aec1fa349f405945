import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AnalysisStatement } from '../analyzers/analyzer';

export enum InteractionRole {
  USER = 'USER',
  ASSISTANT = 'ASSISTANT',
}

registerEnumType(InteractionRole, {
  name: 'InteractionRole',
  description: 'Who wrote a chat turn.',
  valuesConfig: {
    USER: { description: 'The question, as asked.' },
    ASSISTANT: { description: 'The model’s answer, cited and with identifiers mapped back.' },
  },
});

@ObjectType('AIInteraction', { description: 'One turn of a chat: a question, or its cited answer.' })
@Entity({ name: 'ai_interaction' })
export class AIInteractionEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The session it belongs to.' })
  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @Field(() => InteractionRole, { description: 'Who wrote it.' })
  @Column({ type: 'text' })
  role: InteractionRole;

  @Field(() => String, { description: 'The question, or the answer’s statements in one text.' })
  @Column({ type: 'text' })
  text: string;

  /** The answer's statements with their validated citations (empty for a question); exposed by a field resolver. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  statements: AnalysisStatement[];

  @Field(() => Int, { description: 'Citations the model made to ids not in the record; they were dropped.' })
  @Column({ name: 'rejected_citations', type: 'int', default: 0 })
  rejectedCitations: number;

  @Field(() => Int, { description: 'Tokens sent to the model for this answer (0 for a question).' })
  @Column({ name: 'input_tokens', type: 'int', default: 0 })
  inputTokens: number;

  @Field(() => Int, { description: 'Tokens the model answered with (0 for a question).' })
  @Column({ name: 'output_tokens', type: 'int', default: 0 })
  outputTokens: number;

  @Field(() => Int, { description: 'Milliseconds the model took (0 for a question).' })
  @Column({ name: 'latency_ms', type: 'int', default: 0 })
  latencyMs: number;

  @Field(() => Int, { description: 'Credits (US cents, rounded up per call) the answer cost.' })
  @Column({ name: 'cost_cents', type: 'int', default: 0 })
  costCents: number;

  @Field(() => String, { nullable: true, description: 'The model that answered.' })
  @Column({ type: 'text', nullable: true })
  model: string | null;

  @Field(() => ID, { nullable: true, description: 'The prompt template the answer was produced with.' })
  @Column({ name: 'prompt_template_id', type: 'uuid', nullable: true })
  promptTemplateId: string | null;

  @Field(() => Int, { nullable: true, description: 'That template’s version.' })
  @Column({ name: 'prompt_version', type: 'int', nullable: true })
  promptVersion: number | null;

  @Field(() => Int, { nullable: true, description: 'The asker’s rating of the answer, 1–5.' })
  @Column({ type: 'int', nullable: true })
  rating: number | null;

  @Field(() => Date, { description: 'When it was written.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
