/**
 * The sales VAT codes invoicing accepts, with their rate and how SI-UBL names them
 * (invoicing.md). They are the ledger's default sales codes (default-chart.data.ts) plus VVERL,
 * invoicing's name for "V0, btw verlegd" (domestic reverse charge): the same ledger code V0
 * but UBL category AE and the note "btw verlegd" on the invoice. The ledger owns the codes;
 * invoicing keeps this fixed table because an invoice's rate must not change under it
 * (see docs/decisions/0011-invoicing.md). VDIST (OSS) is out of scope (invoicing.md).
 */
export interface SalesVatCode {
  code: string;
  rate: string;
  /** UNCL5305 tax category. */
  category: 'S' | 'Z' | 'AE' | 'K' | 'G' | 'E';
  /** The code the ledger books the line with. */
  ledgerCode: string;
  /** Needs the customer's VAT number on the invoice. */
  needsCustomerVat: boolean;
  /** Exemption reason text on the invoice (UBL TaxExemptionReason). */
  note: string | null;
}

export const SALES_VAT_CODES: Readonly<Record<string, SalesVatCode>> = {
  V21: {
    code: 'V21',
    rate: '21',
    category: 'S',
    ledgerCode: 'V21',
    needsCustomerVat: false,
    note: null,
  },
  V9: {
    code: 'V9',
    rate: '9',
    category: 'S',
    ledgerCode: 'V9',
    needsCustomerVat: false,
    note: null,
  },
  V0: {
    code: 'V0',
    rate: '0',
    category: 'Z',
    ledgerCode: 'V0',
    needsCustomerVat: false,
    note: null,
  },
  VVERL: {
    code: 'VVERL',
    rate: '0',
    category: 'AE',
    ledgerCode: 'V0',
    needsCustomerVat: true,
    note: 'btw verlegd',
  },
  VEU: {
    code: 'VEU',
    rate: '0',
    category: 'K',
    ledgerCode: 'VEU',
    needsCustomerVat: true,
    note: 'intracommunautaire levering',
  },
  VEX: {
    code: 'VEX',
    rate: '0',
    category: 'G',
    ledgerCode: 'VEX',
    needsCustomerVat: false,
    note: 'export buiten de EU',
  },
  VVRIJ: {
    code: 'VVRIJ',
    rate: '0',
    category: 'E',
    ledgerCode: 'VVRIJ',
    needsCustomerVat: false,
    note: 'Vrijgesteld van btw (art. 11 Wet OB 1968)',
  },
};
