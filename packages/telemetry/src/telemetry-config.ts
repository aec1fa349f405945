import { booleanFlag, loadConfig } from '@holovitals/config';
import { z } from 'zod';

const optionalUrl = z.string().url().optional();

/** The standard OpenTelemetry variables this project honours (names and meanings from the OTel spec). */
export const telemetrySettings = {
  OTEL_SDK_DISABLED: booleanFlag.default(false),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  /** Base URL of an OTLP/HTTP collector; traces go to `<endpoint>/v1/traces`. Unset: nothing is exported. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  /** Full traces URL; wins over OTEL_EXPORTER_OTLP_ENDPOINT. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrl,
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(['http/protobuf', 'http/json']).default('http/protobuf'),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: z.enum(['http/protobuf', 'http/json']).optional(),
  OTEL_TRACES_SAMPLER: z
    .enum([
      'always_on',
      'always_off',
      'traceidratio',
      'parentbased_always_on',
      'parentbased_always_off',
      'parentbased_traceidratio',
    ])
    .default('parentbased_always_on'),
  /** The ratio for the `traceidratio` samplers. */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
};

export type TelemetrySettings = z.infer<z.ZodObject<typeof telemetrySettings>>;

export interface TelemetryConfig {
  disabled: boolean;
  serviceName: string;
  /** Where spans are sent, or null: then ids still propagate (logs, error reports) but nothing is exported. */
  tracesUrl: string | null;
  protocol: 'http/protobuf' | 'http/json';
  sampler: TelemetrySettings['OTEL_TRACES_SAMPLER'];
  samplerRatio: number;
}

export function loadTelemetryConfig(defaultServiceName: string, env: NodeJS.ProcessEnv): TelemetryConfig {
  const settings = loadConfig(`${defaultServiceName} telemetry`, telemetrySettings, env);
  const base = settings.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, '');
  return {
    disabled: settings.OTEL_SDK_DISABLED,
    serviceName: settings.OTEL_SERVICE_NAME ?? defaultServiceName,
    tracesUrl: settings.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base ? `${base}/v1/traces` : null),
    protocol: settings.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? settings.OTEL_EXPORTER_OTLP_PROTOCOL,
    sampler: settings.OTEL_TRACES_SAMPLER,
    samplerRatio: settings.OTEL_TRACES_SAMPLER_ARG,
  };
}
