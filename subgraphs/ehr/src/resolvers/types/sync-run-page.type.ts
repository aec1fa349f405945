import { Field, ObjectType } from 'type-graphql';
import { SyncRunEntity } from '../../entities/sync-run.entity';

@ObjectType('SyncRunPage', { description: 'A page of a connection’s sync runs, newest first.' })
export class SyncRunPage {
  @Field(() => [SyncRunEntity], { description: 'The runs on this page.' })
  runs: SyncRunEntity[];

  @Field(() => String, {
    nullable: true,
    description: 'Pass as `after` for the next page; null on the last.',
  })
  endCursor: string | null;
}
