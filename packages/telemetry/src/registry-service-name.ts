import { SERVICE_REGISTRY } from '@holovitals/service-registry';
import path from 'node:path';

/** The registry name of the process whose entry script is `script` (`…/subgraphs/patient/dist/main.js` → patient). */
export function registryServiceName(script: string | undefined): string | null {
  if (!script) return null;
  const normalized = script.split(path.sep).join('/');
  return SERVICE_REGISTRY.find((entry) => normalized.endsWith(`/${entry.entry}`))?.name ?? null;
}
