import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType('MetricLabel', { description: 'One label of a series.' })
export class MetricLabel {
  @Field(() => String, { description: 'Label name.' })
  name: string;

  @Field(() => String, { description: 'Label value.' })
  value: string;
}

@ObjectType('MetricSample', {
  description: 'A series’ value at the end of one minute (counters and histogram buckets stay cumulative).',
})
export class MetricSample {
  @Field(() => Date, { description: 'The minute.' })
  minute: Date;

  @Field(() => Float, { description: 'The value scraped last in that minute.' })
  value: number;
}

@ObjectType('MetricSeries', { description: 'One series of a metric from one process, minute by minute.' })
export class MetricSeries {
  @Field(() => String, { description: 'The process it was scraped from.' })
  service: string;

  @Field(() => [MetricLabel], { description: 'Its labels, sorted by name.' })
  labels: MetricLabel[];

  @Field(() => [MetricSample], { description: 'Its values, oldest first.' })
  samples: MetricSample[];
}

@ObjectType('OperationPerformance', {
  description: 'Latency of one GraphQL operation in one subgraph over a range.',
})
export class OperationPerformance {
  @Field(() => String, { description: 'The subgraph (or gateway) that served it.' })
  service: string;

  @Field(() => String, { description: 'Operation name label (`other` for names beyond the bounded set).' })
  operation: string;

  @Field(() => Int, { description: 'Operations observed in the range.' })
  count: number;

  @Field(() => Float, { nullable: true, description: 'Median latency in ms, from the histogram buckets.' })
  p50Ms: number | null;

  @Field(() => Float, { nullable: true, description: '95th percentile latency in ms.' })
  p95Ms: number | null;

  @Field(() => Float, { nullable: true, description: '99th percentile latency in ms.' })
  p99Ms: number | null;
}
