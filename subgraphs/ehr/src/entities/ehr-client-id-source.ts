import { registerEnumType } from 'type-graphql';

/** Where the client id HoloVitals uses at a provider came from. */
export enum EhrClientIdSource {
  /** Given to addEhrProvider: the id the hospital issued HoloVitals out of band. */
  CONFIGURED = 'CONFIGURED',
  /** Obtained by OAuth 2.0 Dynamic Client Registration (RFC 7591) when the provider was added. */
  REGISTERED = 'REGISTERED',
  /** Neither: the deployment's EHR_DEFAULT_CLIENT_ID is used. */
  DEFAULT = 'DEFAULT',
}

registerEnumType(EhrClientIdSource, {
  name: 'EhrClientIdSource',
  description: 'Where the client id HoloVitals uses at a provider came from.',
  valuesConfig: {
    CONFIGURED: { description: 'Given when the provider was added.' },
    REGISTERED: { description: 'Registered dynamically at the provider (RFC 7591) when it was added.' },
    DEFAULT: { description: 'The deployment’s default client id.' },
  },
});
