import {
  DecimalScalar,
  DateScalar,
  DateTimeScalar,
  MoneyDecimal,
  PageInfo,
  UserError,
  type Decimal,
  type DecimalInput,
} from '@kantoor/platform';
import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Customer } from '../customer/customer.type.js';
import type { InvoiceEntity, InvoiceLineEntity } from './invoice.entity.js';

export enum InvoiceStatusEnum {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  PAID = 'PAID',
  CREDITED = 'CREDITED',
}
registerEnumType(InvoiceStatusEnum, { name: 'InvoiceStatus' });

export enum InvoiceTypeEnum {
  INVOICE = 'INVOICE',
  CREDIT_NOTE = 'CREDIT_NOTE',
}
registerEnumType(InvoiceTypeEnum, {
  name: 'InvoiceType',
  description: 'INVOICE is UNCL1001 code 380, CREDIT_NOTE 381.',
});

@ObjectType('InvoiceLine')
export class InvoiceLine {
  @Field(() => String) description!: string;
  @Field(() => DecimalScalar) quantity!: Decimal;
  @Field(() => DecimalScalar) unitPrice!: Decimal;
  @Field(() => String, {
    description: 'A sales VAT code of the administration, e.g. V21, V9, V0, VEU.',
  })
  vatCode!: string;
  @Field(() => DecimalScalar) vatRate!: Decimal;
  @Field(() => DecimalScalar, { description: 'quantity x unitPrice, rounded half up to cents.' })
  netAmount!: Decimal;

  static from(e: InvoiceLineEntity): InvoiceLine {
    return Object.assign(new InvoiceLine(), {
      description: e.description,
      quantity: e.quantity,
      unitPrice: e.unitPrice,
      vatCode: e.vatCode,
      vatRate: e.vatRate,
      netAmount: e.netAmount,
    });
  }
}

@ObjectType('InvoiceVatAmount', {
  description: 'Per VAT code: the base and the VAT, rounded half up on the total per code.',
})
export class InvoiceVatAmount {
  @Field(() => String) vatCode!: string;
  @Field(() => DecimalScalar) rate!: Decimal;
  @Field(() => DecimalScalar) base!: Decimal;
  @Field(() => DecimalScalar) vat!: Decimal;
}

const ZERO = new MoneyDecimal(0);

@Directive('@key(fields: "id administrationId")')
@ObjectType('Invoice', { description: 'An invoice (factuur) or credit note (creditfactuur).' })
export class Invoice {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: 'The administration that issued it.' }) administrationId!: string;
  @Field(() => InvoiceTypeEnum) type!: InvoiceTypeEnum;
  @Field(() => String, {
    nullable: true,
    description:
      'Null while DRAFT. Finalizing gives the next number of the administration\'s series, without gaps, e.g. "2026-0001".',
  })
  number!: string | null;
  @Field(() => InvoiceStatusEnum) status!: InvoiceStatusEnum;
  customerId!: string;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Factuurdatum; the finalizing day when left empty.',
  })
  issueDate!: string | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: "issueDate + the customer's payment term.",
  })
  dueDate!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Free text for the customer, e.g. their purchase order number.',
  })
  reference!: string | null;
  @Field(() => DecimalScalar) totalExclVat!: Decimal;
  @Field(() => DecimalScalar) totalVat!: Decimal;
  @Field(() => DecimalScalar) totalInclVat!: Decimal;
  @Field(() => DecimalScalar, {
    description:
      'Paid so far: payments registered by hand and bank transactions matched in the ledger.',
  })
  paidAmount!: Decimal;
  @Field(() => DecimalScalar, {
    description: 'Credited so far by credit notes (incl. VAT). On a credit note: 0.',
  })
  creditedAmount!: Decimal;
  @Field(() => DecimalScalar, {
    description:
      'totalInclVat - paidAmount - creditedAmount, never below 0; 0 on drafts and credit notes.',
  })
  outstandingAmount!: Decimal;
  @Field(() => Boolean, { description: 'OPEN and past its dueDate.' })
  overdue!: boolean;
  @Field(() => DateTimeScalar, {
    description:
      'Last change: edited, finalized, credited, paid (also by a bank match in the ledger). For polling with InvoiceFilter.updatedSince.',
  })
  updatedAt!: Date;
  creditedInvoiceId!: string | null;
  entity!: InvoiceEntity;

  static from(e: InvoiceEntity, today: string): Invoice {
    const outstanding =
      e.status === 'DRAFT' || e.type === 'CREDIT_NOTE'
        ? ZERO
        : MoneyDecimal.max(ZERO, e.totalInclVat.minus(e.paidAmount).minus(e.creditedAmount));
    return Object.assign(new Invoice(), {
      id: e.id,
      administrationId: e.administrationId,
      type: e.type as InvoiceTypeEnum,
      number: e.number,
      status: e.status as InvoiceStatusEnum,
      customerId: e.customerId,
      issueDate: e.issueDate,
      dueDate: e.dueDate,
      reference: e.reference,
      totalExclVat: e.totalExclVat,
      totalVat: e.totalVat,
      totalInclVat: e.totalInclVat,
      paidAmount: e.paidAmount,
      creditedAmount: e.type === 'CREDIT_NOTE' ? ZERO : e.creditedAmount,
      outstandingAmount: outstanding,
      overdue: e.status === 'OPEN' && e.dueDate !== null && e.dueDate < today,
      updatedAt: e.updatedAt,
      creditedInvoiceId: e.creditedInvoiceId,
      entity: e,
    });
  }
}

@ObjectType('InvoiceEdge')
export class InvoiceEdge {
  @Field(() => String) cursor!: string;
  @Field(() => Invoice) node!: Invoice;
}

@ObjectType('InvoiceConnection')
export class InvoiceConnection {
  @Field(() => [InvoiceEdge]) edges!: InvoiceEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType('InvoiceFilter')
export class InvoiceFilter {
  @Field(() => [InvoiceStatusEnum], { nullable: true }) statuses?: InvoiceStatusEnum[] | null;
  @Field(() => Boolean, { nullable: true }) overdue?: boolean | null;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'For polling: only invoices changed at or after this instant (updatedAt). Poll with the start of your previous poll minus a minute and skip ids you have seen; overdue turns true with time without a change.',
  })
  updatedSince?: Date | null;
  @Field(() => ID, { nullable: true }) customerId?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Matches number, customer name or reference.',
  })
  search?: string | null;
  @Field(() => InvoiceTypeEnum, {
    nullable: true,
    description: 'Only invoices or only credit notes.',
  })
  type?: InvoiceTypeEnum | null;
}

@ObjectType('InvoicingStatus', { description: 'Open actions of invoicing, for the dashboard.' })
export class InvoicingStatus {
  @Field(() => ID, { description: "The administration's id: one status per administration." })
  id!: string;
  @Field(() => Int) draftInvoices!: number;
  @Field(() => Int) openInvoices!: number;
  @Field(() => Int) overdueInvoices!: number;
  @Field(() => DecimalScalar, { description: 'Sum of outstandingAmount over OPEN invoices.' })
  outstandingAmount!: Decimal;
}

@InputType('InvoiceLineInput')
export class InvoiceLineInput {
  @Field(() => String) description!: string;
  @Field(() => DecimalScalar) quantity!: DecimalInput;
  @Field(() => DecimalScalar, { description: 'Excluding VAT, at most 2 decimals.' })
  unitPrice!: DecimalInput;
  @Field(() => String) vatCode!: string;
}

@InputType('CreateInvoiceInput')
export class CreateInvoiceInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => ID) customerId!: string;
  @Field(() => DateScalar, { nullable: true }) issueDate?: string | null;
  @Field(() => String, { nullable: true }) reference?: string | null;
  @Field(() => [InvoiceLineInput]) lines!: InvoiceLineInput[];
}

@InputType('UpdateInvoiceInput')
export class UpdateInvoiceInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => ID) invoiceId!: string;
  @Field(() => ID, { nullable: true }) customerId?: string | null;
  @Field(() => DateScalar, { nullable: true }) issueDate?: string | null;
  @Field(() => String, { nullable: true }) reference?: string | null;
  @Field(() => [InvoiceLineInput], { nullable: true, description: 'Replaces all lines.' })
  lines?: InvoiceLineInput[] | null;
}

@InputType('FinalizeInvoiceInput')
export class FinalizeInvoiceInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => ID) invoiceId!: string;
}

@InputType('CreditInvoiceInput')
export class CreditInvoiceInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => ID) invoiceId!: string;
  @Field(() => [InvoiceLineInput], {
    nullable: true,
    description: 'Credit only these lines (positive quantities); the whole invoice when omitted.',
  })
  lines?: InvoiceLineInput[] | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Issue date of the credit note; today when omitted.',
  })
  issueDate?: string | null;
}

@InputType('RegisterPaymentInput')
export class RegisterPaymentInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => ID) invoiceId!: string;
  @Field(() => DecimalScalar) amount!: DecimalInput;
  @Field(() => DateScalar) date!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'Ledger account the money came in on (a bank or cash account); the first bank account when omitted.',
  })
  accountCode?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Repeating a registration with the same key registers nothing new.',
  })
  idempotencyKey?: string | null;
}

@ObjectType('InvoicePayload')
export class InvoicePayload {
  @Field(() => Invoice, { nullable: true }) invoice?: Invoice | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType('InvoiceSettings', {
  description:
    'The sender on invoices (art. 35a Wet OB): name, address, VAT and KvK number, IBAN. Copied onto each invoice when it is finalized.',
})
export class InvoiceSettings {
  @Field(() => ID, { description: "The administration's id: one sender per administration." })
  id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) street!: string;
  @Field(() => String) postalCode!: string;
  @Field(() => String) city!: string;
  @Field(() => String) countryCode!: string;
  @Field(() => String) vatNumber!: string;
  @Field(() => String) kvkNumber!: string;
  @Field(() => String) iban!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
}

@InputType('UpdateInvoiceSettingsInput')
export class UpdateInvoiceSettingsInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => String) name!: string;
  @Field(() => String) street!: string;
  @Field(() => String) postalCode!: string;
  @Field(() => String) city!: string;
  @Field(() => String) countryCode!: string;
  @Field(() => String) vatNumber!: string;
  @Field(() => String) kvkNumber!: string;
  @Field(() => String) iban!: string;
  @Field(() => String, { nullable: true }) email?: string | null;
}

@ObjectType('InvoiceSettingsPayload')
export class InvoiceSettingsPayload {
  @Field(() => InvoiceSettings, { nullable: true }) settings?: InvoiceSettings | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

export { Customer };
