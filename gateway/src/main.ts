import '@holovitals/telemetry/register-exporting';
import { runServiceProcess } from '@holovitals/http-server';
import { loadGatewayConfig } from './config';
import { startGateway } from './gateway-server';
import { limitHeapGrowth } from './heap-growth';

runServiceProcess('gateway', () => {
  const config = loadGatewayConfig();
  limitHeapGrowth(config.GATEWAY_HEAP_GROWING_PERCENT);
  return startGateway(config);
});
