import { ArrayMaxSize, IsOptional, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Field, Float, InputType, Int } from 'type-graphql';
import { AlertRuleKind, AlertSeverity, NotificationChannelKind } from '../../monitoring-vocabulary';

@InputType('NotificationChannelInput', { description: 'One place to notify.' })
export class NotificationChannelInput {
  @Field(() => NotificationChannelKind, { description: 'How.' })
  kind: NotificationChannelKind;

  @Field(() => String, {
    description: 'Webhook URL (http or https) or e-mail address, at most 2,000 characters.',
  })
  @MinLength(3)
  @MaxLength(2_000)
  target: string;
}

@InputType('CreateAlertRuleInput', { description: 'A new alert rule.' })
export class CreateAlertRuleInput {
  @Field(() => String, { description: 'What operators call it (1 to 200 characters).' })
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field(() => AlertRuleKind, { description: 'What it watches.' })
  kind: AlertRuleKind;

  @Field(() => String, { nullable: true, description: 'Only this process (registry name).' })
  @IsOptional()
  @MaxLength(100)
  service?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Metric name (METRIC_THRESHOLD, required), queue name (QUEUE_BACKLOG, optional) or event type (EVENT_LAG, optional).',
  })
  @IsOptional()
  @MaxLength(200)
  subject?: string | null;

  @Field(() => Float, { description: 'The limit; see AlertRuleKind for its unit.' })
  threshold: number;

  @Field(() => Int, { defaultValue: 300, description: 'Window in seconds, 0 to 86,400.' })
  @Min(0)
  @Max(86_400)
  windowSeconds: number;

  @Field(() => AlertSeverity, { defaultValue: AlertSeverity.WARNING, description: 'Severity of its alerts.' })
  severity: AlertSeverity;

  @Field(() => [NotificationChannelInput], { description: 'Where its alerts go (at most 10).' })
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  channels: NotificationChannelInput[];
}

/** Checks a channel's target against its kind: a URL for webhooks, an address for e-mail. */
export function channelTargetProblem(channel: NotificationChannelInput): string | null {
  if (channel.kind === NotificationChannelKind.EMAIL) {
    return validEmail(channel.target) ? null : 'an EMAIL channel needs an e-mail address';
  }
  return validUrl(channel.target) ? null : `a ${channel.kind} channel needs an http(s) URL`;
}

function validEmail(value: string): boolean {
  return value.length <= 320 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

function validUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
