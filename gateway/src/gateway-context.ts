import type { Principal } from '@holovitals/auth';

/** Per-request state of the gateway; subgraphs get the token, not the principal (they verify it again). */
export interface GatewayContext {
  principal: Principal | null;
  accessToken: string | null;
  traceId: string;
  clientIp: string | null;
  userAgent: string | null;
}
