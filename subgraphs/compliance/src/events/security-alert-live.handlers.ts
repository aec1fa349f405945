import type { ConsumerHandlers } from '@holovitals/events';
import { createChangePublisher } from '@holovitals/live-changes';
import type { Redis } from 'ioredis';
import { SECURITY_ALERT_RAISED } from '../live/security-alert-raised.resolver';

/**
 * Tells `securityAlertRaised` subscribers about each alert. Compliance consumes its own security.alert.raised
 * rather than publishing where alerts are stored: rule alerts are raised inside the audit consumer's transaction,
 * and the event only exists once that committed, so the gateway never asks for an alert it cannot read yet. The
 * message carries the alert id only; a failed publish fails the handler, and the event is delivered again.
 */
export function securityAlertLiveHandlers(redis: Redis): ConsumerHandlers {
  const publisher = createChangePublisher(redis);
  return {
    'security.alert.raised': async (event) => {
      await publisher.publish(
        SECURITY_ALERT_RAISED,
        {},
        { typename: 'SecurityAlert', id: event.payload.alertId, kind: 'CREATED', changed: [] },
      );
    },
  };
}
