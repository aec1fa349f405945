import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One model call made with a template: what it cost and how good it was. Read through promptMetrics. */
@Entity({ name: 'prompt_performance' })
export class PromptPerformanceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'template_id', type: 'uuid' })
  templateId: string;

  /** The chat answer it produced (ratings land here), or null for an analysis task. */
  @Column({ name: 'interaction_id', type: 'uuid', nullable: true })
  interactionId: string | null;

  @Column({ name: 'task_id', type: 'uuid', nullable: true })
  taskId: string | null;

  @Column({ name: 'latency_ms', type: 'int' })
  latencyMs: number;

  @Column({ name: 'input_tokens', type: 'int' })
  inputTokens: number;

  @Column({ name: 'output_tokens', type: 'int' })
  outputTokens: number;

  @Column({ name: 'cost_usd', type: 'double precision' })
  costUsd: number;

  /** Whether the structured output was valid for the schema (and cited the record) without giving up. */
  @Column({ type: 'boolean' })
  valid: boolean;

  /** 1–5 from the user, once rated. */
  @Column({ type: 'int', nullable: true })
  rating: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
