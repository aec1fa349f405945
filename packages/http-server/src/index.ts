export { close, createGraphQLHttpServer, listen } from './graphql-http-server';
export type { GraphQLHttpServerOptions, Refusal, RouteHandler } from './graphql-http-server';
export { healthRoutes, type ReadinessCheck } from './health-routes';
export { sendGraphQLError, sendJson } from './http-error';
export { BodyTooLargeError, readBody } from './request-body';
export { runServiceProcess, type Stoppable } from './service-process';
