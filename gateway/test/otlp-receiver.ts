import otlpProto from '@opentelemetry/otlp-transformer/build/src/generated/root';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One span as the test reads it: ids in hex, the service that sent it, and which instrumentation made it. */
export interface ReceivedSpan {
  service: string;
  scope: string;
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
}

interface OtlpValue {
  stringValue?: string;
}
interface OtlpSpan {
  name: string;
  kind: number;
  traceId: Uint8Array | string;
  spanId: Uint8Array | string;
  parentSpanId?: Uint8Array | string;
}
interface OtlpTraceRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: Array<{ key: string; value?: OtlpValue }> };
    scopeSpans?: Array<{ scope?: { name?: string }; spans?: OtlpSpan[] }>;
  }>;
}
interface DecodableType {
  decode(bytes: Uint8Array): unknown;
  toObject(message: unknown, options: { enums: typeof Number; longs: typeof String }): OtlpTraceRequest;
}

// The generated protobuf types the OTel JS exporters were built from (0.57's otlp-transformer ships them).
const ExportTraceServiceRequest = (
  otlpProto as unknown as {
    opentelemetry: { proto: { collector: { trace: { v1: { ExportTraceServiceRequest: DecodableType } } } } };
  }
).opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

// Protobuf carries ids as bytes; OTLP/JSON as hex strings.
const hex = (id: Uint8Array | string | undefined): string =>
  id === undefined ? '' : typeof id === 'string' ? id : Buffer.from(id).toString('hex');

function decode(contentType: string, body: Buffer): OtlpTraceRequest {
  if (contentType.startsWith('application/json'))
    return JSON.parse(body.toString('utf8')) as OtlpTraceRequest;
  if (contentType.startsWith('application/x-protobuf'))
    return ExportTraceServiceRequest.toObject(ExportTraceServiceRequest.decode(body), {
      enums: Number,
      longs: String,
    });
  throw new Error(`unexpected OTLP content type ${contentType}`);
}

function flatten(request: OtlpTraceRequest): ReceivedSpan[] {
  return (request.resourceSpans ?? []).flatMap((resourceSpans) => {
    const service =
      resourceSpans.resource?.attributes?.find((attribute) => attribute.key === 'service.name')?.value
        ?.stringValue ?? '';
    return (resourceSpans.scopeSpans ?? []).flatMap((scopeSpans) =>
      (scopeSpans.spans ?? []).map((span) => ({
        service,
        scope: scopeSpans.scope?.name ?? '',
        name: span.name,
        kind: span.kind,
        traceId: hex(span.traceId),
        spanId: hex(span.spanId),
        parentSpanId: hex(span.parentSpanId) || null,
      })),
    );
  });
}

export interface OtlpReceiver {
  /** What to set as OTEL_EXPORTER_OTLP_ENDPOINT. */
  endpoint: string;
  spans: ReceivedSpan[];
  stop(): Promise<void>;
}

/** A local OTLP/HTTP trace collector: keeps every span the exporters send to `/v1/traces`. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      try {
        const contentType = req.headers['content-type'] ?? '';
        spans.push(...flatten(decode(contentType, Buffer.concat(chunks))));
        // An empty ExportTraceServiceResponse: full success, in the encoding the exporter used.
        if (contentType.startsWith('application/json'))
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        else res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      } catch (error) {
        res.writeHead(400).end(error instanceof Error ? error.message : String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
