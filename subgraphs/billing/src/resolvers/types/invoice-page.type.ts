import { Field, ObjectType } from 'type-graphql';
import { InvoiceEntity } from '../../entities/invoice.entity';

@ObjectType('InvoicePage', { description: 'A page of invoices, newest first.' })
export class InvoicePage {
  @Field(() => [InvoiceEntity], { description: 'The invoices on this page.' })
  nodes: InvoiceEntity[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null when empty.' })
  endCursor: string | null;

  @Field(() => Boolean, { description: 'True when more invoices follow.' })
  hasNextPage: boolean;
}
