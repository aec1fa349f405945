import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AnalysisPriority, AnalysisTaskStatus, AnalysisTaskType, AnalyzerKind } from './analysis-enums';

@ObjectType('AnalysisTask', {
  description:
    'One requested analysis of a patient’s record: queued, run by a worker, and kept with its result.',
})
@Directive('@key(fields: "id")')
@Entity({ name: 'analysis_task' })
export class AnalysisTaskEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => AnalysisTaskType, { description: 'What the analysis looks at.' })
  @Column({ type: 'text' })
  type: AnalysisTaskType;

  @Field(() => AnalysisPriority, { description: 'Queue priority.' })
  @Column({ type: 'text' })
  priority: AnalysisPriority;

  @Field(() => AnalysisTaskStatus, { description: 'Where the task is.' })
  @Column({ type: 'text' })
  status: AnalysisTaskStatus;

  @Field(() => Int, { description: 'Progress of the current try, 0–100.' })
  @Column({ type: 'int', default: 0 })
  progress: number;

  @Field(() => Int, { description: 'Tries started so far.' })
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Field(() => AnalyzerKind, { description: 'Which analyzer runs (or ran) the task.' })
  @Column({ type: 'text' })
  analyzer: AnalyzerKind;

  @Field(() => Float, { description: 'Credits the analysis was estimated to cost when requested.' })
  @Column({ name: 'estimated_cost', type: 'double precision' })
  estimatedCost: number;

  @Field(() => Float, { nullable: true, description: 'Credits it cost; null until it finished.' })
  @Column({ name: 'actual_cost', type: 'double precision', nullable: true })
  actualCost: number | null;

  @Field(() => String, { nullable: true, description: 'Why the task failed or was dead-lettered.' })
  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason: string | null;

  @Field(() => ID, { description: 'The user who requested it; only they (and ADMIN) can read it.' })
  @Column({ name: 'owner_user_id', type: 'text' })
  ownerUserId: string;

  @Field(() => ID, { description: 'The patient whose record is analysed.' })
  @Column({ name: 'patient_id', type: 'uuid' })
  patientId: string;

  @Field(() => String, { nullable: true, description: 'The question asked (QUESTION tasks).' })
  @Column({ type: 'text', nullable: true })
  question: string | null;

  /** The encrypted record snapshot the worker analyses; never exposed. */
  @Column({ name: 'context_entry_id', type: 'uuid', nullable: true })
  contextEntryId: string | null;

  @Field(() => Date, { description: 'When it was requested.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { description: 'When anything about it last changed.' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When a worker first started it.' })
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it succeeded, failed or was cancelled.' })
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
