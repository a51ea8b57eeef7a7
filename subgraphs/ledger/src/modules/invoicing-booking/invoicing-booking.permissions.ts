import { allow, can, type RuleMap } from '@kantoor/platform';

/** The ledger's fields on invoicing's Invoice: LEDGER_READ in the invoice's administration. */
export const invoicingBookingRules: RuleMap = {
  Invoice: {
    id: allow,
    administrationId: allow,
    journalEntry: can('LEDGER_READ', 'parent.administrationId'),
    ledgerBookings: can('LEDGER_READ', 'parent.administrationId'),
  },
  InvoiceLedgerBooking: { '*': allow },
};
