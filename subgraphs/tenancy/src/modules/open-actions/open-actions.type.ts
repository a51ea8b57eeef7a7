import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '@kantoor/platform';
import { ADMINISTRATION_ORDERS, type AdministrationOrder } from './open-actions.service.js';

export const AdministrationOrderEnum = Object.fromEntries(
  ADMINISTRATION_ORDERS.map((o) => [o, o]),
) as { [K in AdministrationOrder]: K };
registerEnumType(AdministrationOrderEnum, {
  name: 'AdministrationOrder',
  description: 'How the administrations list is ordered (ties by name, then id).',
  valuesConfig: {
    NAME: { description: 'By name, case-insensitively (the default).' },
    OPEN_ACTIONS: { description: "Most open actions (the viewer's openActions.total) first." },
    VAT_DUE_DATE: {
      description:
        'Nearest due date of the next VAT return (aangifte) first; administrations without one (or without VAT_READ) last.',
    },
  },
});

@ObjectType('OpenActions', {
  simpleResolvers: true,
  description:
    'Counts of what needs doing, over the modules the viewer may read in this administration (others count 0).',
})
export class OpenActions {
  @Field(() => Int, { description: 'Draft journal entries (LEDGER_READ).' })
  draftEntries!: number;
  @Field(() => Int, { description: 'Imported bank transactions not yet booked (LEDGER_READ).' })
  unprocessedBankTransactions!: number;
  @Field(() => Int, {
    description:
      'Bank accounts whose latest statement does not agree with the previous statement or the ledger (LEDGER_READ; LedgerStatus.bankBalanceDifferences).',
  })
  bankBalanceDifferences!: number;
  @Field(() => Int, { description: 'Draft invoices (INVOICING_READ).' })
  draftInvoices!: number;
  @Field(() => Int, { description: 'OPEN invoices past due (INVOICING_READ).' })
  overdueInvoices!: number;
  @Field(() => Int, {
    description:
      'Returns whose period has ended and that are not SUBMITTED or ACCEPTED (VAT_READ).',
  })
  vatReturnsToFile!: number;
  @Field(() => Int, { description: 'The sum of the counts above.' })
  total!: number;
  @Field(() => DateTimeScalar, {
    description:
      'When these counts were last brought up to date; never older than a few seconds after a change.',
  })
  updatedAt!: Date;
}
