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

@ObjectType('ChartTemplateAccount')
export class ChartTemplateAccount {
  @Field(() => ID, { description: "Stable id: the template's id and the code." })
  id!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => AccountTypeEnum) type!: AccountType;
  @Field(() => String, { nullable: true }) rgsCode!: string | null;
}

@ObjectType('ChartTemplateVatCode')
export class ChartTemplateVatCode {
  @Field(() => ID, { description: "Stable id: the template's id and the code." })
  id!: string;
  @Field(() => String) code!: string;
  @Field(() => String) description!: string;
  @Field(() => DecimalScalar) rate!: Decimal | string;
  @Field(() => VatDirectionEnum) direction!: VatDirection;
  @Field(() => Boolean) reverseCharge!: boolean;
  @Field(() => String, { nullable: true }) vatAccountCode!: string | null;
  @Field(() => String, { nullable: true }) inputVatAccountCode!: string | null;
  @Field(() => String, { nullable: true }) turnoverBox!: string | null;
  @Field(() => String, { nullable: true }) vatBox!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Exempt supplies: the legal ground (see VatCode.exemptionGround).',
  })
  exemptionGround!: string | null;
}

@ObjectType('ChartTemplateJournal')
export class ChartTemplateJournal {
  @Field(() => ID, { description: "Stable id: the template's id and the code." })
  id!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => JournalTypeEnum) type!: JournalType;
  @Field(() => String, { nullable: true }) accountCode!: string | null;
}

@ObjectType('ChartTemplate', {
  description:
    "A chart template (rekeningschema): accounts, VAT codes and journals a new administration's books are opened with (copied, not referenced).",
})
export class ChartTemplate {
  /** Set for Kantoor's built-in template: its contents come from code. */
  spec!: ChartSpec | null;

  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => Boolean, { description: "The office's default for new administrations." })
  isDefault!: boolean;
  @Field(() => Boolean, { description: "Kantoor's built-in default chart (read-only)." })
  builtIn!: boolean;
  @Field(() => DateTimeScalar, { nullable: true }) updatedAt!: Date | null;
}

@InputType()
export class CreateChartTemplateInput {
  @Field(() => String) name!: string;
  @Field(() => ID, {
    nullable: true,
    description: "Copy this administration's current chart (LEDGER_READ there needed).",
  })
  fromAdministrationId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Copy another template of the office.' })
  fromTemplateId?: string | null;
}

@InputType()
export class RenameChartTemplateInput {
  @Field(() => ID) templateId!: string;
  @Field(() => String) name!: string;
}

@InputType()
export class DeleteChartTemplateInput {
  @Field(() => ID) templateId!: string;
}

@InputType()
export class SetDefaultChartTemplateInput {
  @Field(() => ID, { nullable: true, description: "Null: back to Kantoor's default chart." })
  templateId?: string | null;
}

@InputType()
export class AddChartTemplateAccountInput {
  @Field(() => ID) templateId!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => AccountTypeEnum) type!: AccountType;
  @Field(() => String, { nullable: true }) rgsCode?: string | null;
}

@InputType()
export class UpdateChartTemplateAccountInput {
  @Field(() => ID) templateId!: string;
  @Field(() => String, { description: 'The account to change.' }) code!: string;
  @Field(() => String, {
    nullable: true,
    description: 'A new code; VAT codes and journals follow.',
  })
  newCode?: string | null;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => AccountTypeEnum, { nullable: true }) type?: AccountType | null;
  @Field(() => String, { nullable: true, description: 'An empty string clears it.' })
  rgsCode?: string | null;
}

@InputType()
export class RemoveChartTemplateAccountInput {
  @Field(() => ID) templateId!: string;
  @Field(() => String) code!: string;
}

@InputType({ description: 'Adds or replaces a VAT code of a template.' })
export class SetChartTemplateVatCodeInput {
  @Field(() => ID) templateId!: string;
  @Field(() => String) code!: string;
  @Field(() => String) description!: string;
  @Field(() => DecimalScalar, { description: 'Percentage, e.g. "21".' }) rate!: DecimalInput;
  @Field(() => VatDirectionEnum) direction!: VatDirection;
  @Field(() => Boolean, { nullable: true }) reverseCharge?: boolean | null;
  @Field(() => String, { nullable: true }) vatAccountCode?: string | null;
  @Field(() => String, { nullable: true }) inputVatAccountCode?: string | null;
  @Field(() => String, { nullable: true }) turnoverBox?: string | null;
  @Field(() => String, { nullable: true }) vatBox?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Exempt supplies: the legal ground; the code is then SALES at 0% without boxes.',
  })
  exemptionGround?: string | null;
}

@InputType()
export class RemoveChartTemplateVatCodeInput {
  @Field(() => ID) templateId!: string;
  @Field(() => String) code!: string;
}

@ObjectType()
export class ChartTemplatePayload {
  @Field(() => ChartTemplate, { nullable: true }) template?: ChartTemplate | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class DeleteChartTemplatePayload {
  @Field(() => ID, { nullable: true }) templateId?: string | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class ChartTemplateAccountPayload {
  @Field(() => ChartTemplateAccount, { nullable: true }) account?: ChartTemplateAccount | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class ChartTemplateVatCodePayload {
  @Field(() => ChartTemplateVatCode, { nullable: true }) vatCode?: ChartTemplateVatCode | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class RemoveChartTemplateItemPayload {
  @Field(() => String, { nullable: true, description: 'The code removed.' }) code?: string | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}
