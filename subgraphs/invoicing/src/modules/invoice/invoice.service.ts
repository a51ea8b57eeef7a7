import * as ibantools from 'ibantools';
import {
  decodeCursor,
  isUuid,
  MoneyDecimal,
  pageSize,
  parseEuVatNumber,
  parseKvkNumber,
  scoped,
  scopedMany,
  toPage,
  type Decimal,
  type Page,
} from '@kantoor/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { actorId, requirePermission, type Actor } from '../common/invoicing.assert.js';
import { ErrorList, invoicingError } from '../common/invoicing.errors.js';
import { isCountryCode, isEmail, optionalText, todayInNl } from '../common/invoicing.validation.js';
import { CustomerEntity } from '../customer/customer.entity.js';
import { InvoiceEntity, type InvoiceLineEntity, InvoiceSettingsEntity } from './invoice.entity.js';
import { amountsOf, checkDate, parseLines, type ParsedLine } from './invoice-lines.validation.js';
import {
  clockSortNo,
  invoiceLinesByKeys,
  invoicesByKeys,
  invoiceStatusRows,
  replaceInvoiceLines,
} from './invoice.sql.js';
import type {
  CreateInvoiceInput,
  InvoiceFilter,
  UpdateInvoiceInput,
  UpdateInvoiceSettingsInput,
} from './invoice.type.js';

export interface StatusRow {
  administrationId: string;
  draftInvoices: number;
  openInvoices: number;
  overdueInvoices: number;
  outstandingAmount: Decimal;
}

/** Writes an invoice's lines and amounts (replacing what was there). */
export async function saveLines(
  m: EntityManager,
  invoice: InvoiceEntity,
  lines: readonly ParsedLine[],
): Promise<void> {
  const amounts = amountsOf(lines);
  await replaceInvoiceLines(
    m,
    invoice,
    lines.map((l, i) => ({
      lineNo: i + 1,
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      vatCode: l.vatCode,
      vatRate: l.vatRate,
      netAmount: amounts.nets[i]!,
    })),
  );
  invoice.totalExclVat = amounts.totalExclVat;
  invoice.totalVat = amounts.totalVat;
  invoice.totalInclVat = amounts.totalInclVat;
}

async function requireCustomer(
  m: EntityManager,
  administrationId: string,
  id: string,
): Promise<CustomerEntity> {
  const c = isUuid(id) ? await scoped(m, CustomerEntity, administrationId).findOneBy({ id }) : null;
  if (!c)
    throw invoicingError('CUSTOMER_NOT_FOUND', 'No such customer here.', ['input', 'customerId']);
  return c;
}

/** Drafts (freely editable, no number), reads, pages and the dashboard counts. */
export class InvoiceService {
  constructor(private readonly db: DataSource) {}

  async create(
    administrationId: string,
    input: CreateInvoiceInput,
    actor: Actor,
  ): Promise<InvoiceEntity> {
    const errors = new ErrorList();
    const issueDate = checkDate(input.issueDate, ['input', 'issueDate'], errors);
    const reference = optionalText(input.reference, ['input', 'reference'], errors);
    const lines = parseLines(input.lines, errors);
    errors.throwIfAny();
    return this.db.transaction(async (m) => {
      await requirePermission(m, actor, administrationId, 'INVOICING_WRITE');
      await requireCustomer(m, administrationId, input.customerId);
      const repo = scoped(m, InvoiceEntity, administrationId);
      const sort_no = await clockSortNo(m);
      const invoice = repo.create({
        type: 'INVOICE',
        status: 'DRAFT',
        customerId: input.customerId.toLowerCase(),
        number: null,
        year: null,
        sequence: null,
        issueDate,
        dueDate: null,
        reference,
        creditedInvoiceId: null,
        paidAmount: new MoneyDecimal(0),
        creditedAmount: new MoneyDecimal(0),
        customerSnapshot: null,
        supplierSnapshot: null,
        sortRank: 1,
        sortNo: sort_no,
        createdAt: new Date(),
        updatedAt: new Date(),
        finalizedAt: null,
        createdBy: actorId(actor),
        finalizedBy: null,
        totalExclVat: new MoneyDecimal(0),
        totalVat: new MoneyDecimal(0),
        totalInclVat: new MoneyDecimal(0),
      });
      const saved = await repo.save(invoice);
      await saveLines(m, saved, lines);
      return repo.save(saved);
    });
  }

  async update(
    administrationId: string,
    input: UpdateInvoiceInput,
    actor: Actor,
  ): Promise<InvoiceEntity> {
    const errors = new ErrorList();
    const issueDate = checkDate(input.issueDate, ['input', 'issueDate'], errors);
    const reference = optionalText(input.reference, ['input', 'reference'], errors);
    const lines =
      input.lines === undefined || input.lines === null ? null : parseLines(input.lines, errors);
    errors.throwIfAny();
    return this.db.transaction(async (m) => {
      await requirePermission(m, actor, administrationId, 'INVOICING_WRITE');
      const invoice = await lockInvoice(m, administrationId, input.invoiceId);
      if (invoice.status !== 'DRAFT')
        throw invoicingError(
          'INVOICE_NOT_DRAFT',
          `Invoice ${invoice.number} is final; credit it instead.`,
          ['input', 'invoiceId'],
        );
      if (input.customerId) {
        await requireCustomer(m, administrationId, input.customerId);
        invoice.customerId = input.customerId.toLowerCase();
      }
      if (input.issueDate !== undefined) invoice.issueDate = issueDate;
      if (input.reference !== undefined) invoice.reference = reference;
      if (lines) await saveLines(m, invoice, lines);
      invoice.updatedAt = new Date();
      return scoped(m, InvoiceEntity, administrationId).save(invoice);
    });
  }

  async settings(administrationIds: readonly string[]): Promise<InvoiceSettingsEntity[]> {
    const ids = administrationIds.filter(isUuid);
    if (ids.length === 0) return [];
    return scopedMany(this.db.manager, InvoiceSettingsEntity, ids, 's').getMany();
  }

  async updateSettings(
    administrationId: string,
    input: UpdateInvoiceSettingsInput,
    actor: Actor,
  ): Promise<InvoiceSettingsEntity> {
    const errors = new ErrorList();
    const f = (n: string) => ['input', n];
    const text = (v: string, n: string, max = 200) => {
      const t = optionalText(v, f(n), errors, max);
      if (t === null && errors.empty) errors.add('EMPTY_NAME', `${n} is required.`, f(n));
      return t ?? '';
    };
    const name = text(input.name, 'name');
    const street = text(input.street, 'street');
    const postalCode = text(input.postalCode, 'postalCode', 20);
    const city = text(input.city, 'city');
    const countryCode = input.countryCode.trim().toUpperCase();
    if (!isCountryCode(countryCode))
      errors.add('INVALID_COUNTRY_CODE', 'No ISO 3166 country code.', f('countryCode'));
    const vatNumber = parseEuVatNumber(input.vatNumber);
    if (!vatNumber)
      errors.add(
        'INVALID_VAT_NUMBER',
        `${input.vatNumber} is not a valid VAT number.`,
        f('vatNumber'),
      );
    const kvkNumber = parseKvkNumber(input.kvkNumber);
    if (!kvkNumber)
      errors.add('INVALID_KVK_NUMBER', 'A KvK number has eight digits.', f('kvkNumber'));
    const iban = ibantools.electronicFormatIBAN(input.iban) ?? '';
    if (!ibantools.isValidIBAN(iban))
      errors.add('INVALID_IBAN', `${input.iban} is not a valid IBAN.`, f('iban'));
    const email = input.email?.trim() || null;
    if (email && !isEmail(email))
      errors.add('INVALID_EMAIL', `${email} is not an e-mail address.`, f('email'));
    errors.throwIfAny();
    return this.db.transaction(async (m) => {
      await requirePermission(m, actor, administrationId, 'INVOICING_WRITE');
      const row = Object.assign(new InvoiceSettingsEntity(), {
        administrationId,
        name,
        street,
        postalCode,
        city,
        countryCode,
        vatNumber: vatNumber!,
        kvkNumber: kvkNumber!,
        iban,
        email,
        updatedAt: new Date(),
      });
      await scoped(m, InvoiceSettingsEntity, administrationId).save(row);
      return row;
    });
  }

  // ------------------------------------------------------------------ reads

  async byIds(keys: readonly { administrationId: string; id: string }[]): Promise<InvoiceEntity[]> {
    const valid = keys.filter((k) => isUuid(k.administrationId) && isUuid(k.id));
    if (valid.length === 0) return [];
    return invoicesByKeys(this.db.manager, valid);
  }

  async linesOf(
    keys: readonly { administrationId: string; id: string }[],
  ): Promise<InvoiceLineEntity[]> {
    const valid = keys.filter((k) => isUuid(k.administrationId) && isUuid(k.id));
    if (valid.length === 0) return [];
    return invoiceLinesByKeys(this.db.manager, valid);
  }

  /**
   * Newest first, drafts first: drafts by creation, then final documents by number, keyset on
   * (sort_rank, sort_no, id) descending (never OFFSET).
   */
  async page(
    administrationId: string,
    first: number | null | undefined,
    after: string | null | undefined,
    filter: InvoiceFilter | null | undefined,
  ): Promise<Page<InvoiceEntity>> {
    const size = pageSize(first);
    const today = todayInNl();
    const qb = scoped(this.db.manager, InvoiceEntity, administrationId).createQueryBuilder('i');
    if (filter?.statuses && filter.statuses.length > 0)
      qb.andWhere('i.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter?.type) qb.andWhere('i.type = :type', { type: filter.type });
    if (filter?.updatedSince)
      qb.andWhere('i.updated_at >= :updatedSince', { updatedSince: filter.updatedSince });
    if (filter?.overdue === true)
      qb.andWhere(`i.status = 'OPEN' AND i.due_date < :today`, { today });
    if (filter?.overdue === false)
      qb.andWhere(`NOT (i.status = 'OPEN' AND i.due_date < :today)`, { today });
    if (filter?.customerId) {
      if (!isUuid(filter.customerId)) qb.andWhere('false');
      else
        qb.andWhere('i.customer_id = :customerId', { customerId: filter.customerId.toLowerCase() });
    }
    const s = filter?.search?.trim();
    if (s) {
      const pattern = `%${s.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
      qb.andWhere(
        `(i.number ILIKE :pattern OR i.reference ILIKE :pattern OR EXISTS (
           SELECT 1 FROM invoicing.customers c
            WHERE c.administration_id = i.administration_id AND c.id = i.customer_id AND c.name ILIKE :pattern))`,
        { pattern },
      );
    }
    const totalCount = await qb.clone().getCount();
    if (size === 0) return toPage<InvoiceEntity>([], 0, () => [], totalCount, Boolean(after));
    const page = qb
      .clone()
      .orderBy('i.sort_rank', 'DESC')
      .addOrderBy('i.sort_no', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .limit(size + 1);
    if (after) {
      const [rank, no, id] = decodeCursor(after, 3);
      if (!isUuid(String(id)) || !/^\d+$/.test(String(no))) decodeCursor('', 3);
      page.andWhere(
        '(i.sort_rank, i.sort_no, i.id) < (:r, CAST(:n AS bigint), CAST(:id AS uuid))',
        {
          r: Number(rank),
          n: String(no),
          id: String(id),
        },
      );
    }
    const rows = await page.getMany();
    return toPage(
      rows,
      size,
      (r) => [r.sortRank, String(r.sortNo), r.id],
      totalCount,
      Boolean(after),
    );
  }

  /** The dashboard counts of many administrations in one statement. */
  async statusOf(administrationIds: readonly string[]): Promise<StatusRow[]> {
    const ids = [...new Set(administrationIds.filter(isUuid).map((i) => i.toLowerCase()))];
    if (ids.length === 0) return [];
    const rows = await invoiceStatusRows(this.db.manager, ids, todayInNl());
    return rows.map((r) => ({
      administrationId: r.administration_id,
      draftInvoices: Number(r.drafts),
      openInvoices: Number(r.open),
      overdueInvoices: Number(r.overdue),
      outstandingAmount: new MoneyDecimal(r.outstanding),
    }));
  }
}

/** The invoice row, locked until commit; INVOICE_NOT_FOUND when this administration has none. */
export async function lockInvoice(
  m: EntityManager,
  administrationId: string,
  id: string,
): Promise<InvoiceEntity> {
  const invoice = isUuid(id)
    ? await scoped(m, InvoiceEntity, administrationId)
        .createQueryBuilder('i')
        .setLock('pessimistic_write')
        .andWhere('i.id = :id', { id: id.toLowerCase() })
        .getOne()
    : null;
  if (!invoice)
    throw invoicingError('INVOICE_NOT_FOUND', 'No such invoice here.', ['input', 'invoiceId']);
  return invoice;
}
