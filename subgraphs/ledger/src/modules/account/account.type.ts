import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export const ACCOUNT_TYPES = ['ASSET', 'LIABILITY', 'EQUITY', 'REVENUE', 'EXPENSE'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
export const AccountTypeEnum = Object.fromEntries(ACCOUNT_TYPES.map((t) => [t, t])) as {
  [K in AccountType]: K;
};
registerEnumType(AccountTypeEnum, {
  name: 'AccountType',
  description: 'Balance sheet (ASSET, LIABILITY, EQUITY) or profit and loss (REVENUE, EXPENSE).',
});

@ObjectType('Account', { description: 'Ledger account (grootboekrekening).' })
export class Account {
  @Field(() => ID) id!: string;
  @Field(() => String, {
    description:
      'Ledger account number (grootboekrekening), unique per administration, e.g. "8000".',
  })
  code!: string;
  @Field(() => String) name!: string;
  @Field(() => AccountTypeEnum) type!: AccountType;
  @Field(() => String, {
    nullable: true,
    description: 'Referentie GrootboekSchema code, e.g. "WOmzNop".',
  })
  rgsCode!: string | null;
}

/** The ledger's part of an administration (owned by tenancy). */
@Directive('@key(fields: "id")')
@ObjectType('Administration')
export class LedgerAdministration {
  @Field(() => ID) id!: string;
}
