import { DateScalar } from '@kantoor/platform';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('LedgerStatus', {
  simpleResolvers: true,
  description: "The ledger's open actions of an administration (dashboard).",
})
export class LedgerStatus {
  @Field(() => ID, { description: "The administration's id: one status per administration." })
  id!: string;
  @Field(() => Int, {
    description: 'Draft entries waiting to be posted (te boeken journaalposten).',
  })
  draftEntries!: number;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Date (boekdatum) of the latest posted entry; null before the first booking.',
  })
  lastBookingDate!: string | null;
  @Field(() => Int, {
    description:
      'Imported bank transactions not yet booked (nog te verwerken), over all bank accounts.',
  })
  unprocessedBankTransactions!: number;
  @Field(() => Int, {
    description:
      "Bank accounts whose latest statement's balances (OPBD/CLBD) disagree with the previous statement or with the ledger (BankAccount.statements shows the differences).",
  })
  bankBalanceDifferences!: number;
}
