import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AnalysisSection } from '../analyzers/analyzer';
import { AnalyzerKind } from './analysis-enums';

/** A finished task's result: sections of cited statements, labelled with the analyzer that wrote them. */
@Entity({ name: 'analysis_result' })
export class AnalysisResultEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'task_id', type: 'uuid', unique: true })
  taskId: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId: string;

  @Column({ type: 'text' })
  analyzer: AnalyzerKind;

  @Column({ type: 'jsonb' })
  sections: AnalysisSection[];

  @Column({ name: 'health_score', type: 'int', nullable: true })
  healthScore: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
