import { createHash } from 'node:crypto';
import {
  isUuid,
  MoneyDecimal,
  roundCents,
  scoped,
  type Decimal,
  type EventBus,
} from '@kantoor/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { actorId, requirePermission, type Actor } from '../common/invoicing.assert.js';
import { ErrorList, invoicingError } from '../common/invoicing.errors.js';
import { addDays, checkDecimal, todayInNl } from '../common/invoicing.validation.js';
import { CustomerEntity } from '../customer/customer.entity.js';
import { calculate } from './invoice.calc.js';
import {
  InvoiceEntity,
  InvoiceLineEntity,
  InvoiceSettingsEntity,
  PaymentEntity,
  type PartySnapshot,
} from './invoice.entity.js';
import {
  DOCUMENT_FINALIZED,
  INVOICE_PAID,
  money,
  PAYMENT_REGISTERED,
  type DocumentFinalizedPayload,
  type InvoicePaidPayload,
  type PaymentRegisteredPayload,
} from './invoice.events.js';
import { checkDate, parseLines, type ParsedLine } from './invoice-lines.validation.js';
import { lockInvoice, saveLines } from './invoice.service.js';
import {
  insertBankPayment,
  lockedPeriodAt,
  nextInvoiceNumber,
  writeFinalized,
} from './invoice.sql.js';
import type { CreditInvoiceInput, RegisterPaymentInput } from './invoice.type.js';
import { SALES_VAT_CODES } from './vat-codes.data.js';

const ZERO = new MoneyDecimal(0);

/** PERIOD_LOCKED when `date` lies in a period invoicing knows the ledger has locked. */
async function refuseLockedPeriod(
  m: EntityManager,
  administrationId: string,
  date: string,
  field: string[],
) {
  const locked = await lockedPeriodAt(m, administrationId, date);
  if (locked)
    throw invoicingError(
      'PERIOD_LOCKED',
      `${date} lies in the locked period ${locked.start_date} to ${locked.end_date}.`,
      field,
    );
}

function customerSnapshot(c: CustomerEntity): PartySnapshot {
  return {
    name: c.name,
    number: c.number,
    street: c.street,
    postalCode: c.postalCode,
    city: c.city,
    countryCode: c.countryCode,
    vatNumber: c.vatNumber,
    kvkNumber: c.kvkNumber,
    email: c.email,
  };
}

/** Finalizing (numbering, booking event), credit notes and payments. */
export class InvoiceFinalizeService {
  constructor(
    private readonly db: DataSource,
    private readonly events: Pick<EventBus, 'publish'>,
  ) {}

  async finalize(
    administrationId: string,
    invoiceId: string,
    actor: Actor,
  ): Promise<InvoiceEntity> {
    return this.db.transaction(async (m) => {
      await requirePermission(m, actor, administrationId, 'INVOICING_WRITE');
      const invoice = await lockInvoice(m, administrationId, invoiceId);
      if (invoice.status !== 'DRAFT')
        throw invoicingError('INVOICE_NOT_DRAFT', `Invoice ${invoice.number} is final already.`, [
          'input',
          'invoiceId',
        ]);
      const lines = await scoped(m, InvoiceLineEntity, administrationId).find({
        where: { invoiceId: invoice.id },
        order: { lineNo: 'ASC' },
      });
      if (lines.length === 0)
        throw invoicingError('NO_LINES', 'An invoice needs at least one line.', [
          'input',
          'invoiceId',
        ]);
      return this.finalizeIn(m, invoice, lines, actor, null);
    });
  }

  /**
   * Makes a draft (or a new credit note) final inside `m`: checks, the next number, the
   * snapshots of both parties, due date, and the booking event, all in one transaction.
   */
  private async finalizeIn(
    m: EntityManager,
    invoice: InvoiceEntity,
    lines: readonly InvoiceLineEntity[],
    actor: Actor,
    credited: InvoiceEntity | null,
  ): Promise<InvoiceEntity> {
    const adm = invoice.administrationId;
    const field = ['input', 'invoiceId'];
    const customer = (await scoped(m, CustomerEntity, adm).findOneBy({ id: invoice.customerId }))!;
    const settings = await scoped(m, InvoiceSettingsEntity, adm).findOneBy({});
    if (!settings)
      throw invoicingError(
        'INVOICE_SETTINGS_MISSING',
        "Set the sender's name, address, VAT and KvK number and IBAN first (updateInvoiceSettings).",
        field,
      );
    const needsVat = lines.find((l) => SALES_VAT_CODES[l.vatCode]?.needsCustomerVat);
    if (needsVat && !customer.vatNumber)
      throw invoicingError(
        'CUSTOMER_VAT_NUMBER_REQUIRED',
        `VAT code ${needsVat.vatCode} needs the customer's VAT number on the invoice.`,
        field,
      );
    const issueDate = invoice.issueDate ?? todayInNl();
    await refuseLockedPeriod(m, adm, issueDate, invoice.issueDate ? field : ['input']);
    const amounts = calculate(lines);
    const year = Number(issueDate.slice(0, 4));
    const { sequence, number } = await nextInvoiceNumber(m, adm, year);
    Object.assign(invoice, {
      status: invoice.type === 'CREDIT_NOTE' ? 'PAID' : 'OPEN',
      number,
      year,
      sequence,
      issueDate,
      dueDate:
        invoice.type === 'CREDIT_NOTE' ? issueDate : addDays(issueDate, customer.paymentTermDays),
      customerSnapshot: customerSnapshot(customer),
      supplierSnapshot: {
        name: settings.name,
        street: settings.street,
        postalCode: settings.postalCode,
        city: settings.city,
        countryCode: settings.countryCode,
        vatNumber: settings.vatNumber,
        kvkNumber: settings.kvkNumber,
        iban: settings.iban,
        email: settings.email,
      } satisfies PartySnapshot,
      sortRank: 0,
      sortNo: String(year * 1_000_000 + sequence),
      finalizedAt: new Date(),
      finalizedBy: actorId(actor),
      updatedAt: new Date(),
    });
    await writeFinalized(m, invoice);
    const saved = invoice;
    await this.events.publish<DocumentFinalizedPayload>(m, DOCUMENT_FINALIZED, {
      administrationId: adm,
      documentId: saved.id,
      documentType: saved.type,
      number,
      issueDate,
      dueDate: saved.dueDate!,
      customerId: customer.id,
      customerNumber: customer.number,
      customerName: customer.name,
      customerVatNumber: customer.vatNumber,
      customerCountryCode: customer.countryCode,
      customerKvkNumber: customer.kvkNumber,
      customerStreet: customer.street,
      customerPostalCode: customer.postalCode,
      customerCity: customer.city,
      creditedInvoiceId: credited?.id ?? null,
      creditedInvoiceNumber: credited?.number ?? null,
      currency: 'EUR',
      lines: lines.map((l) => ({
        vatCode: l.vatCode,
        ledgerVatCode: SALES_VAT_CODES[l.vatCode]!.ledgerCode,
        rate: l.vatRate.toFixed(2),
        net: money(l.netAmount),
        vat: money(roundCents(l.netAmount.times(l.vatRate).dividedBy(100))),
        description: l.description,
      })),
      vatTotals: amounts.vatBreakdown.map((v) => ({
        vatCode: v.vatCode,
        ledgerVatCode: SALES_VAT_CODES[v.vatCode]!.ledgerCode,
        rate: v.rate.toFixed(2),
        base: money(v.base),
        vat: money(v.vat),
      })),
      totalExclVat: money(saved.totalExclVat),
      totalVat: money(saved.totalVat),
      totalInclVat: money(saved.totalInclVat),
    });
    return saved;
  }

  /**
   * A credit note of an OPEN or PAID invoice: the given lines (positive quantities) or all of
   * the invoice's lines; final at once, numbered in the same series. The invoice is CREDITED
   * once credit notes add up to its total.
   */
  async credit(
    administrationId: string,
    input: CreditInvoiceInput,
    actor: Actor,
  ): Promise<InvoiceEntity> {
    const errors = new ErrorList();
    const given = input.lines ? parseLines(input.lines, errors, { positive: true }) : null;
    const issueDate = checkDate(input.issueDate, ['input', 'issueDate'], errors);
    errors.throwIfAny();
    return this.db.transaction(async (m) => {
      await requirePermission(m, actor, administrationId, 'INVOICING_WRITE');
      const invoice = await lockInvoice(m, administrationId, input.invoiceId);
      if (invoice.type !== 'INVOICE' || (invoice.status !== 'OPEN' && invoice.status !== 'PAID'))
        throw invoicingError(
          'INVOICE_NOT_FINAL',
          invoice.status === 'CREDITED'
            ? `Invoice ${invoice.number} is credited in full already.`
            : 'Only a finalized invoice (OPEN or PAID) can be credited.',
          ['input', 'invoiceId'],
        );
      const lines: ParsedLine[] =
        given ??
        (
          await scoped(m, InvoiceLineEntity, administrationId).find({
            where: { invoiceId: invoice.id },
            order: { lineNo: 'ASC' },
          })
        ).map((l) => ({
          description: l.description,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          vatCode: l.vatCode,
          vatRate: l.vatRate,
        }));
      const amounts = calculate(lines);
      const remaining = invoice.totalInclVat.minus(invoice.creditedAmount);
      if (amounts.totalInclVat.greaterThan(remaining) || amounts.totalInclVat.lte(0))
        throw invoicingError(
          'CREDIT_EXCEEDS_INVOICE',
          `This credits ${money(amounts.totalInclVat)}; ${money(remaining)} of invoice ${invoice.number} is left to credit.`,
          input.lines ? ['input', 'lines'] : ['input', 'invoiceId'],
        );
      const repo = scoped(m, InvoiceEntity, administrationId);
      const note = await repo.save(
        repo.create({
          type: 'CREDIT_NOTE',
          status: 'DRAFT',
          customerId: invoice.customerId,
          number: null,
          year: null,
          sequence: null,
          issueDate: issueDate ?? null,
          dueDate: null,
          reference: invoice.reference,
          creditedInvoiceId: invoice.id,
          paidAmount: ZERO,
          creditedAmount: ZERO,
          customerSnapshot: null,
          supplierSnapshot: null,
          sortRank: 1,
          sortNo: '0',
          createdAt: new Date(),
          updatedAt: new Date(),
          finalizedAt: null,
          createdBy: actorId(actor),
          finalizedBy: null,
          totalExclVat: ZERO,
          totalVat: ZERO,
          totalInclVat: ZERO,
        }),
      );
      await saveLines(m, note, lines);
      const stored = await scoped(m, InvoiceLineEntity, administrationId).find({
        where: { invoiceId: note.id },
        order: { lineNo: 'ASC' },
      });
      const final = await this.finalizeIn(m, note, stored, actor, invoice);
      invoice.creditedAmount = invoice.creditedAmount.plus(final.totalInclVat);
      settleStatus(invoice);
      invoice.updatedAt = new Date();
      await repo.save(invoice);
      return final;
    });
  }

  /**
   * A payment registered by hand, booked in the ledger by the payment event. With an
   * idempotency key bound to this operation and its input: a repeat registers nothing new; a
   * reuse with another input is IDEMPOTENCY_KEY_REUSED.
   */
  async registerPayment(
    administrationId: string,
    input: RegisterPaymentInput,
    actor: Actor,
  ): Promise<InvoiceEntity> {
    const errors = new ErrorList();
    const amount = checkDecimal(input.amount, 2, 'INVALID_AMOUNT', ['input', 'amount'], errors);
    if (amount && amount.lte(0))
      errors.add('INVALID_AMOUNT', 'A payment is above 0.', ['input', 'amount']);
    const date = checkDate(input.date, ['input', 'date'], errors);
    const key = input.idempotencyKey ?? null;
    if (key !== null && (key.length === 0 || key.length > 200))
      errors.add('INVALID_IDEMPOTENCY_KEY', 'An idempotency key has 1 to 200 characters.', [
        'input',
        'idempotencyKey',
      ]);
    const accountCode = input.accountCode?.trim() || null;
    errors.throwIfAny();
    const hash = createHash('sha256')
      .update(
        JSON.stringify([
          'registerPayment',
          input.invoiceId.toLowerCase(),
          amount!.toFixed(2),
          date,
          accountCode,
        ]),
      )
      .digest('hex');
    const replay = async (): Promise<InvoiceEntity | null> => {
      if (!key) return null;
      const existing = await scoped(this.db.manager, PaymentEntity, administrationId).findOneBy({
        idempotencyKey: key,
      });
      if (!existing) return null;
      if (existing.requestHash !== hash)
        throw invoicingError(
          'IDEMPOTENCY_KEY_REUSED',
          'This idempotency key was used for another payment.',
          ['input', 'idempotencyKey'],
        );
      return (await scoped(this.db.manager, InvoiceEntity, administrationId).findOneBy({
        id: existing.invoiceId,
      }))!;
    };
    const first = await replay();
    if (first) return first;
    try {
      return await this.db.transaction(async (m) => {
        await requirePermission(m, actor, administrationId, 'INVOICING_WRITE');
        const invoice = await lockInvoice(m, administrationId, input.invoiceId);
        if (invoice.type !== 'INVOICE' || invoice.status !== 'OPEN')
          throw invoicingError('INVOICE_NOT_OPEN', 'Payments are registered on OPEN invoices.', [
            'input',
            'invoiceId',
          ]);
        const outstanding = outstandingOf(invoice);
        if (amount!.greaterThan(outstanding))
          throw invoicingError(
            'OVERPAYMENT',
            `${money(amount!)} is more than the ${money(outstanding)} outstanding.`,
            ['input', 'amount'],
          );
        await refuseLockedPeriod(m, administrationId, date!, ['input', 'date']);
        const repo = scoped(m, PaymentEntity, administrationId);
        const payment = await repo.save(
          repo.create({
            invoiceId: invoice.id,
            source: 'MANUAL',
            amount: amount!,
            date: date!,
            accountCode,
            idempotencyKey: key,
            requestHash: key ? hash : null,
            settlementId: null,
            createdAt: new Date(),
            createdBy: actorId(actor),
          }),
        );
        invoice.paidAmount = invoice.paidAmount.plus(amount!);
        settleStatus(invoice); // only an OPEN invoice takes a payment
        invoice.updatedAt = new Date();
        const saved = await scoped(m, InvoiceEntity, administrationId).save(invoice);
        await publishIfPaid(this.events, m, invoice, date!);
        await this.events.publish<PaymentRegisteredPayload>(m, PAYMENT_REGISTERED, {
          administrationId,
          paymentId: payment.id,
          invoiceId: invoice.id,
          invoiceNumber: invoice.number!,
          amount: money(amount!),
          date: date!,
          accountCode,
        });
        return saved;
      });
    } catch (error) {
      const e = error as { code?: string; driverError?: { code?: string } };
      if (key && (e.code ?? e.driverError?.code) === '23505') {
        const again = await replay();
        if (again) return again;
      }
      throw error;
    }
  }
}

export function outstandingOf(invoice: InvoiceEntity): Decimal {
  return MoneyDecimal.max(
    ZERO,
    invoice.totalInclVat.minus(invoice.paidAmount).minus(invoice.creditedAmount),
  );
}

/** OPEN -> PAID when nothing is outstanding; CREDITED when credit notes cover the total. */
export function settleStatus(invoice: InvoiceEntity): void {
  if (invoice.type !== 'INVOICE' || invoice.status === 'DRAFT') return;
  if (invoice.creditedAmount.greaterThanOrEqualTo(invoice.totalInclVat))
    invoice.status = 'CREDITED';
  else if (outstandingOf(invoice).isZero()) invoice.status = 'PAID';
  else invoice.status = 'OPEN';
}

/** ledger.open-item-settled: a bank transaction matched to an invoice's open item is a payment too. */
export async function applySettlement(
  m: EntityManager,
  p: {
    administrationId: string;
    reference: string;
    amount: string;
    date: string;
    settlementId: string;
  },
  events?: Pick<EventBus, 'publish'>,
): Promise<boolean> {
  if (!isUuid(p.administrationId) || typeof p.reference !== 'string') return false;
  const amount = new MoneyDecimal(p.amount);
  if (amount.lte(0)) return false;
  const invoice = await scoped(m, InvoiceEntity, p.administrationId)
    .createQueryBuilder('i')
    .setLock('pessimistic_write')
    .andWhere(`i.number = :number AND i.type = 'INVOICE'`, { number: p.reference })
    .getOne();
  if (!invoice) return false;
  const inserted = await insertBankPayment(m, p.administrationId, {
    invoiceId: invoice.id,
    amount,
    date: p.date,
    settlementId: p.settlementId,
  });
  if (!inserted) return false;
  invoice.paidAmount = invoice.paidAmount.plus(amount);
  const wasPaid = invoice.status === 'PAID';
  settleStatus(invoice);
  invoice.updatedAt = new Date();
  await scoped(m, InvoiceEntity, p.administrationId).save(invoice);
  if (events && !wasPaid) await publishIfPaid(events, m, invoice, p.date);
  return true;
}

/** INVOICE_PAID when `invoice` is now PAID (the caller knows it was not before). */
async function publishIfPaid(
  events: Pick<EventBus, 'publish'>,
  m: EntityManager,
  invoice: InvoiceEntity,
  date: string,
): Promise<void> {
  if (invoice.status !== 'PAID') return;
  await events.publish<InvoicePaidPayload>(m, INVOICE_PAID, {
    administrationId: invoice.administrationId,
    invoiceId: invoice.id,
    number: invoice.number!,
    totalInclVat: money(invoice.totalInclVat),
    paidAt: date,
  });
}
