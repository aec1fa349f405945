import { type MigrationInterface } from 'typeorm';
import { CreateEventOutbox1764000000000 } from './1764000000000-create-event-outbox';
import { CreateProcessedEvent1764000000001 } from './1764000000001-create-processed-event';
import { IndexEventRetention1764000000002 } from './1764000000002-index-event-retention';
import { AddOutboxTraceParent1764000000003 } from './1764000000003-add-outbox-trace-parent';

/** Append to a subgraph's own migrations: every database that emits or consumes events needs both tables. */
export const eventMigrations: Array<new () => MigrationInterface> = [
  CreateEventOutbox1764000000000,
  CreateProcessedEvent1764000000001,
  IndexEventRetention1764000000002,
  AddOutboxTraceParent1764000000003,
];
