import { UserError } from '@kantoor/platform';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Account, AccountTypeEnum, VatCode, type AccountType } from './account.type.js';

@InputType({ description: 'A new ledger account (ADMINISTRATION_MANAGE).' })
export class CreateAccountInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => String, { description: '1 to 10 letters or digits, unique, e.g. "4410".' })
  code!: string;
  @Field(() => String) name!: string;
  @Field(() => AccountTypeEnum) type!: AccountType;
  @Field(() => String, { nullable: true, description: 'RGS code, e.g. "WBedKanTef".' })
  rgsCode?: string | null;
}

@InputType({
  description:
    'Changes to an account; omitted fields stay. The code of an account with bookings cannot change (ACCOUNT_HAS_BOOKINGS).',
})
export class UpdateAccountInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => ID) accountId!: string;
  @Field(() => String, { nullable: true }) code?: string | null;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => AccountTypeEnum, { nullable: true }) type?: AccountType | null;
  @Field(() => String, { nullable: true, description: 'An empty string clears the RGS code.' })
  rgsCode?: string | null;
}

@InputType()
export class SetAccountBlockedInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => ID) accountId!: string;
  @Field(() => Boolean) blocked!: boolean;
}

@InputType()
export class DeleteAccountInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => ID) accountId!: string;
}

@ObjectType()
export class CreateAccountPayload {
  @Field(() => Account, { nullable: true }) account?: Account | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class UpdateAccountPayload {
  @Field(() => Account, { nullable: true }) account?: Account | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class SetAccountBlockedPayload {
  @Field(() => Account, { nullable: true }) account?: Account | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class DeleteAccountPayload {
  @Field(() => ID, { nullable: true }) accountId?: string | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@InputType()
export class SetVatCodeBlockedInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => String) code!: string;
  @Field(() => Boolean) blocked!: boolean;
}

@ObjectType()
export class SetVatCodeBlockedPayload {
  @Field(() => VatCode, { nullable: true }) vatCode?: VatCode | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}
