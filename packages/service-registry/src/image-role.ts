import type { ServiceEntry } from './service-entry';

/**
 * Which production image runs a process: deploy/Dockerfile builds one target per role, each holding
 * only the workspaces its processes import. Subgraphs, their workers and the local stand-ins share
 * `services` (they share most dependencies, so one image is smaller in total than one per package).
 */
export type ImageRole = 'services' | 'gateway' | 'web';

export const IMAGE_ROLES: readonly ImageRole[] = ['services', 'gateway', 'web'];

export function imageRole(entry: ServiceEntry): ImageRole {
  return entry.kind === 'gateway' || entry.kind === 'web' ? entry.kind : 'services';
}
