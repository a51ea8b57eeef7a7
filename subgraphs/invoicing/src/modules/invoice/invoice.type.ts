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
registerEnumType(InvoiceStatusEnum, {
  name: 'InvoiceStatus',
  description: 'Where an invoice or credit note is in its life.',
  valuesConfig: {
    DRAFT: { description: 'Being written: no number yet, may change, not booked.' },
    OPEN: {
      description:
        'Finalized (numbered, booked in the ledger) and not fully paid or credited: outstandingAmount > 0.',
    },
    PAID: {
      description: 'Finalized and nothing is outstanding; a credit note is PAID once finalized.',
    },
    CREDITED: { description: 'Finalized and fully cancelled by credit notes.' },
  },
});

export enum InvoiceTypeEnum {
  INVOICE = 'INVOICE',
  CREDIT_NOTE = 'CREDIT_NOTE',
}
registerEnumType(InvoiceTypeEnum, {
  name: 'InvoiceType',
  description: 'INVOICE is UNCL1001 code 380, CREDIT_NOTE 381.',
  valuesConfig: {
    INVOICE: { description: 'A sales invoice (factuur).' },
    CREDIT_NOTE: {
      description:
        'A credit note (creditfactuur) that cancels (part of) an invoice; its amounts are positive and reduce the invoice.',
    },
  },
});

@ObjectType('InvoiceLine', { description: 'One line of an invoice (factuurregel).' })
export class InvoiceLine {
  @Field(() => String, { description: 'What is invoiced, as printed on the invoice.' })
  description!: string;
  @Field(() => DecimalScalar, {
    description: 'Quantity, up to 4 decimals; negative for a discount line.',
  })
  quantity!: Decimal;
  @Field(() => DecimalScalar, { description: 'Price per unit excl. VAT, in euros (2 decimals).' })
  unitPrice!: Decimal;
  @Field(() => String, {
    description: 'A sales VAT code of the administration, e.g. V21, V9, V0, VEU.',
  })
  vatCode!: string;
  @Field(() => DecimalScalar, { description: 'The VAT code\'s percentage, e.g. "21".' })
  vatRate!: Decimal;
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
  @Field(() => String, { description: 'The sales VAT code, e.g. V21.' }) vatCode!: string;
  @Field(() => DecimalScalar, { description: 'Percentage, e.g. "21".' }) rate!: Decimal;
  @Field(() => DecimalScalar, {
    description: "Sum of the net amounts of the code's lines (grondslag), excl. VAT.",
  })
  base!: Decimal;
  @Field(() => DecimalScalar, { description: 'base x rate / 100, rounded half up to cents.' })
  vat!: Decimal;
}

const ZERO = new MoneyDecimal(0);

@Directive('@key(fields: "id administrationId")')
@ObjectType('Invoice', { description: 'An invoice (factuur) or credit note (creditfactuur).' })
export class Invoice {
  @Field(() => ID, { description: 'Stable id of the invoice.' }) id!: string;
  @Field(() => ID, { description: 'The administration that issued it.' }) administrationId!: string;
  @Field(() => InvoiceTypeEnum, { description: 'Invoice or credit note.' }) type!: InvoiceTypeEnum;
  @Field(() => String, {
    nullable: true,
    description:
      'Null while DRAFT. Finalizing gives the next number of the administration\'s series, without gaps, e.g. "2026-0001".',
  })
  number!: string | null;
  @Field(() => InvoiceStatusEnum, {
    description: 'Where it is in its life: DRAFT, OPEN, PAID, CREDITED.',
  })
  status!: InvoiceStatusEnum;
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
  @Field(() => DecimalScalar, { description: "Sum of the lines' net amounts, excl. VAT." })
  totalExclVat!: Decimal;
  @Field(() => DecimalScalar, { description: 'Sum of the VAT of vatBreakdown.' })
  totalVat!: Decimal;
  @Field(() => DecimalScalar, { description: 'totalExclVat + totalVat: what the customer pays.' })
  totalInclVat!: Decimal;
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

@ObjectType('InvoiceEdge', { description: 'An invoice and its cursor.' })
export class InvoiceEdge {
  @Field(() => String, { description: 'Opaque cursor of this edge, for `after`.' })
  cursor!: string;
  @Field(() => Invoice, { description: 'The invoice or credit note.' }) node!: Invoice;
}

@ObjectType('InvoiceConnection', {
  description: 'A page of invoices and credit notes: drafts first, then the newest.',
})
export class InvoiceConnection {
  @Field(() => [InvoiceEdge], { description: 'The invoices of this page.' })
  edges!: InvoiceEdge[];
  @Field(() => PageInfo, { description: 'Cursors and whether more pages follow.' })
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Invoices that match the filter, not just this page.' })
  totalCount!: number;
}

@InputType('InvoiceFilter', {
  description: 'Narrows a list of invoices; the conditions given must all hold.',
})
export class InvoiceFilter {
  @Field(() => [InvoiceStatusEnum], {
    nullable: true,
    description: 'Only these statuses; every status when absent or empty.',
  })
  statuses?: InvoiceStatusEnum[] | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only OPEN invoices past their dueDate; false: only the others.',
  })
  overdue?: boolean | null;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'For polling: only invoices changed at or after this instant (updatedAt). Poll with the start of your previous poll minus a minute and skip ids you have seen; overdue turns true with time without a change.',
  })
  updatedSince?: Date | null;
  @Field(() => ID, { nullable: true, description: 'Only the invoices of this customer.' })
  customerId?: string | null;
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

@ObjectType('InvoicingStatus', {
  simpleResolvers: true,
  description: 'Open actions of invoicing, for the dashboard.',
})
export class InvoicingStatus {
  @Field(() => ID, { description: "The administration's id: one status per administration." })
  id!: string;
  @Field(() => Int, { description: 'Invoices still DRAFT (credit notes not counted).' })
  draftInvoices!: number;
  @Field(() => Int, { description: 'OPEN invoices, overdue or not.' }) openInvoices!: number;
  @Field(() => Int, { description: 'OPEN invoices past their dueDate.' })
  overdueInvoices!: number;
  @Field(() => DecimalScalar, { description: 'Sum of outstandingAmount over OPEN invoices.' })
  outstandingAmount!: Decimal;
}

@InputType('InvoiceLineInput', { description: 'One invoice line (factuurregel).' })
export class InvoiceLineInput {
  @Field(() => String, { description: 'What is invoiced; not blank, at most 1000 characters.' })
  description!: string;
  @Field(() => DecimalScalar, {
    description:
      'Not 0, at most 4 decimals; negative for a discount line (positive only when crediting).',
  })
  quantity!: DecimalInput;
  @Field(() => DecimalScalar, { description: 'Excluding VAT, at most 2 decimals.' })
  unitPrice!: DecimalInput;
  @Field(() => String, {
    description:
      'Sales VAT code: V21, V9, V0, VVERL (btw verlegd), VEU (intra-EU), VEX (export) or VVRIJ (exempt).',
  })
  vatCode!: string;
}

@InputType('CreateInvoiceInput', { description: 'A new draft invoice.' })
export class CreateInvoiceInput {
  @Field(() => ID, { description: 'The administration that issues the invoice.' })
  administrationId!: string;
  @Field(() => ID, { description: 'The customer (debiteur) invoiced.' }) customerId!: string;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Factuurdatum (YYYY-MM-DD); the finalizing day when omitted.',
  })
  issueDate?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Free text for the customer, e.g. their purchase order number.',
  })
  reference?: string | null;
  @Field(() => [InvoiceLineInput], { description: 'At least one line, at most 500.' })
  lines!: InvoiceLineInput[];
}

@InputType('UpdateInvoiceInput', {
  description: 'Changes to a draft invoice; an omitted field stays as it is.',
})
export class UpdateInvoiceInput {
  @Field(() => ID, { description: 'The administration that issues the invoice.' })
  administrationId!: string;
  @Field(() => ID, { description: 'The draft to change.' }) invoiceId!: string;
  @Field(() => ID, { nullable: true, description: 'Another customer.' })
  customerId?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'New factuurdatum (YYYY-MM-DD).' })
  issueDate?: string | null;
  @Field(() => String, { nullable: true, description: 'New reference for the customer.' })
  reference?: string | null;
  @Field(() => [InvoiceLineInput], { nullable: true, description: 'Replaces all lines.' })
  lines?: InvoiceLineInput[] | null;
}

@InputType('FinalizeInvoiceInput', { description: 'The draft to finalize.' })
export class FinalizeInvoiceInput {
  @Field(() => ID, { description: 'The administration that issues the invoice.' })
  administrationId!: string;
  @Field(() => ID, { description: 'The DRAFT invoice or credit note.' }) invoiceId!: string;
}

@InputType('CreditInvoiceInput', { description: 'What to credit of a finalized invoice.' })
export class CreditInvoiceInput {
  @Field(() => ID, { description: 'The administration that issued the invoice.' })
  administrationId!: string;
  @Field(() => ID, { description: 'The OPEN or PAID invoice to credit.' }) invoiceId!: string;
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

@InputType('RegisterPaymentInput', { description: 'A payment received for an invoice.' })
export class RegisterPaymentInput {
  @Field(() => ID, { description: 'The administration that issued the invoice.' })
  administrationId!: string;
  @Field(() => ID, { description: 'The OPEN invoice paid.' }) invoiceId!: string;
  @Field(() => DecimalScalar, {
    description: 'Euros received, above 0, at most 2 decimals; not more than outstandingAmount.',
  })
  amount!: DecimalInput;
  @Field(() => DateScalar, { description: 'Day the money came in (YYYY-MM-DD): the booking date.' })
  date!: string;
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

@ObjectType('InvoicePayload', { description: 'The result of an invoice mutation.' })
export class InvoicePayload {
  @Field(() => Invoice, {
    nullable: true,
    description:
      'The invoice after the change (creditInvoice: the new credit note); null when userErrors is not empty.',
  })
  invoice?: Invoice | null;
  @Field(() => [UserError], {
    description: 'Why nothing changed (one per problem); empty on success.',
  })
  userErrors!: UserError[];
}

@ObjectType('InvoiceSettings', {
  description:
    'The sender on invoices (art. 35a Wet OB): name, address, VAT and KvK number, IBAN. Copied onto each invoice when it is finalized.',
})
export class InvoiceSettings {
  @Field(() => ID, { description: "The administration's id: one sender per administration." })
  id!: string;
  @Field(() => String, { description: 'Name of the business that invoices.' }) name!: string;
  @Field(() => String, { description: 'Street and house number.' }) street!: string;
  @Field(() => String, { description: 'Postcode.' }) postalCode!: string;
  @Field(() => String, { description: 'City (plaats).' }) city!: string;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2, e.g. NL.' }) countryCode!: string;
  @Field(() => String, {
    description: 'VAT identification number (btw-id), normalised, e.g. NL123456789B01.',
  })
  vatNumber!: string;
  @Field(() => String, { description: 'KvK-nummer: eight digits.' }) kvkNumber!: string;
  @Field(() => String, {
    description: 'IBAN the customer pays to, in electronic format (no spaces).',
  })
  iban!: string;
  @Field(() => String, { nullable: true, description: 'Contact e-mail address on invoices.' })
  email!: string | null;
}

@InputType('UpdateInvoiceSettingsInput', {
  description: 'The sender on invoices, replaced as a whole; finalized invoices keep theirs.',
})
export class UpdateInvoiceSettingsInput {
  @Field(() => ID, { description: 'The administration that invoices.' })
  administrationId!: string;
  @Field(() => String, { description: 'Name of the business; not blank.' }) name!: string;
  @Field(() => String, { description: 'Street and house number; not blank.' }) street!: string;
  @Field(() => String, { description: 'Postcode; not blank, at most 20 characters.' })
  postalCode!: string;
  @Field(() => String, { description: 'City (plaats); not blank.' }) city!: string;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2, e.g. NL.' }) countryCode!: string;
  @Field(() => String, { description: 'EU VAT number (btw-id); spaces and dots allowed.' })
  vatNumber!: string;
  @Field(() => String, { description: 'KvK-nummer: eight digits.' }) kvkNumber!: string;
  @Field(() => String, { description: 'IBAN; spaces allowed, checked (INVALID_IBAN).' })
  iban!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Contact e-mail address; none when omitted.',
  })
  email?: string | null;
}

@ObjectType('InvoiceSettingsPayload', { description: 'The result of updateInvoiceSettings.' })
export class InvoiceSettingsPayload {
  @Field(() => InvoiceSettings, {
    nullable: true,
    description: 'The settings as saved; null when userErrors is not empty.',
  })
  settings?: InvoiceSettings | null;
  @Field(() => [UserError], {
    description: 'Why nothing was saved (one per problem); empty on success.',
  })
  userErrors!: UserError[];
}

export { Customer };
