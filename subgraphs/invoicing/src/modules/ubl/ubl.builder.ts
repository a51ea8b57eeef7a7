import type { Decimal } from '@kantoor/platform';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { calculate } from '../invoice/invoice.calc.js';
import type { InvoiceEntity, InvoiceLineEntity, PartySnapshot } from '../invoice/invoice.entity.js';
import { SALES_VAT_CODES } from '../invoice/vat-codes.data.js';

const NS = {
  Invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  CreditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};
export const NLCIUS_CUSTOMIZATION = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0';
export const PEPPOL_PROFILE = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

const amount = (d: Decimal) => d.toFixed(2);
const percent = (d: Decimal) => d.toFixed();

/**
 * SI-UBL 2.0 (NLCIUS on UBL 2.1) of a final invoice (Invoice, 380) or credit note
 * (CreditNote, 381, positive amounts, BillingReference to the credited invoice), built with
 * xmlbuilder2 from the parties as they were at finalizing. Amounts follow invoicing.md, so
 * BR-CO-10..17 hold by construction. Element order follows the UBL 2.1 XSD.
 */
export function buildUbl(
  invoice: InvoiceEntity,
  lines: readonly InvoiceLineEntity[],
  credited: InvoiceEntity | null,
): string | null {
  const supplier = invoice.supplierSnapshot;
  const customer = invoice.customerSnapshot;
  if (invoice.status === 'DRAFT' || !supplier || !customer || !invoice.number) return null;
  const credit = invoice.type === 'CREDIT_NOTE';
  const root = credit ? 'CreditNote' : 'Invoice';
  const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele(NS[root], root, {
    'xmlns:cac': NS.cac,
    'xmlns:cbc': NS.cbc,
  });
  const cbc = (parent: XMLBuilder, name: string, text: string, attrs?: Record<string, string>) =>
    parent.ele(NS.cbc, `cbc:${name}`, attrs).txt(text).up();
  const cac = (parent: XMLBuilder, name: string) => parent.ele(NS.cac, `cac:${name}`);
  const eur = { currencyID: 'EUR' };

  cbc(doc, 'CustomizationID', NLCIUS_CUSTOMIZATION);
  cbc(doc, 'ProfileID', PEPPOL_PROFILE);
  cbc(doc, 'ID', invoice.number);
  cbc(doc, 'IssueDate', invoice.issueDate!);
  if (!credit && invoice.dueDate) cbc(doc, 'DueDate', invoice.dueDate);
  cbc(doc, credit ? 'CreditNoteTypeCode' : 'InvoiceTypeCode', credit ? '381' : '380');
  const notes = [...new Set(lines.map((l) => SALES_VAT_CODES[l.vatCode]?.note).filter(Boolean))];
  if (notes.length > 0) cbc(doc, 'Note', notes.join('; '));
  cbc(doc, 'DocumentCurrencyCode', 'EUR');
  cbc(doc, 'BuyerReference', invoice.reference ?? customer.number ?? invoice.number);
  if (credit && credited?.number) {
    const ref = cac(cac(doc, 'BillingReference'), 'InvoiceDocumentReference');
    // Only the number: NLCIUS advises against the preceding invoice's issue date (BR-NL-24).
    cbc(ref, 'ID', credited.number);
  }

  const party = (role: string, p: PartySnapshot, isSupplier: boolean) => {
    const node = cac(cac(doc, role), 'Party');
    if (p.number && !isSupplier) cbc(cac(node, 'PartyIdentification'), 'ID', p.number);
    cbc(cac(node, 'PartyName'), 'Name', p.name);
    const address = cac(node, 'PostalAddress');
    if (p.street) cbc(address, 'StreetName', p.street);
    if (p.city) cbc(address, 'CityName', p.city);
    if (p.postalCode) cbc(address, 'PostalZone', p.postalCode);
    cbc(cac(address, 'Country'), 'IdentificationCode', p.countryCode);
    if (p.vatNumber) {
      const tax = cac(node, 'PartyTaxScheme');
      cbc(tax, 'CompanyID', p.vatNumber);
      cbc(cac(tax, 'TaxScheme'), 'ID', 'VAT');
    }
    const legal = cac(node, 'PartyLegalEntity');
    cbc(legal, 'RegistrationName', p.name);
    if (p.kvkNumber && p.countryCode === 'NL')
      cbc(legal, 'CompanyID', p.kvkNumber, { schemeID: '0106' });
    if (p.email && !isSupplier) cbc(cac(node, 'Contact'), 'ElectronicMail', p.email);
  };
  party('AccountingSupplierParty', supplier, true);
  party('AccountingCustomerParty', customer, false);

  const categories = lines.map((l) => SALES_VAT_CODES[l.vatCode]!);
  if (categories.some((c) => c.category === 'K' || c.category === 'G')) {
    const delivery = cac(doc, 'Delivery');
    cbc(delivery, 'ActualDeliveryDate', invoice.issueDate!);
    cbc(
      cac(cac(cac(delivery, 'DeliveryLocation'), 'Address'), 'Country'),
      'IdentificationCode',
      customer.countryCode,
    );
  }

  const means = cac(doc, 'PaymentMeans');
  cbc(means, 'PaymentMeansCode', '30');
  if (credit && invoice.dueDate) cbc(means, 'PaymentDueDate', invoice.dueDate);
  cbc(means, 'PaymentID', invoice.number);
  if (supplier.iban) cbc(cac(means, 'PayeeFinancialAccount'), 'ID', supplier.iban);

  const taxCategory = (
    parent: XMLBuilder,
    name: string,
    vatCode: string,
    rate: Decimal,
    withReason: boolean,
  ) => {
    const code = SALES_VAT_CODES[vatCode]!;
    const node = cac(parent, name);
    cbc(node, 'ID', code.category);
    cbc(node, 'Percent', percent(rate));
    if (withReason && code.note && code.category !== 'S' && code.category !== 'Z')
      cbc(node, 'TaxExemptionReason', code.note);
    cbc(cac(node, 'TaxScheme'), 'ID', 'VAT');
  };

  const amounts = calculate(lines);
  const taxTotal = cac(doc, 'TaxTotal');
  cbc(taxTotal, 'TaxAmount', amount(amounts.totalVat), eur);
  for (const v of amounts.vatBreakdown) {
    const sub = cac(taxTotal, 'TaxSubtotal');
    cbc(sub, 'TaxableAmount', amount(v.base), eur);
    cbc(sub, 'TaxAmount', amount(v.vat), eur);
    taxCategory(sub, 'TaxCategory', v.vatCode, v.rate, true);
  }

  const totals = cac(doc, 'LegalMonetaryTotal');
  cbc(totals, 'LineExtensionAmount', amount(amounts.totalExclVat), eur);
  cbc(totals, 'TaxExclusiveAmount', amount(amounts.totalExclVat), eur);
  cbc(totals, 'TaxInclusiveAmount', amount(amounts.totalInclVat), eur);
  // The document as issued: payments made later do not change it.
  cbc(totals, 'PayableAmount', amount(amounts.totalInclVat), eur);

  lines.forEach((l, i) => {
    const line = cac(doc, credit ? 'CreditNoteLine' : 'InvoiceLine');
    cbc(line, 'ID', String(i + 1));
    cbc(line, credit ? 'CreditedQuantity' : 'InvoicedQuantity', l.quantity.toFixed(), {
      unitCode: 'C62',
    });
    cbc(line, 'LineExtensionAmount', amount(amounts.nets[i]!), eur);
    const item = cac(line, 'Item');
    cbc(item, 'Name', l.description.slice(0, 200));
    taxCategory(item, 'ClassifiedTaxCategory', l.vatCode, l.vatRate, false);
    cbc(cac(line, 'Price'), 'PriceAmount', amount(l.unitPrice), eur);
  });
  return doc.end({ prettyPrint: true });
}
