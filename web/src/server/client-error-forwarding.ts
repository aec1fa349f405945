import { z } from 'zod';
import { ReportClientErrorDocument } from '@/errors/report-client-error-document';
import { gatewayRequest, type GatewayRequestOptions } from './gateway-request';

/** The report's shape; its limits are monitoring's to enforce (BAD_USER_INPUT), so they are checked once. */
const reportSchema = z.object({
  errorName: z.string(),
  message: z.string(),
  stack: z.string().nullable(),
  page: z.string().nullable(),
});

/**
 * Sends a report the root error page posted (it renders without the app's providers, so without the gateway's
 * address) to monitoring as `reportClientError`, with the browser's address so monitoring limits that caller.
 * Answers the HTTP status for the page: 204 accepted, 400 malformed, else the gateway's refusal or 502.
 */
export async function forwardClientErrorReport(
  body: unknown,
  gatewayUrl: string,
  options: Pick<GatewayRequestOptions, 'clientAddress' | 'userAgent'>,
): Promise<number> {
  const report = reportSchema.safeParse(body);
  if (!report.success) return 400;
  const result = await gatewayRequest(gatewayUrl, ReportClientErrorDocument, { input: report.data }, options);
  if (result.ok) return 204;
  const code = result.errors[0]?.extensions?.code;
  return code === 'BAD_USER_INPUT' ? 400 : code === 'RATE_LIMITED' ? 429 : 502;
}
