import { allow, can, type RuleMap } from '@kantoor/platform';

/** Invoices: INVOICING_READ to see, INVOICING_WRITE to change, per administration. */
export const invoiceRules: RuleMap = {
  Administration: {
    invoices: can('INVOICING_READ', 'parent.id'),
    invoice: can('INVOICING_READ', 'parent.id'),
    invoicingStatus: can('INVOICING_READ', 'parent.id'),
    invoiceSettings: can('INVOICING_READ', 'parent.id'),
  },
  Mutation: {
    createInvoice: can('INVOICING_WRITE', 'args.input.administrationId'),
    updateInvoice: can('INVOICING_WRITE', 'args.input.administrationId'),
    finalizeInvoice: can('INVOICING_WRITE', 'args.input.administrationId'),
    creditInvoice: can('INVOICING_WRITE', 'args.input.administrationId'),
    registerPayment: can('INVOICING_WRITE', 'args.input.administrationId'),
    updateInvoiceSettings: can('INVOICING_WRITE', 'args.input.administrationId'),
  },
  // An Invoice is also reached through _entities: every field checks its own administration.
  Invoice: { '*': can('INVOICING_READ', 'parent.administrationId') },
  InvoiceLine: { '*': allow },
  InvoiceVatAmount: { '*': allow },
  InvoiceConnection: { '*': allow },
  InvoiceEdge: { '*': allow },
  InvoicePayload: { '*': allow },
  InvoicingStatus: { '*': allow },
  InvoiceSettings: { '*': allow },
  InvoiceSettingsPayload: { '*': allow },
};
