import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType('AnalysisSession', {
  description: 'A chat over one patient’s record: questions and cited answers, kept for the user who asked.',
})
@Entity({ name: 'analysis_session' })
export class AnalysisSessionEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The user who started it; only they (and ADMIN) can read it.' })
  @Column({ name: 'owner_user_id', type: 'text' })
  ownerUserId: string;

  @Field(() => ID, { description: 'The patient whose record the chat is about.' })
  @Column({ name: 'patient_id', type: 'uuid' })
  patientId: string;

  @Field(() => String, { description: 'The first question, shortened.' })
  @Column({ type: 'text' })
  title: string;

  @Field(() => Date, { description: 'When it was started.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
