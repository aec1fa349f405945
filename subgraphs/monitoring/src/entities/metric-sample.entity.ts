import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One series' value at the end of one minute (the last scrape in that minute wins): counters and histogram
 * buckets stay cumulative, so rates and percentiles come from the difference between two minutes.
 */
@Entity({ name: 'monitoring_metric_sample' })
export class MetricSampleEntity {
  @PrimaryColumn({ type: 'text' })
  service: string;

  @PrimaryColumn({ type: 'text' })
  name: string;

  /** Labels in a canonical `k="v",…` form (sorted keys), part of the key. */
  @PrimaryColumn({ name: 'labels_key', type: 'text' })
  labelsKey: string;

  @PrimaryColumn({ type: 'timestamptz' })
  minute: Date;

  @Column({ type: 'jsonb' })
  labels: Record<string, string>;

  @Column({ type: 'double precision' })
  value: number;
}
