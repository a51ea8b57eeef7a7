import { DateTimeScalar } from '@kantoor/platform';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { JournalEntry } from '../entry/entry.type.js';

@ObjectType('InvoiceLedgerBooking', {
  description:
    "The ledger's booking of one invoicing document (the invoice, a credit note of it, or a payment registered by hand).",
})
export class InvoiceLedgerBooking {
  administrationId!: string;
  entryId!: string | null;
  @Field(() => ID, { description: 'Stable id: the kind and the document id.' }) id!: string;
  @Field(() => ID, { description: 'The invoice, credit note or payment id.' }) documentId!: string;
  @Field(() => String, { description: 'INVOICE, CREDIT_NOTE or PAYMENT.' }) kind!: string;
  @Field(() => String, {
    description:
      'BOOKED; FAILED (retried with backoff, then in ops failedEvents; see error); NO_LEDGER (the administration keeps no books).',
  })
  status!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The ledger error code of the last failed attempt, e.g. PERIOD_LOCKED.',
  })
  errorCode!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The last failed attempt's message; null when booked.",
  })
  error!: string | null;
  @Field(() => Int, { description: 'Attempts to book it so far.' }) attempts!: number;
  @Field(() => DateTimeScalar, { description: 'When its status last changed.' }) updatedAt!: Date;
}

/** Invoicing's invoice, as far as the ledger adds to it. */
@Directive('@key(fields: "id administrationId")')
@ObjectType('Invoice')
export class LedgerInvoice {
  @Field(() => ID, { description: 'Stable id of the invoice.' }) id!: string;
  @Field(() => ID, { description: 'The administration that issued it.' }) administrationId!: string;
}

export { JournalEntry };
