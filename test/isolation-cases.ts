import { randomUUID } from 'node:crypto';

/**
 * The cross-office sweep's cases (issue 15): for every Mutation of the composed API, the
 * attacks a caller outside administration A (another office's ADMIN, a CLIENT of another
 * administration) makes on A's objects, or the reason the mutation has no such target.
 * test/isolation.e2e.spec.ts asserts that this table names every mutation of
 * schema/api.graphql, so a new mutation without a case fails it.
 */

/** A's objects: the victim's ids. */
export interface Victim {
  officeId: string;
  adminId: string;
  memberId: string;
  administrationId: string;
  customerId: string;
  draftInvoiceId: string;
  invoiceId: string;
  accountId: string;
  vatCode: string;
  bankAccountId: string;
  transactionId: string;
  openItemId: string;
  bankRuleId: string;
  entryId: string;
  draftId: string;
  lockedPeriodId: string;
  templateId: string;
  webhookId: string;
  apiTokenId: string;
}

/**
 * The caller's own objects, in an administration where the caller has every permission it
 * can hold (an office ADMIN: all of them; a client: its client modules'), for attacks that
 * pass the rules with the caller's own administration id and name one of A's objects.
 */
export interface Own {
  userId: string;
  administrationId: string;
  draftInvoiceId: string;
  transactionId: string;
}

/** The same victim with every id replaced by a fresh one: "an id that does not exist". */
export function unknownVictim(v: Victim): Victim {
  return Object.fromEntries(
    Object.entries(v).map(([k, value]) => [
      k,
      k === 'vatCode' ? value : k === 'openItemId' ? `${randomUUID()}:1` : randomUUID(),
    ]),
  ) as unknown as Victim;
}

export type Input = Record<string, unknown>;

export interface Case {
  /** Inputs of the attacks, each sent alone. */
  attacks: (v: Victim, own: Own) => Input[];
  /**
   * Besides FORBIDDEN: the userError codes the service answers, by design, for an object
   * the caller cannot see (the same as for an id that does not exist, so existence is not
   * revealed). The sweep checks that sameness: the attack with unknown ids answers the same.
   */
  notFound?: string[];
}

/**
 * `none`: the mutation names nothing of another office (it acts on the caller's own user or
 * office). `elsewhere`: the mutation is not refused by design; the named test checks that
 * it takes nothing of A.
 */
export type Sweep = Record<string, Case | { none: string } | { elsewhere: string }>;

export function isAttack(c: Sweep[string]): c is Case {
  return 'attacks' in c;
}

const LINES = [{ description: 'Brood', quantity: '1', unitPrice: '2.00', vatCode: 'V21' }];
const ENTRY = (administrationId: string) => ({
  administrationId,
  date: '2026-03-10',
  description: 'Kas',
  lines: [
    { accountCode: '1000', debit: '5.00' },
    { accountCode: '8000', credit: '5.00' },
  ],
});
const SETTINGS = (administrationId: string) => ({
  administrationId,
  name: 'Gekaapt B.V.',
  street: 'Dorpsstraat 1',
  postalCode: '3511 AA',
  city: 'Utrecht',
  countryCode: 'NL',
  vatNumber: 'NL123456782B01',
  kvkNumber: '12345678',
  iban: 'NL20INGB0001234567',
});
/** A minimal but valid CAMT.053 statement for `iban`. */
export function statement(iban: string, ref: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>MSG-${ref}</MsgId><CreDtTm>2026-04-01T06:00:00+02:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>STMT-${ref}</Id>
      <CreDtTm>2026-04-01T06:00:00+02:00</CreDtTm>
      <Acct><Id><IBAN>${iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-01</Dt></Dt></Bal>
      <Ntry>
        <NtryRef>${ref}-1</NtryRef>
        <Amt Ccy="EUR">12.10</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>2026-03-05</Dt></BookgDt>
        <ValDt><Dt>2026-03-05</Dt></ValDt>
        <AcctSvcrRef>${ref}-1</AcctSvcrRef>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>E2E-${ref}</EndToEndId></Refs>
          <AmtDtls><TxAmt><Amt Ccy="EUR">12.10</Amt></TxAmt></AmtDtls>
          <RltdPties><Dbtr><Nm>Klant ${ref}</Nm></Dbtr><DbtrAcct><Id><IBAN>NL39RABO0300065264</IBAN></Id></DbtrAcct></RltdPties>
          <RmtInf><Ustrd>Factuur ${ref}</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;
}

export const SWEEP: Sweep = {
  // ---- billing (OPS only; no office's ids in the input: every non-operator is refused)
  setPriceList: {
    attacks: () => [
      { fromPeriod: '2099-01', items: [{ code: 'DASHBOARD_USER', unitPrice: '0.01' }] },
    ],
  },
  runBilling: { attacks: () => [{ period: '2026-01' }] },

  // ---- invoicing
  createCustomer: { attacks: (v) => [{ administrationId: v.administrationId, name: 'Gekaapt' }] },
  updateCustomer: {
    attacks: (v, own) => [
      { administrationId: v.administrationId, customerId: v.customerId, name: 'Gekaapt' },
      { administrationId: own.administrationId, customerId: v.customerId, name: 'Gekaapt' },
    ],
    notFound: ['CUSTOMER_NOT_FOUND'],
  },
  createInvoice: {
    attacks: (v, own) => [
      { administrationId: v.administrationId, customerId: v.customerId, lines: LINES },
      { administrationId: own.administrationId, customerId: v.customerId, lines: LINES },
    ],
    notFound: ['CUSTOMER_NOT_FOUND'],
  },
  updateInvoice: {
    attacks: (v, own) => [
      { administrationId: v.administrationId, invoiceId: v.draftInvoiceId, reference: 'Gekaapt' },
      { administrationId: own.administrationId, invoiceId: v.draftInvoiceId, reference: 'x' },
      // The caller's own draft, moved to A's customer (would copy A's customer into it).
      {
        administrationId: own.administrationId,
        invoiceId: own.draftInvoiceId,
        customerId: v.customerId,
      },
    ],
    notFound: ['INVOICE_NOT_FOUND', 'CUSTOMER_NOT_FOUND'],
  },
  finalizeInvoice: {
    attacks: (v, own) => [
      { administrationId: v.administrationId, invoiceId: v.draftInvoiceId },
      { administrationId: own.administrationId, invoiceId: v.draftInvoiceId },
    ],
    notFound: ['INVOICE_NOT_FOUND'],
  },
  creditInvoice: {
    attacks: (v, own) => [
      { administrationId: v.administrationId, invoiceId: v.invoiceId },
      { administrationId: own.administrationId, invoiceId: v.invoiceId },
    ],
    notFound: ['INVOICE_NOT_FOUND'],
  },
  registerPayment: {
    attacks: (v, own) => [
      {
        administrationId: v.administrationId,
        invoiceId: v.invoiceId,
        amount: '1.00',
        date: '2026-03-20',
      },
      {
        administrationId: own.administrationId,
        invoiceId: v.invoiceId,
        amount: '1.00',
        date: '2026-03-20',
      },
    ],
    notFound: ['INVOICE_NOT_FOUND'],
  },
  updateInvoiceSettings: { attacks: (v) => [SETTINGS(v.administrationId)] },

  // ---- ledger: accounts and VAT codes
  createAccount: {
    attacks: (v) => [
      { administrationId: v.administrationId, code: '1999', name: 'Gekaapt', type: 'ASSET' },
    ],
  },
  updateAccount: {
    attacks: (v, own) => [
      { administrationId: v.administrationId, accountId: v.accountId, name: 'Gekaapt' },
      { administrationId: own.administrationId, accountId: v.accountId, name: 'Gekaapt' },
    ],
    notFound: ['ACCOUNT_NOT_FOUND'],
  },
  setAccountBlocked: {
    attacks: (v, own) => [
      { administrationId: v.administrationId, accountId: v.accountId, blocked: true },
      { administrationId: own.administrationId, accountId: v.accountId, blocked: true },
    ],
    notFound: ['ACCOUNT_NOT_FOUND'],
  },
  deleteAccount: {
    attacks: (v, own) => [
      { administrationId: v.administrationId, accountId: v.accountId },
      { administrationId: own.administrationId, accountId: v.accountId },
    ],
    notFound: ['ACCOUNT_NOT_FOUND'],
  },
  setVatCodeBlocked: {
    attacks: (v) => [{ administrationId: v.administrationId, code: v.vatCode, blocked: true }],
  },
  createVatCode: {
    attacks: (v) => [
      {
        administrationId: v.administrationId,
        code: 'VX',
        description: 'Gekaapt',
        rate: '21.00',
        direction: 'SALES',
      },
    ],
  },
  updateVatCode: {
    attacks: (v) => [
      { administrationId: v.administrationId, code: v.vatCode, description: 'Gekaapt' },
    ],
  },

  // ---- ledger: bank accounts, CAMT.053, matching, rules
  createBankAccount: {
    attacks: (v) => [{ administrationId: v.administrationId, iban: 'NL20INGB0001234567' }],
  },
  importBankStatement: {
    attacks: (v, own) => [
      {
        administrationId: v.administrationId,
        bankAccountId: v.bankAccountId,
        camt053: statement('NL91ABNA0417164300', 'ATTACK'),
      },
      {
        administrationId: own.administrationId,
        bankAccountId: v.bankAccountId,
        camt053: statement('NL91ABNA0417164300', 'ATTACK'),
      },
    ],
    notFound: ['BANK_ACCOUNT_NOT_FOUND'],
  },
  processBankTransaction: {
    attacks: (v, own) => [
      { administrationId: v.administrationId, transactionId: v.transactionId, accountCode: '8000' },
      {
        administrationId: own.administrationId,
        transactionId: v.transactionId,
        accountCode: '8000',
      },
      // The caller's own bank transaction, matched with A's open item or A's entry.
      {
        administrationId: own.administrationId,
        transactionId: own.transactionId,
        openItemId: v.openItemId,
      },
      {
        administrationId: own.administrationId,
        transactionId: own.transactionId,
        entryId: v.entryId,
      },
    ],
    notFound: ['BANK_TRANSACTION_NOT_FOUND', 'OPEN_ITEM_NOT_FOUND', 'ENTRY_NOT_FOUND'],
  },
  settleOpenItems: {
    attacks: (v, own) => [
      { administrationId: v.administrationId, openItemIds: [v.openItemId] },
      // Offsetting takes two items: A's open item and a line of A's cash entry.
      { administrationId: own.administrationId, openItemIds: [v.openItemId, `${v.entryId}:1`] },
      {
        administrationId: own.administrationId,
        openItemIds: [v.openItemId],
        transactionId: own.transactionId,
      },
    ],
    notFound: ['OPEN_ITEM_NOT_FOUND'],
  },
  createBankRule: {
    attacks: (v) => [
      {
        administrationId: v.administrationId,
        counterpartyIban: 'NL39RABO0300065264',
        accountCode: '8000',
      },
    ],
  },
  deleteBankRule: {
    attacks: (v, own) => [
      { administrationId: v.administrationId, ruleId: v.bankRuleId },
      { administrationId: own.administrationId, ruleId: v.bankRuleId },
    ],
    notFound: ['BANK_RULE_NOT_FOUND'],
  },

  // ---- ledger: journal entries and drafts
  postJournalEntry: { attacks: (v) => [ENTRY(v.administrationId)] },
  reverseJournalEntry: {
    attacks: (v, own) => [
      { administrationId: v.administrationId, entryId: v.entryId },
      { administrationId: own.administrationId, entryId: v.entryId },
    ],
    notFound: ['ENTRY_NOT_FOUND'],
  },
  createDraftJournalEntry: { attacks: (v) => [ENTRY(v.administrationId)] },
  updateDraftJournalEntry: {
    attacks: (v, own) => [
      { ...ENTRY(v.administrationId), draftId: v.draftId },
      { ...ENTRY(own.administrationId), draftId: v.draftId },
    ],
    notFound: ['DRAFT_NOT_FOUND'],
  },
  deleteDraftJournalEntry: {
    attacks: (v, own) => [
      { administrationId: v.administrationId, draftId: v.draftId },
      { administrationId: own.administrationId, draftId: v.draftId },
    ],
    notFound: ['DRAFT_NOT_FOUND'],
  },
  postDraftJournalEntry: {
    attacks: (v, own) => [
      { administrationId: v.administrationId, draftId: v.draftId },
      { administrationId: own.administrationId, draftId: v.draftId },
    ],
    notFound: ['DRAFT_NOT_FOUND'],
  },

  // ---- ledger: fiscal years and period locks
  lockPeriod: {
    attacks: (v) => [
      { administrationId: v.administrationId, from: '2026-02-01', to: '2026-02-28' },
    ],
  },
  unlockPeriod: {
    attacks: (v, own) => [
      { administrationId: v.administrationId, lockedPeriodId: v.lockedPeriodId, reason: 'x' },
      { administrationId: own.administrationId, lockedPeriodId: v.lockedPeriodId, reason: 'x' },
    ],
    notFound: ['PERIOD_NOT_FOUND'],
  },
  closeFiscalYear: { attacks: (v) => [{ administrationId: v.administrationId, year: 2025 }] },
  reopenFiscalYear: {
    attacks: (v) => [{ administrationId: v.administrationId, year: 2025, reason: 'x' }],
  },

  // ---- ledger: the office's chart templates (office-scoped, addressed by template id)
  createChartTemplate: {
    attacks: (v) => [
      { name: 'Gekaapt', fromAdministrationId: v.administrationId },
      { name: 'Gekaapt', fromTemplateId: v.templateId },
    ],
    notFound: ['ADMINISTRATION_NOT_FOUND', 'TEMPLATE_NOT_FOUND'],
  },
  renameChartTemplate: {
    attacks: (v) => [{ templateId: v.templateId, name: 'Gekaapt' }],
    notFound: ['TEMPLATE_NOT_FOUND'],
  },
  deleteChartTemplate: {
    attacks: (v) => [{ templateId: v.templateId }],
    notFound: ['TEMPLATE_NOT_FOUND'],
  },
  setDefaultChartTemplate: {
    attacks: (v) => [{ templateId: v.templateId }],
    notFound: ['TEMPLATE_NOT_FOUND'],
  },
  addChartTemplateAccount: {
    attacks: (v) => [{ templateId: v.templateId, code: '1999', name: 'Gekaapt', type: 'ASSET' }],
    notFound: ['TEMPLATE_NOT_FOUND'],
  },
  updateChartTemplateAccount: {
    attacks: (v) => [{ templateId: v.templateId, code: '1000', name: 'Gekaapt' }],
    notFound: ['TEMPLATE_NOT_FOUND'],
  },
  removeChartTemplateAccount: {
    attacks: (v) => [{ templateId: v.templateId, code: '1000' }],
    notFound: ['TEMPLATE_NOT_FOUND'],
  },
  setChartTemplateVatCode: {
    attacks: (v) => [
      {
        templateId: v.templateId,
        code: 'VX',
        description: 'Gekaapt',
        rate: '21.00',
        direction: 'SALES',
      },
    ],
    notFound: ['TEMPLATE_NOT_FOUND'],
  },
  removeChartTemplateVatCode: {
    attacks: (v) => [{ templateId: v.templateId, code: v.vatCode }],
    notFound: ['TEMPLATE_NOT_FOUND'],
  },

  // ---- tenancy
  setAccess: {
    attacks: (v, own) => [
      { userId: v.memberId, administrationId: v.administrationId, permissions: ['LEDGER_WRITE'] },
      // Oneself into A.
      { userId: own.userId, administrationId: v.administrationId, permissions: ['LEDGER_READ'] },
      // A's member into the caller's administration.
      { userId: v.memberId, administrationId: own.administrationId, permissions: ['LEDGER_READ'] },
    ],
    notFound: ['ADMINISTRATION_NOT_FOUND', 'USER_NOT_FOUND'],
  },
  // Creates an administration in the caller's own office; a chart template of another
  // office is ignored by the ledger (decision 0015): its own test checks that.
  createAdministration: { elsewhere: "another office's chart template is not used" },
  updateAdministration: {
    attacks: (v) => [
      { administrationId: v.administrationId, name: 'Gekaapt' },
      // VAT settings (aangifteperiode, btw-nummer) live here.
      {
        administrationId: v.administrationId,
        vatFilingPeriod: 'MONTH',
        vatNumber: 'NL000099998B57',
      },
    ],
  },
  archiveAdministration: { attacks: (v) => [{ administrationId: v.administrationId }] },
  signUpBusiness: {
    none: 'creates a new business, user and administration; names no existing one',
  },
  signUp: { none: 'creates a new office and user; names no existing one' },
  login: {
    none: "answers for credentials, not for an office's objects (login throttling: issue 15)",
  },
  refreshToken: { none: "a refresh token is a secret of the caller's own session" },
  logout: { none: "ends the caller's own sessions only (no id in its input)" },
  createApiToken: { none: "a token of the caller's own user (no user or office in its input)" },
  revokeApiToken: {
    attacks: (v) => [{ id: v.apiTokenId }],
    notFound: ['API_TOKEN_NOT_FOUND'],
  },
  createLinkInvitation: { none: "an invitation into the caller's own office (no id in its input)" },
  acceptLinkInvitation: {
    attacks: (v) => [{ code: 'KANTOOR-0000-0000', administrationId: v.administrationId }],
  },
  unlinkAdministration: { attacks: (v) => [{ administrationId: v.administrationId }] },
  retryFailedEvent: { attacks: () => [{ jobId: randomUUID() }] },
  suspendOffice: { attacks: (v) => [{ officeId: v.officeId, suspended: true }] },
  createUser: { none: "creates a user in the caller's own office (no office in its input)" },
  updateUser: {
    attacks: (v) => [
      { userId: v.adminId, name: 'Gekaapt' },
      { userId: v.memberId, officeRole: 'ADMIN' },
    ],
    notFound: ['USER_NOT_FOUND'],
  },
  deactivateUser: { attacks: (v) => [{ userId: v.memberId }], notFound: ['USER_NOT_FOUND'] },
  createWebhook: { none: "a webhook of the caller's own office (no office in its input)" },
  updateWebhook: {
    attacks: (v) => [{ id: v.webhookId, url: 'http://127.0.0.1:9/gekaapt', enabled: true }],
    notFound: ['WEBHOOK_NOT_FOUND'],
  },
  deleteWebhook: { attacks: (v) => [{ id: v.webhookId }], notFound: ['WEBHOOK_NOT_FOUND'] },

  // ---- VAT returns
  prepareVatReturn: {
    attacks: (v) => [{ administrationId: v.administrationId, period: '2026-Q1' }],
  },
  requestVatApproval: {
    attacks: (v) => [{ administrationId: v.administrationId, period: '2026-Q1' }],
  },
  approveVatReturn: {
    attacks: (v) => [{ administrationId: v.administrationId, period: '2026-Q1' }],
  },
  submitVatReturn: {
    attacks: (v) => [{ administrationId: v.administrationId, period: '2026-Q1' }],
  },
  prepareVatSuppletie: {
    attacks: (v) => [{ administrationId: v.administrationId, period: '2026-Q1' }],
  },
  submitVatSuppletie: {
    attacks: (v) => [{ administrationId: v.administrationId, period: '2026-Q1' }],
  },
};
