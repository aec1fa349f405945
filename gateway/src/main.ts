import './register-heap-growth';
import '@holovitals/telemetry/register-exporting';
import { runServiceProcess } from '@holovitals/http-server';
import { loadGatewayConfig } from './config';
import { startGateway } from './gateway-server';

runServiceProcess('gateway', () => startGateway(loadGatewayConfig()));
