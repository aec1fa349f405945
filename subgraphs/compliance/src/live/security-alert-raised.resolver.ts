import { GraphQLError } from 'graphql';
import { Resolver, Subscription } from 'type-graphql';
import { SecurityAlertEntity } from '../entities/security-alert.entity';

/** The subscription field; also its Redis channel's name (a topic: no arguments). */
export const SECURITY_ALERT_RAISED = 'securityAlertRaised';

/**
 * Declares the subscription in compliance's SDL; the gateway serves it over graphql-ws and reads each raised alert
 * through `securityAlert(id)` with the subscriber's token, so only ADMIN receives anything.
 */
@Resolver(() => SecurityAlertEntity)
export class SecurityAlertRaisedResolver {
  @Subscription(() => SecurityAlertEntity, {
    name: SECURITY_ALERT_RAISED,
    description:
      'Each security alert as it is raised, by a rule or by hand (ADMIN only); one event per alert, at least once.',
    topics: SECURITY_ALERT_RAISED,
  })
  securityAlertRaised(): SecurityAlertEntity {
    throw new GraphQLError('Subscriptions are served by the gateway.', {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
}
