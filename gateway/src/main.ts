import { loadGatewayConfig } from './config';
import { startGateway } from './gateway-server';

startGateway(loadGatewayConfig()).then(
  (gateway) => {
    const shutdown = (): void => {
      gateway.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  },
  (error: unknown) => {
    process.stderr.write(
      `gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
