import {
  DateTimeScalar,
  DecimalScalar,
  UserError,
  type Decimal,
  type DecimalInput,
} from '@kantoor/platform';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { JournalType, VatDirection } from '../account/account.entity.js';
import {
  AccountTypeEnum,
  JournalTypeEnum,
  VatDirectionEnum,
  type AccountType,
} from '../account/account.type.js';
import type { ChartSpec } from '../account/default-chart.data.js';

@ObjectType('ChartTemplateAccount', {
  description: 'An account (grootboekrekening) of a chart template.',
})
export class ChartTemplateAccount {
  @Field(() => ID, { description: "Stable id: the template's id and the code." })
  id!: string;
  @Field(() => String, { description: 'Account number, e.g. "1100".' }) code!: string;
  @Field(() => String, { description: 'Name of the account.' }) name!: string;
  @Field(() => AccountTypeEnum, {
    description: 'Balance sheet or profit and loss, and which side.',
  })
  type!: AccountType;
  @Field(() => String, {
    nullable: true,
    description: 'RGS code (Referentie GrootboekSchema); null when none.',
  })
  rgsCode!: string | null;
}

@ObjectType('ChartTemplateVatCode', { description: 'A VAT code (btw-code) of a chart template.' })
export class ChartTemplateVatCode {
  @Field(() => ID, { description: "Stable id: the template's id and the code." })
  id!: string;
  @Field(() => String, { description: 'The VAT code, e.g. "V21".' }) code!: string;
  @Field(() => String, { description: 'What the code is for.' }) description!: string;
  @Field(() => DecimalScalar, { description: 'Percentage, e.g. "21".' }) rate!: Decimal | string;
  @Field(() => VatDirectionEnum, { description: 'SALES (VAT due) or PURCHASES (input VAT).' })
  direction!: VatDirection;
  @Field(() => Boolean, { description: 'Reverse charge (btw verlegd).' }) reverseCharge!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'Account of the VAT (reverse charge: the VAT due); null for 0% codes.',
  })
  vatAccountCode!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Reverse charge only: account of the equal input VAT.',
  })
  inputVatAccountCode!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Return box (rubriek) of the turnover, e.g. "1a".',
  })
  turnoverBox!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Return box (rubriek) of the VAT, e.g. "5b".',
  })
  vatBox!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Exempt supplies: the legal ground (see VatCode.exemptionGround).',
  })
  exemptionGround!: string | null;
}

@ObjectType('ChartTemplateJournal', { description: 'A journal (dagboek) of a chart template.' })
export class ChartTemplateJournal {
  @Field(() => ID, { description: "Stable id: the template's id and the code." })
  id!: string;
  @Field(() => String, { description: 'Journal code, e.g. "MEM".' }) code!: string;
  @Field(() => String, { description: 'Name of the journal.' }) name!: string;
  @Field(() => JournalTypeEnum, { description: 'Which kind of journal.' }) type!: JournalType;
  @Field(() => String, {
    nullable: true,
    description: 'The account of a bank or cash journal; null for others.',
  })
  accountCode!: string | null;
}

@ObjectType('ChartTemplate', {
  description:
    "A chart template (rekeningschema): accounts, VAT codes and journals a new administration's books are opened with (copied, not referenced).",
})
export class ChartTemplate {
  /** Set for Kantoor's built-in template: its contents come from code. */
  spec!: ChartSpec | null;

  @Field(() => ID, {
    description: "Stable id of the template (Kantoor's built-in one has its own fixed id).",
  })
  id!: string;
  @Field(() => String, { description: 'Name of the template; unique in the office.' })
  name!: string;
  @Field(() => Boolean, { description: "The office's default for new administrations." })
  isDefault!: boolean;
  @Field(() => Boolean, { description: "Kantoor's built-in default chart (read-only)." })
  builtIn!: boolean;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When it last changed; null for the built-in chart.',
  })
  updatedAt!: Date | null;
}

@InputType({
  description:
    "A new office chart template: a copy of Kantoor's default chart, another template or an administration's chart.",
})
export class CreateChartTemplateInput {
  @Field(() => String, { description: 'Name; not blank, unique in the office.' }) name!: string;
  @Field(() => ID, {
    nullable: true,
    description: "Copy this administration's current chart (LEDGER_READ there needed).",
  })
  fromAdministrationId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Copy another template of the office.' })
  fromTemplateId?: string | null;
}

@InputType({ description: 'A template and its new name.' })
export class RenameChartTemplateInput {
  @Field(() => ID, { description: 'The office template.' }) templateId!: string;
  @Field(() => String, { description: 'New name; not blank, unique in the office.' }) name!: string;
}

@InputType({ description: 'A template to delete.' })
export class DeleteChartTemplateInput {
  @Field(() => ID, { description: 'The office template.' }) templateId!: string;
}

@InputType({ description: 'The template new administrations start from.' })
export class SetDefaultChartTemplateInput {
  @Field(() => ID, { nullable: true, description: "Null: back to Kantoor's default chart." })
  templateId?: string | null;
}

@InputType({ description: 'An account to add to a template.' })
export class AddChartTemplateAccountInput {
  @Field(() => ID, { description: 'The office template to change.' }) templateId!: string;
  @Field(() => String, { description: '1 to 10 letters or digits, unique in the template.' })
  code!: string;
  @Field(() => String, { description: 'Name of the account; not blank.' }) name!: string;
  @Field(() => AccountTypeEnum, {
    description: 'Balance sheet or profit and loss, and which side.',
  })
  type!: AccountType;
  @Field(() => String, {
    nullable: true,
    description: 'RGS code, e.g. "WBedKanTef"; none when omitted.',
  })
  rgsCode?: string | null;
}

@InputType({ description: "Changes to a template's account; omitted fields stay." })
export class UpdateChartTemplateAccountInput {
  @Field(() => ID, { description: 'The office template to change.' }) templateId!: string;
  @Field(() => String, { description: 'The account to change.' }) code!: string;
  @Field(() => String, {
    nullable: true,
    description: 'A new code; VAT codes and journals follow.',
  })
  newCode?: string | null;
  @Field(() => String, { nullable: true, description: 'New name; not blank.' }) name?:
    string | null;
  @Field(() => AccountTypeEnum, { nullable: true, description: 'New account type.' })
  type?: AccountType | null;
  @Field(() => String, { nullable: true, description: 'An empty string clears it.' })
  rgsCode?: string | null;
}

@InputType({ description: 'An account to remove from a template.' })
export class RemoveChartTemplateAccountInput {
  @Field(() => ID, { description: 'The office template to change.' }) templateId!: string;
  @Field(() => String, {
    description: 'The account; not used by a VAT code or journal of the template.',
  })
  code!: string;
}

@InputType({ description: 'Adds or replaces a VAT code of a template.' })
export class SetChartTemplateVatCodeInput {
  @Field(() => ID, { description: 'The office template to change.' }) templateId!: string;
  @Field(() => String, {
    description: '1 to 10 capital letters or digits, e.g. "I21"; an existing code is replaced.',
  })
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
    description: 'Exempt supplies: the legal ground; the code is then SALES at 0% without boxes.',
  })
  exemptionGround?: string | null;
}

@InputType({ description: 'A VAT code to remove from a template.' })
export class RemoveChartTemplateVatCodeInput {
  @Field(() => ID, { description: 'The office template to change.' }) templateId!: string;
  @Field(() => String, { description: 'The VAT code.' }) code!: string;
}

@ObjectType({ description: 'The result of a chart template mutation.' })
export class ChartTemplatePayload {
  @Field(() => ChartTemplate, {
    nullable: true,
    description: 'The template after the change; null when userErrors is not empty.',
  })
  template?: ChartTemplate | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of deleteChartTemplate.' })
export class DeleteChartTemplatePayload {
  @Field(() => ID, {
    nullable: true,
    description: 'The id of the deleted template; null when userErrors is not empty.',
  })
  templateId?: string | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@ObjectType({ description: "The result of changing a template's account." })
export class ChartTemplateAccountPayload {
  @Field(() => ChartTemplateAccount, {
    nullable: true,
    description: 'The account as saved; null when userErrors is not empty.',
  })
  account?: ChartTemplateAccount | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of setChartTemplateVatCode.' })
export class ChartTemplateVatCodePayload {
  @Field(() => ChartTemplateVatCode, {
    nullable: true,
    description: 'The VAT code as saved; null when userErrors is not empty.',
  })
  vatCode?: ChartTemplateVatCode | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of removing an account or VAT code from a template.' })
export class RemoveChartTemplateItemPayload {
  @Field(() => String, { nullable: true, description: 'The code removed.' }) code?: string | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}
