import { DecimalScalar, UserError, type DecimalInput } from '@kantoor/platform';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { VatDirection } from './account.entity.js';
import {
  Account,
  AccountTypeEnum,
  VatCode,
  VatDirectionEnum,
  type AccountType,
} from './account.type.js';

@InputType({ description: 'A new ledger account (ADMINISTRATION_MANAGE).' })
export class CreateAccountInput {
  @Field(() => ID, { description: 'The administration that gets the account.' })
  administrationId!: string;
  @Field(() => String, { description: '1 to 10 letters or digits, unique, e.g. "4410".' })
  code!: string;
  @Field(() => String, { description: 'Name of the account; not blank.' }) name!: string;
  @Field(() => AccountTypeEnum, {
    description: 'Balance sheet or profit and loss, and which side.',
  })
  type!: AccountType;
  @Field(() => String, { nullable: true, description: 'RGS code, e.g. "WBedKanTef".' })
  rgsCode?: string | null;
}

@InputType({
  description:
    'Changes to an account; omitted fields stay. The code of an account with bookings cannot change (ACCOUNT_HAS_BOOKINGS).',
})
export class UpdateAccountInput {
  @Field(() => ID, { description: 'The administration of the account.' }) administrationId!: string;
  @Field(() => ID, { description: 'The account to change.' }) accountId!: string;
  @Field(() => String, {
    nullable: true,
    description: 'New account number: 1 to 10 letters or digits, unique; only without bookings.',
  })
  code?: string | null;
  @Field(() => String, { nullable: true, description: 'New name; not blank.' }) name?:
    string | null;
  @Field(() => AccountTypeEnum, { nullable: true, description: 'New account type.' })
  type?: AccountType | null;
  @Field(() => String, { nullable: true, description: 'An empty string clears the RGS code.' })
  rgsCode?: string | null;
}

@InputType({ description: 'An account to block or unblock.' })
export class SetAccountBlockedInput {
  @Field(() => ID, { description: 'The administration of the account.' }) administrationId!: string;
  @Field(() => ID, { description: 'The account.' }) accountId!: string;
  @Field(() => Boolean, { description: 'true blocks it (no new bookings); false unblocks it.' })
  blocked!: boolean;
}

@InputType({ description: 'An account without bookings to delete.' })
export class DeleteAccountInput {
  @Field(() => ID, { description: 'The administration of the account.' }) administrationId!: string;
  @Field(() => ID, { description: 'The account.' }) accountId!: string;
}

@ObjectType({ description: 'The result of createAccount.' })
export class CreateAccountPayload {
  @Field(() => Account, {
    nullable: true,
    description: 'The new account; null when userErrors is not empty.',
  })
  account?: Account | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of updateAccount.' })
export class UpdateAccountPayload {
  @Field(() => Account, {
    nullable: true,
    description: 'The account after the change; null when userErrors is not empty.',
  })
  account?: Account | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of setAccountBlocked.' })
export class SetAccountBlockedPayload {
  @Field(() => Account, {
    nullable: true,
    description: 'The account after the change; null when userErrors is not empty.',
  })
  account?: Account | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of deleteAccount.' })
export class DeleteAccountPayload {
  @Field(() => ID, {
    nullable: true,
    description: 'The id of the deleted account; null when userErrors is not empty.',
  })
  accountId?: string | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'A VAT code to block or unblock.' })
export class SetVatCodeBlockedInput {
  @Field(() => ID, { description: 'The administration of the VAT code.' })
  administrationId!: string;
  @Field(() => String, { description: 'The VAT code, e.g. "V21".' }) code!: string;
  @Field(() => Boolean, { description: 'true blocks it (no new bookings); false unblocks it.' })
  blocked!: boolean;
}

@ObjectType({ description: 'The result of setVatCodeBlocked.' })
export class SetVatCodeBlockedPayload {
  @Field(() => VatCode, {
    nullable: true,
    description: 'The VAT code after the change; null when userErrors is not empty.',
  })
  vatCode?: VatCode | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'A new VAT code of an administration (ADMINISTRATION_MANAGE).' })
export class CreateVatCodeInput {
  @Field(() => ID, { description: 'The administration that gets the VAT code.' })
  administrationId!: string;
  @Field(() => String, { description: '1 to 10 capital letters or digits, e.g. "I21".' })
  code!: string;
  @Field(() => String, { description: 'What the code is for; not blank.' }) description!: string;
  @Field(() => DecimalScalar, { description: 'Percentage, e.g. "21".' }) rate!: DecimalInput;
  @Field(() => VatDirectionEnum, { description: 'SALES (VAT due) or PURCHASES (input VAT).' })
  direction!: VatDirection;
  @Field(() => Boolean, { nullable: true, description: 'Reverse charge (verlegd); default false.' })
  reverseCharge?: boolean | null;
  @Field(() => String, {
    nullable: true,
    description: 'Account of the VAT (reverse charge: the VAT due); required above 0%.',
  })
  vatAccountCode?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Reverse charge only: account of the equal input VAT.',
  })
  inputVatAccountCode?: string | null;
  @Field(() => String, { nullable: true, description: 'Return box of the turnover, e.g. "1a".' })
  turnoverBox?: string | null;
  @Field(() => String, { nullable: true, description: 'Return box of the VAT, e.g. "5b".' })
  vatBox?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Exempt supplies (vrijgesteld): the legal ground; the code must then be SALES at 0% without boxes.',
  })
  exemptionGround?: string | null;
}

@InputType({
  description:
    'Changes to a VAT code; omitted fields stay, null clears an optional one. Rate, direction and reverse charge change only while no line uses the code (VAT_CODE_IN_USE).',
})
export class UpdateVatCodeInput {
  @Field(() => ID, { description: 'The administration of the VAT code.' })
  administrationId!: string;
  @Field(() => String, { description: 'The code to change.' }) code!: string;
  @Field(() => String, { nullable: true, description: 'New description; not blank.' })
  description?: string;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'New percentage, e.g. "9"; only while no line uses the code.',
  })
  rate?: DecimalInput;
  @Field(() => VatDirectionEnum, {
    nullable: true,
    description: 'New direction; only while no line uses the code.',
  })
  direction?: VatDirection;
  @Field(() => Boolean, {
    nullable: true,
    description: 'New reverse charge setting; only while no line uses the code.',
  })
  reverseCharge?: boolean;
  @Field(() => String, {
    nullable: true,
    description:
      'Account of the VAT (reverse charge: the VAT due); null clears it (0% codes only).',
  })
  vatAccountCode?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Reverse charge only: account of the equal input VAT; null clears it.',
  })
  inputVatAccountCode?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Return box of the turnover, e.g. "1a"; null clears it.',
  })
  turnoverBox?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Return box of the VAT, e.g. "5b"; null clears it.',
  })
  vatBox?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Exempt supplies: the legal ground; null clears it.',
  })
  exemptionGround?: string | null;
}

@ObjectType({ description: 'The result of createVatCode or updateVatCode.' })
export class VatCodePayload {
  @Field(() => VatCode, {
    nullable: true,
    description: 'The VAT code as saved; null when userErrors is not empty.',
  })
  vatCode?: VatCode | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}
