import { describe, expect, it } from 'vitest';
import { imageRole } from './image-role';
import { SERVICE_REGISTRY } from './services';

describe('imageRole', () => {
  it('runs the gateway and web on their own images and every other process on the services image', () => {
    const roles = Object.fromEntries(SERVICE_REGISTRY.map((entry) => [entry.name, imageRole(entry)]));
    expect(roles).toMatchObject({
      gateway: 'gateway',
      web: 'web',
      identity: 'services',
      'analysis-worker': 'services',
      'demo-hospital': 'services',
    });
  });
});
