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

@InputType({ description: 'A new VAT code of an administration (ADMINISTRATION_MANAGE).' })
export class CreateVatCodeInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => String, { description: '1 to 10 capital letters or digits, e.g. "I21".' })
  code!: string;
  @Field(() => String) description!: string;
  @Field(() => DecimalScalar, { description: 'Percentage, e.g. "21".' }) rate!: DecimalInput;
  @Field(() => VatDirectionEnum) direction!: VatDirection;
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
  @Field(() => ID) administrationId!: string;
  @Field(() => String, { description: 'The code to change.' }) code!: string;
  @Field(() => String, { nullable: true }) description?: string;
  @Field(() => DecimalScalar, { nullable: true }) rate?: DecimalInput;
  @Field(() => VatDirectionEnum, { nullable: true }) direction?: VatDirection;
  @Field(() => Boolean, { nullable: true }) reverseCharge?: boolean;
  @Field(() => String, { nullable: true }) vatAccountCode?: string | null;
  @Field(() => String, { nullable: true }) inputVatAccountCode?: string | null;
  @Field(() => String, { nullable: true }) turnoverBox?: string | null;
  @Field(() => String, { nullable: true }) vatBox?: string | null;
  @Field(() => String, { nullable: true }) exemptionGround?: string | null;
}

@ObjectType()
export class VatCodePayload {
  @Field(() => VatCode, { nullable: true }) vatCode?: VatCode | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}
