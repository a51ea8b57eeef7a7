import {
  isUniqueViolation,
  isUuid,
  pageByName,
  parseEuVatNumber,
  parseKvkNumber,
  scoped,
  type Page,
} from '@kantoor/platform';
import type { DataSource } from 'typeorm';
import { requirePermission, type Actor } from '../common/invoicing.assert.js';
import { ErrorList, invoicingError } from '../common/invoicing.errors.js';
import { isCountryCode, isEmail, optionalText } from '../common/invoicing.validation.js';
import { CustomerEntity } from './customer.entity.js';
import { customersByKeys, nextCustomerNumber } from './customer.sql.js';
import type { AddressInput, CreateCustomerInput, UpdateCustomerInput } from './customer.type.js';

const NUMBER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/;

interface CustomerValues {
  name?: string;
  email?: string | null;
  vatNumber?: string | null;
  kvkNumber?: string | null;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  countryCode?: string;
  paymentTermDays?: number;
}

/** Checks the fields present in `input`; undefined keeps a value, null clears it. */
function checkCustomer(
  input: Omit<UpdateCustomerInput, 'customerId'>,
  creating: boolean,
  errors: ErrorList,
): CustomerValues {
  const v: CustomerValues = {};
  const f = (name: string) => ['input', name];
  if (creating || (input.name !== undefined && input.name !== null)) {
    const name = optionalText(input.name ?? '', f('name'), errors);
    if (name === null && errors.empty)
      errors.add('EMPTY_NAME', 'A customer needs a name.', f('name'));
    if (name) v.name = name;
  }
  if (input.email !== undefined) {
    const email = input.email === null ? null : input.email.trim();
    if (email && !isEmail(email))
      errors.add('INVALID_EMAIL', `${email} is not an e-mail address.`, f('email'));
    v.email = email || null;
  }
  if (input.vatNumber !== undefined) {
    if (input.vatNumber === null || input.vatNumber.trim() === '') v.vatNumber = null;
    else {
      const parsed = parseEuVatNumber(input.vatNumber);
      if (!parsed)
        errors.add(
          'INVALID_VAT_NUMBER',
          `${input.vatNumber} is not a valid VAT number.`,
          f('vatNumber'),
        );
      v.vatNumber = parsed;
    }
  }
  if (input.kvkNumber !== undefined) {
    if (input.kvkNumber === null || input.kvkNumber.trim() === '') v.kvkNumber = null;
    else {
      const parsed = parseKvkNumber(input.kvkNumber);
      if (!parsed)
        errors.add('INVALID_KVK_NUMBER', 'A KvK number has eight digits.', f('kvkNumber'));
      v.kvkNumber = parsed;
    }
  }
  if (input.address !== undefined) {
    const a: AddressInput | null = input.address;
    const af = (name: string) => ['input', 'address', name];
    v.street = a ? optionalText(a.street, af('street'), errors) : null;
    v.postalCode = a ? optionalText(a.postalCode, af('postalCode'), errors, 20) : null;
    v.city = a ? optionalText(a.city, af('city'), errors) : null;
    const country = a ? a.countryCode.trim().toUpperCase() : 'NL';
    if (!isCountryCode(country))
      errors.add(
        'INVALID_COUNTRY_CODE',
        `${a?.countryCode} is no ISO 3166 country code.`,
        af('countryCode'),
      );
    v.countryCode = country;
  }
  if (input.paymentTermDays !== undefined && input.paymentTermDays !== null) {
    const d = input.paymentTermDays;
    if (!Number.isInteger(d) || d < 0 || d > 365)
      errors.add('INVALID_PAYMENT_TERM', 'A payment term is 0 to 365 days.', f('paymentTermDays'));
    else v.paymentTermDays = d;
  }
  return v;
}

/** Customers (debiteuren): debtor numbers, validation, search, keyset pages by name. */
export class CustomerService {
  constructor(private readonly db: DataSource) {}

  async create(
    administrationId: string,
    input: CreateCustomerInput,
    actor: Actor,
  ): Promise<CustomerEntity> {
    const errors = new ErrorList();
    const values = checkCustomer(input, true, errors);
    let number: string | null = null;
    if (input.number !== undefined && input.number !== null) {
      number = input.number.trim();
      if (!NUMBER.test(number))
        errors.add(
          'INVALID_CUSTOMER_NUMBER',
          'A debtor number has 1 to 20 letters, digits, ".", "_" or "-".',
          ['input', 'number'],
        );
    }
    errors.throwIfAny();
    try {
      return await this.db.transaction(async (m) => {
        await requirePermission(m, actor, administrationId, 'INVOICING_WRITE');
        const repo = scoped(m, CustomerEntity, administrationId);
        const assigned = number ?? (await nextCustomerNumber(m, administrationId));
        return repo.save(
          repo.create({
            countryCode: 'NL',
            paymentTermDays: 30,
            email: null,
            vatNumber: null,
            kvkNumber: null,
            street: null,
            postalCode: null,
            city: null,
            ...values,
            number: assigned,
            updatedAt: new Date(),
          }),
        );
      });
    } catch (error) {
      if (isUniqueViolation(error, 'customers_number_unique'))
        throw invoicingError('DUPLICATE_CUSTOMER_NUMBER', `Debtor number ${number} is taken.`, [
          'input',
          'number',
        ]);
      throw error;
    }
  }

  async update(
    administrationId: string,
    input: UpdateCustomerInput,
    actor: Actor,
  ): Promise<CustomerEntity> {
    const errors = new ErrorList();
    const values = checkCustomer(input, false, errors);
    errors.throwIfAny();
    return this.db.transaction(async (m) => {
      await requirePermission(m, actor, administrationId, 'INVOICING_WRITE');
      const repo = scoped(m, CustomerEntity, administrationId);
      const existing = isUuid(input.customerId)
        ? await repo.findOneBy({ id: input.customerId })
        : null;
      if (!existing)
        throw invoicingError('CUSTOMER_NOT_FOUND', 'No such customer here.', [
          'input',
          'customerId',
        ]);
      return repo.save(Object.assign(existing, values, { updatedAt: new Date() }));
    });
  }

  /** Customers by id across administrations (one query); keys are "administrationId:customerId". */
  async byIds(
    keys: readonly { administrationId: string; id: string }[],
  ): Promise<CustomerEntity[]> {
    const valid = keys.filter((k) => isUuid(k.administrationId) && isUuid(k.id));
    if (valid.length === 0) return [];
    return customersByKeys(this.db.manager, valid);
  }

  /** One page ordered by name; `search` matches name, debtor number, e-mail or VAT number. */
  async page(
    administrationId: string,
    first: number | null | undefined,
    after: string | null | undefined,
    search: string | null | undefined,
  ): Promise<Page<CustomerEntity>> {
    const qb = scoped(this.db.manager, CustomerEntity, administrationId).createQueryBuilder('c');
    const s = search?.trim();
    if (s) {
      const pattern = `%${s.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
      qb.andWhere(
        '(c.name ILIKE :pattern OR c.number ILIKE :pattern OR c.email ILIKE :pattern OR c.vat_number ILIKE :pattern)',
        { pattern },
      );
    }
    return pageByName(qb, 'c', 'name', first, after);
  }
}
