import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { InvoicingContext } from '../../context.js';
import { withInvoicingUserErrors } from '../common/invoicing.errors.js';
import { Customer } from '../customer/customer.type.js';
import { InvoicingAdministration } from '../administration/administration.type.js';
import { buildUbl } from '../ubl/ubl.builder.js';
import { calculate } from './invoice.calc.js';
import type { InvoiceEntity } from './invoice.entity.js';
import {
  CreateInvoiceInput,
  CreditInvoiceInput,
  FinalizeInvoiceInput,
  Invoice,
  InvoiceConnection,
  InvoiceFilter,
  InvoiceLine,
  InvoicePayload,
  InvoiceSettings,
  InvoiceSettingsPayload,
  InvoiceVatAmount,
  InvoicingStatus,
  RegisterPaymentInput,
  UpdateInvoiceInput,
  UpdateInvoiceSettingsInput,
} from './invoice.type.js';
import { MoneyDecimal, AfterArg } from '@kantoor/platform';

@Resolver(() => InvoicingAdministration)
export class InvoiceAdministrationResolver {
  @FieldResolver(() => InvoiceConnection, {
    nullable: true,
    description: 'INVOICING_READ. Newest first (drafts first).',
  })
  async invoices(
    @Root() a: InvoicingAdministration,
    @Ctx() ctx: InvoicingContext,
    @Arg('first', () => Int, {
      nullable: true,
      description: 'Page size (default 50, at most 500; 0 gives only totalCount).',
    })
    first?: number,
    @AfterArg()
    after?: string,
    @Arg('filter', () => InvoiceFilter, {
      nullable: true,
      description: 'Which invoices; all, credit notes included, when absent.',
    })
    filter?: InvoiceFilter,
  ): Promise<InvoiceConnection> {
    const page = await ctx.services.invoices.page(a.id, first, after, filter);
    return {
      ...page,
      edges: page.edges.map((e) => {
        ctx.loaders.invoice.prime(e.node, e.node);
        return { cursor: e.cursor, node: Invoice.from(e.node, ctx.today) };
      }),
    };
  }

  @FieldResolver(() => Invoice, {
    nullable: true,
    description: 'INVOICING_READ. Null when this administration has no such invoice.',
  })
  async invoice(
    @Root() a: InvoicingAdministration,
    @Ctx() ctx: InvoicingContext,
    @Arg('id', () => ID, { description: "The invoice's id." }) id: string,
  ): Promise<Invoice | null> {
    const e = await ctx.loaders.invoice.load({ administrationId: a.id, id });
    return e ? Invoice.from(e, ctx.today) : null;
  }

  @FieldResolver(() => InvoicingStatus, { nullable: true, description: 'INVOICING_READ' })
  async invoicingStatus(
    @Root() a: InvoicingAdministration,
    @Ctx() ctx: InvoicingContext,
  ): Promise<InvoicingStatus> {
    const row = await ctx.loaders.invoicingStatus.load(a.id);
    return Object.assign(new InvoicingStatus(), {
      id: a.id,
      draftInvoices: row?.draftInvoices ?? 0,
      openInvoices: row?.openInvoices ?? 0,
      overdueInvoices: row?.overdueInvoices ?? 0,
      outstandingAmount: row?.outstandingAmount ?? new MoneyDecimal(0),
    });
  }

  @FieldResolver(() => InvoiceSettings, {
    nullable: true,
    description: 'INVOICING_READ. The sender on invoices; null until set.',
  })
  async invoiceSettings(
    @Root() a: InvoicingAdministration,
    @Ctx() ctx: InvoicingContext,
  ): Promise<InvoiceSettings | null> {
    const s = await ctx.loaders.invoiceSettings.load(a.id);
    return s ? Object.assign(new InvoiceSettings(), s, { id: a.id }) : null;
  }
}

@Resolver(() => Invoice)
export class InvoiceResolver {
  @FieldResolver(() => Customer, { description: 'The customer (debiteur) invoiced.' })
  async customer(@Root() i: Invoice, @Ctx() ctx: InvoicingContext): Promise<Customer> {
    const c = await ctx.loaders.customer.load({
      administrationId: i.administrationId,
      id: i.customerId,
    });
    return Customer.from(c!);
  }

  @FieldResolver(() => [InvoiceLine], { description: 'The lines, in the order entered.' })
  async lines(@Root() i: Invoice, @Ctx() ctx: InvoicingContext): Promise<InvoiceLine[]> {
    return (await ctx.loaders.invoiceLines.load(i)).map(InvoiceLine.from);
  }

  @FieldResolver(() => [InvoiceVatAmount], {
    description: 'Base and VAT per VAT code, in the order the codes first appear in the lines.',
  })
  async vatBreakdown(
    @Root() i: Invoice,
    @Ctx() ctx: InvoicingContext,
  ): Promise<InvoiceVatAmount[]> {
    const lines = await ctx.loaders.invoiceLines.load(i);
    return calculate(lines).vatBreakdown.map((v) => Object.assign(new InvoiceVatAmount(), v));
  }

  @FieldResolver(() => Invoice, {
    nullable: true,
    description: 'On a credit note: the invoice it credits.',
  })
  async credits(@Root() i: Invoice, @Ctx() ctx: InvoicingContext): Promise<Invoice | null> {
    if (!i.creditedInvoiceId) return null;
    const e = await ctx.loaders.invoice.load({
      administrationId: i.administrationId,
      id: i.creditedInvoiceId,
    });
    return e ? Invoice.from(e, ctx.today) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The invoice as SI-UBL 2.0 XML (NLCIUS on UBL 2.1); null while DRAFT.',
  })
  async ubl(@Root() i: Invoice, @Ctx() ctx: InvoicingContext): Promise<string | null> {
    if (i.status === 'DRAFT') return null;
    const lines = await ctx.loaders.invoiceLines.load(i);
    let credited: InvoiceEntity | null = null;
    if (i.creditedInvoiceId)
      credited = await ctx.loaders.invoice.load({
        administrationId: i.administrationId,
        id: i.creditedInvoiceId,
      });
    return buildUbl(i.entity, lines, credited);
  }
}

@Resolver()
export class InvoiceMutationResolver {
  @Mutation(() => InvoicePayload, {
    description:
      'INVOICING_WRITE. A DRAFT without a number. Codes: CUSTOMER_NOT_FOUND, NO_LINES, UNKNOWN_VAT_CODE, INVALID_QUANTITY, INVALID_UNIT_PRICE, EMPTY_DESCRIPTION, TEXT_TOO_LONG, TOO_MANY_LINES, INVALID_DATE.',
  })
  createInvoice(
    @Arg('input', () => CreateInvoiceInput, { description: 'The new draft.' })
    input: CreateInvoiceInput,
    @Ctx() ctx: InvoicingContext,
  ): Promise<InvoicePayload> {
    return withInvoicingUserErrors(async () => ({
      invoice: Invoice.from(
        await ctx.services.invoices.create(input.administrationId, input, ctx),
        ctx.today,
      ),
    }));
  }

  @Mutation(() => InvoicePayload, {
    description: 'INVOICING_WRITE. DRAFT only (INVOICE_NOT_DRAFT).',
  })
  updateInvoice(
    @Arg('input', () => UpdateInvoiceInput, { description: 'The draft and what changes.' })
    input: UpdateInvoiceInput,
    @Ctx() ctx: InvoicingContext,
  ): Promise<InvoicePayload> {
    return withInvoicingUserErrors(async () => ({
      invoice: Invoice.from(
        await ctx.services.invoices.update(input.administrationId, input, ctx),
        ctx.today,
      ),
    }));
  }

  @Mutation(() => InvoicePayload, {
    description:
      'INVOICING_WRITE. DRAFT -> OPEN: the next number without gaps, also when finalized concurrently; booked in the ledger exactly once (debtors against revenue and VAT, the invoice number as reference). Codes: INVOICE_NOT_DRAFT, NO_LINES, PERIOD_LOCKED, INVOICE_SETTINGS_MISSING, CUSTOMER_VAT_NUMBER_REQUIRED, INVOICE_NOT_FOUND.',
  })
  finalizeInvoice(
    @Arg('input', () => FinalizeInvoiceInput, { description: 'The draft to finalize.' })
    input: FinalizeInvoiceInput,
    @Ctx() ctx: InvoicingContext,
  ): Promise<InvoicePayload> {
    return withInvoicingUserErrors(async () => ({
      invoice: Invoice.from(
        await ctx.services.finalize.finalize(input.administrationId, input.invoiceId, ctx),
        ctx.today,
      ),
    }));
  }

  @Mutation(() => InvoicePayload, {
    description:
      'INVOICING_WRITE. A finalized CREDIT_NOTE of an OPEN or PAID invoice, numbered in the same series, booked in the ledger; the invoice is CREDITED once fully credited. Codes: INVOICE_NOT_FINAL, CREDIT_EXCEEDS_INVOICE.',
  })
  creditInvoice(
    @Arg('input', () => CreditInvoiceInput, { description: 'The invoice and what to credit.' })
    input: CreditInvoiceInput,
    @Ctx() ctx: InvoicingContext,
  ): Promise<InvoicePayload> {
    return withInvoicingUserErrors(async () => ({
      invoice: Invoice.from(
        await ctx.services.finalize.credit(input.administrationId, input, ctx),
        ctx.today,
      ),
    }));
  }

  @Mutation(() => InvoicePayload, {
    description:
      "INVOICING_WRITE. Partial or full, booked in the ledger against the invoice's open item; PAID when nothing is outstanding. Codes: INVOICE_NOT_OPEN, OVERPAYMENT, INVALID_AMOUNT.",
  })
  registerPayment(
    @Arg('input', () => RegisterPaymentInput, { description: 'The invoice and the payment.' })
    input: RegisterPaymentInput,
    @Ctx() ctx: InvoicingContext,
  ): Promise<InvoicePayload> {
    return withInvoicingUserErrors(async () => ({
      invoice: Invoice.from(
        await ctx.services.finalize.registerPayment(input.administrationId, input, ctx),
        ctx.today,
      ),
    }));
  }

  @Mutation(() => InvoiceSettingsPayload, {
    description:
      'INVOICING_WRITE. The sender on invoices. Codes: EMPTY_NAME, INVALID_VAT_NUMBER, INVALID_KVK_NUMBER, INVALID_IBAN, INVALID_EMAIL, INVALID_COUNTRY_CODE.',
  })
  async updateInvoiceSettings(
    @Arg('input', () => UpdateInvoiceSettingsInput, { description: 'The sender on invoices.' })
    input: UpdateInvoiceSettingsInput,
    @Ctx() ctx: InvoicingContext,
  ): Promise<InvoiceSettingsPayload> {
    return withInvoicingUserErrors(async () => ({
      settings: Object.assign(
        new InvoiceSettings(),
        await ctx.services.invoices.updateSettings(input.administrationId, input, ctx),
        { id: input.administrationId },
      ),
    }));
  }
}
