/** Everything `npm start` runs, in start order. Ports are the public contract (ARCHITECTURE.md). */
export interface SubgraphService {
  name: string;
  port: number;
}

export const SUBGRAPHS: SubgraphService[] = [
  { name: 'identity', port: 4001 },
  { name: 'patient', port: 4002 },
  { name: 'standards', port: 4003 },
];

export const GATEWAY_PORT = 4000;
export const WEB_PORT = 3000;

/** `IDENTITY_PORT=5001` moves identity; the same for every service, GATEWAY_PORT and WEB_PORT. */
export function portFor(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const value = env[`${name.toUpperCase()}_PORT`];
  return value ? Number(value) : fallback;
}
