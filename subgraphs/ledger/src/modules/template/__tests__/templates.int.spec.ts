import {
  makeBooks,
  makeOffice,
  startLedgerKit,
  userWith,
  waitForBooks,
  type LedgerKit,
  type Office,
  type UserErrorData,
} from '../../../__tests__/ledger-kit';
import { DEFAULT_ACCOUNTS, DEFAULT_VAT_CODES } from '../../account/default-chart.data';

let kit: LedgerKit;

beforeAll(async () => {
  kit = await startLedgerKit();
});
afterAll(async () => {
  await kit?.stop();
});

const codes = (errors: UserErrorData[]) => errors.map((e) => [e.code, e.field]);
const TEMPLATE = `id name isDefault builtIn accounts { code name type rgsCode } vatCodes { code rate direction reverseCharge vatAccountCode inputVatAccountCode turnoverBox vatBox } journals { code type accountCode }`;

interface TemplateData {
  id: string;
  name: string;
  isDefault: boolean;
  builtIn: boolean;
  accounts: { code: string; name: string; type: string; rgsCode: string | null }[];
  vatCodes: {
    code: string;
    rate: string;
    direction: string;
    reverseCharge: boolean;
    vatAccountCode: string | null;
    inputVatAccountCode: string | null;
  }[];
  journals: { code: string; type: string; accountCode: string | null }[];
}
type TemplatePayload = { template: TemplateData | null; userErrors: UserErrorData[] };

function mutations(token: () => string) {
  const m = async <K extends string>(
    name: K,
    inputType: string,
    selection: string,
    input: Record<string, unknown>,
  ) =>
    kit.gql<Record<K, Record<string, unknown> & { userErrors: UserErrorData[] }>>(
      token(),
      `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} userErrors { field message code } } }`,
      { input },
    );
  return {
    create: async (input: Record<string, unknown>) =>
      (
        await m(
          'createChartTemplate',
          'CreateChartTemplateInput',
          `template { ${TEMPLATE} }`,
          input,
        )
      ).data!.createChartTemplate as unknown as TemplatePayload,
    rename: async (input: Record<string, unknown>) =>
      (await m('renameChartTemplate', 'RenameChartTemplateInput', 'template { id name }', input))
        .data!.renameChartTemplate as unknown as TemplatePayload,
    remove: async (input: Record<string, unknown>) =>
      (await m('deleteChartTemplate', 'DeleteChartTemplateInput', 'templateId', input)).data!
        .deleteChartTemplate,
    setDefault: async (input: Record<string, unknown>) =>
      (
        await m(
          'setDefaultChartTemplate',
          'SetDefaultChartTemplateInput',
          'template { id isDefault builtIn }',
          input,
        )
      ).data!.setDefaultChartTemplate,
    addAccount: async (input: Record<string, unknown>) =>
      (
        await m(
          'addChartTemplateAccount',
          'AddChartTemplateAccountInput',
          'account { code name type rgsCode }',
          input,
        )
      ).data!.addChartTemplateAccount,
    updateAccount: async (input: Record<string, unknown>) =>
      (
        await m(
          'updateChartTemplateAccount',
          'UpdateChartTemplateAccountInput',
          'account { code name type rgsCode }',
          input,
        )
      ).data!.updateChartTemplateAccount,
    removeAccount: async (input: Record<string, unknown>) =>
      (await m('removeChartTemplateAccount', 'RemoveChartTemplateAccountInput', 'code', input))
        .data!.removeChartTemplateAccount,
    setVatCode: async (input: Record<string, unknown>) =>
      (
        await m(
          'setChartTemplateVatCode',
          'SetChartTemplateVatCodeInput',
          'vatCode { code description rate direction reverseCharge vatAccountCode inputVatAccountCode turnoverBox vatBox }',
          input,
        )
      ).data!.setChartTemplateVatCode,
    removeVatCode: async (input: Record<string, unknown>) =>
      (await m('removeChartTemplateVatCode', 'RemoveChartTemplateVatCodeInput', 'code', input))
        .data!.removeChartTemplateVatCode,
  };
}

/** A new administration through tenancy's real createAdministration, with its books open. */
async function createAdministration(o: Office, chartTemplateId?: string): Promise<string> {
  const r = await kit.gql<{
    createAdministration: { administration: { id: string }; userErrors: UserErrorData[] };
  }>(
    o.adminToken,
    `mutation($input: CreateAdministrationInput!) { createAdministration(input: $input) { administration { id } userErrors { code field } } }`,
    {
      input: {
        name: `Klant ${Math.random().toString(36).slice(2, 8)}`,
        kind: 'INTERNAL',
        chartTemplateId,
      },
    },
  );
  expect(r.data!.createAdministration.userErrors).toEqual([]);
  const id = r.data!.createAdministration.administration.id;
  await waitForBooks(kit, id);
  return id;
}

async function chartOf(token: string, administrationId: string) {
  const r = await kit.gql<{
    administration: {
      accounts: { code: string; name: string }[];
      vatCodes: { code: string; rate: string }[];
    };
  }>(
    token,
    `query($id: ID!) { administration(id: $id) { accounts { code name } vatCodes { code rate } } }`,
    { id: administrationId },
  );
  return r.data!.administration;
}

describe('office chart templates (office ADMIN)', () => {
  let o: Office;
  let api: ReturnType<typeof mutations>;
  beforeAll(async () => {
    o = await makeOffice(kit);
    api = mutations(() => o.adminToken);
  });

  test("the built-in template is Kantoor's default chart", async () => {
    const r = await kit.gql<{ kantoorChartTemplate: TemplateData }>(
      o.adminToken,
      `{ kantoorChartTemplate { ${TEMPLATE} } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.kantoorChartTemplate).toMatchObject({
      id: 'kantoor-default',
      builtIn: true,
      isDefault: true,
    });
    expect(r.data!.kantoorChartTemplate.accounts).toHaveLength(DEFAULT_ACCOUNTS.length);
    expect(r.data!.kantoorChartTemplate.vatCodes).toHaveLength(DEFAULT_VAT_CODES.length);
  });

  test('created from the default, edited (accounts and VAT codes), made the default: new administrations start from it', async () => {
    const created = await api.create({ name: 'Horeca' });
    expect(created.userErrors).toEqual([]);
    const t = created.template!;
    expect(t).toMatchObject({ name: 'Horeca', isDefault: false, builtIn: false });
    expect(t.accounts).toHaveLength(DEFAULT_ACCOUNTS.length);

    expect(
      (
        await api.addAccount({
          templateId: t.id,
          code: '8005',
          name: 'Omzet keuken',
          type: 'REVENUE',
          rgsCode: 'WOmzNohOlh',
        })
      ).userErrors,
    ).toEqual([]);
    const renamed = await api.updateAccount({
      templateId: t.id,
      code: '8010',
      name: 'Omzet dranken laag',
      newCode: '8011',
    });
    expect(renamed).toEqual({
      account: { code: '8011', name: 'Omzet dranken laag', type: 'REVENUE', rgsCode: 'WOmzNopOlv' },
      userErrors: [],
    });
    // The VAT account of V21 moves with its account's new code.
    expect(
      (await api.updateAccount({ templateId: t.id, code: '1500', newCode: '1501' })).userErrors,
    ).toEqual([]);
    expect((await api.removeAccount({ templateId: t.id, code: '9300' })).userErrors).toEqual([]);
    const vat = await api.setVatCode({
      templateId: t.id,
      code: 'v13',
      description: 'Test 13%',
      rate: '13',
      direction: 'SALES',
      vatAccountCode: '1501',
      turnoverBox: '1C',
      vatBox: '1c',
    });
    expect(vat).toEqual({
      vatCode: {
        code: 'V13',
        description: 'Test 13%',
        rate: '13.00',
        direction: 'SALES',
        reverseCharge: false,
        vatAccountCode: '1501',
        inputVatAccountCode: null,
        turnoverBox: '1c',
        vatBox: '1c',
      },
      userErrors: [],
    });
    expect((await api.removeVatCode({ templateId: t.id, code: 'VDIST' })).userErrors).toEqual([]);

    const def = await api.setDefault({ templateId: t.id });
    expect(def).toEqual({
      template: { id: t.id, isDefault: true, builtIn: false },
      userErrors: [],
    });
    const list = await kit.gql<{
      chartTemplates: {
        id: string;
        isDefault: boolean;
        vatCodes: { code: string; vatAccountCode: string | null }[];
      }[];
    }>(
      o.adminToken,
      `{ chartTemplates { id isDefault vatCodes { code vatAccountCode } } kantoorChartTemplate { isDefault } }`,
    );
    expect(list.data!.chartTemplates.map((x) => [x.id, x.isDefault])).toEqual([[t.id, true]]);
    expect(
      list.data!.chartTemplates[0]!.vatCodes.find((v) => v.code === 'V21')!.vatAccountCode,
    ).toBe('1501');
    expect(
      (list.data as unknown as { kantoorChartTemplate: { isDefault: boolean } })
        .kantoorChartTemplate.isDefault,
    ).toBe(false);

    // A new administration without a chartTemplateId starts from the office default.
    const a = await createAdministration(o);
    const chart = await chartOf(o.adminToken, a);
    const codesOf = chart.accounts.map((x) => x.code);
    expect(codesOf).toContain('8005');
    expect(codesOf).toContain('8011');
    expect(codesOf).not.toContain('8010');
    expect(codesOf).not.toContain('9300');
    expect(chart.vatCodes.map((v) => v.code)).toContain('V13');
    expect(chart.vatCodes.map((v) => v.code)).not.toContain('VDIST');
    const [books] = await kit.ledgerDb.query(
      `SELECT chart_source, chart_template_id FROM ledger.books WHERE administration_id = $1`,
      [a],
    );
    expect(books).toEqual({ chart_source: 'OFFICE_TEMPLATE', chart_template_id: t.id });

    // Later template edits do not rewrite existing books (they are copies).
    await api.updateAccount({ templateId: t.id, code: '8005', name: 'Omzet restaurant' });
    expect((await chartOf(o.adminToken, a)).accounts.find((x) => x.code === '8005')!.name).toBe(
      'Omzet keuken',
    );

    // Back to Kantoor's default.
    const reset = await api.setDefault({ templateId: null });
    expect(reset).toEqual({
      template: { id: 'kantoor-default', isDefault: true, builtIn: true },
      userErrors: [],
    });
    const plain = await createAdministration(o);
    expect((await chartOf(o.adminToken, plain)).accounts).toHaveLength(DEFAULT_ACCOUNTS.length);
  });

  test("chartTemplateId on createAdministration picks a template; another office's template is ignored", async () => {
    const t = (await api.create({ name: 'Bouw' })).template!;
    await api.addAccount({
      templateId: t.id,
      code: '7150',
      name: 'Onderaanneming',
      type: 'EXPENSE',
      rgsCode: 'WKprKvgKvg',
    });
    const a = await createAdministration(o, t.id);
    expect((await chartOf(o.adminToken, a)).accounts.map((x) => x.code)).toContain('7150');

    const other = await makeOffice(kit);
    const foreign = await createAdministration(other, t.id);
    const chart = await chartOf(other.adminToken, foreign);
    expect(chart.accounts).toHaveLength(DEFAULT_ACCOUNTS.length);
    expect(chart.accounts.map((x) => x.code)).not.toContain('7150');
  });

  test("copied from an administration's chart, or from another template", async () => {
    const b = await makeBooks(kit, o);
    await kit.gql(
      o.adminToken,
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { userErrors { code } } }`,
      {
        input: {
          administrationId: b.administrationId,
          code: '4999',
          name: 'Eigen rekening',
          type: 'EXPENSE',
        },
      },
    );
    const fromAdministration = await api.create({
      name: 'Van klant',
      fromAdministrationId: b.administrationId,
    });
    expect(fromAdministration.userErrors).toEqual([]);
    expect(fromAdministration.template!.accounts.map((x) => x.code)).toContain('4999');
    expect(fromAdministration.template!.vatCodes.find((v) => v.code === 'IVERL')).toMatchObject({
      reverseCharge: true,
      vatAccountCode: '1500',
      inputVatAccountCode: '1550',
    });
    expect(fromAdministration.template!.journals.find((j) => j.code === 'BNK')).toEqual({
      code: 'BNK',
      type: 'BANK',
      accountCode: '1100',
    });
    const copy = await api.create({
      name: 'Kopie',
      fromTemplateId: fromAdministration.template!.id,
    });
    expect(copy.template!.accounts.map((x) => x.code)).toEqual(
      fromAdministration.template!.accounts.map((x) => x.code),
    );
  });

  test('userErrors of createChartTemplate and renameChartTemplate', async () => {
    const existing = (await api.create({ name: 'Uniek' })).template!;
    expect(codes((await api.create({ name: ' ' })).userErrors)).toEqual([
      ['EMPTY_NAME', ['input', 'name']],
    ]);
    expect(codes((await api.create({ name: 'x'.repeat(201) })).userErrors)).toEqual([
      ['TEXT_TOO_LONG', ['input', 'name']],
    ]);
    expect(codes((await api.create({ name: 'uniek' })).userErrors)).toEqual([
      ['DUPLICATE_TEMPLATE_NAME', ['input', 'name']],
    ]);
    expect(
      codes(
        (
          await api.create({
            name: 'A',
            fromTemplateId: existing.id,
            fromAdministrationId: existing.id,
          })
        ).userErrors,
      ),
    ).toEqual([['AMBIGUOUS_SOURCE', ['input', 'fromTemplateId']]]);
    expect(
      codes(
        (await api.create({ name: 'B', fromTemplateId: '00000000-0000-4000-8000-000000000000' }))
          .userErrors,
      ),
    ).toEqual([['TEMPLATE_NOT_FOUND', ['input', 'fromTemplateId']]]);
    // An administration of another office (the ADMIN has no LEDGER_READ there).
    const elsewhere = await makeBooks(kit);
    expect(
      codes(
        (await api.create({ name: 'C', fromAdministrationId: elsewhere.administrationId }))
          .userErrors,
      ),
    ).toEqual([['ADMINISTRATION_NOT_FOUND', ['input', 'fromAdministrationId']]]);
    expect(await api.rename({ templateId: existing.id, name: 'Uniek 2' })).toEqual({
      template: { id: existing.id, name: 'Uniek 2' },
      userErrors: [],
    });
    expect(codes((await api.rename({ templateId: existing.id, name: 'bouw' })).userErrors)).toEqual(
      [['DUPLICATE_TEMPLATE_NAME', ['input', 'name']]],
    );
    expect(codes((await api.rename({ templateId: existing.id, name: '' })).userErrors)).toEqual([
      ['EMPTY_NAME', ['input', 'name']],
    ]);
    expect(codes((await api.rename({ templateId: 'nope', name: 'x' })).userErrors)).toEqual([
      ['TEMPLATE_NOT_FOUND', ['input', 'templateId']],
    ]);
  });

  test('userErrors of the account and VAT code edits', async () => {
    const t = (await api.create({ name: 'Fouten' })).template!;
    const id = t.id;
    expect(
      codes(
        (await api.addAccount({ templateId: id, code: '1100', name: 'x', type: 'ASSET' }))
          .userErrors,
      ),
    ).toEqual([['DUPLICATE_ACCOUNT_CODE', ['input', 'code']]]);
    expect(
      codes(
        (
          await api.addAccount({
            templateId: id,
            code: '11 00',
            name: '',
            type: 'ASSET',
            rgsCode: 'x',
          })
        ).userErrors,
      ),
    ).toEqual([
      ['INVALID_ACCOUNT_CODE', ['input', 'code']],
      ['EMPTY_NAME', ['input', 'name']],
      ['INVALID_RGS_CODE', ['input', 'rgsCode']],
    ]);
    expect(
      codes((await api.updateAccount({ templateId: id, code: '0000', name: 'x' })).userErrors),
    ).toEqual([['ACCOUNT_NOT_FOUND', ['input', 'code']]]);
    expect(
      codes(
        (await api.updateAccount({ templateId: id, code: '1000', newCode: '1100' })).userErrors,
      ),
    ).toEqual([['DUPLICATE_ACCOUNT_CODE', ['input', 'newCode']]]);
    expect(codes((await api.removeAccount({ templateId: id, code: '1550' })).userErrors)).toEqual([
      ['ACCOUNT_IN_USE', ['input', 'code']],
    ]);
    expect(codes((await api.removeAccount({ templateId: id, code: '1000' })).userErrors)).toEqual([
      ['ACCOUNT_IN_USE', ['input', 'code']],
    ]);
    expect(codes((await api.removeAccount({ templateId: id, code: '0000' })).userErrors)).toEqual([
      ['ACCOUNT_NOT_FOUND', ['input', 'code']],
    ]);
    const vat = (input: Record<string, unknown>) =>
      api.setVatCode({
        templateId: id,
        code: 'X1',
        description: 'x',
        rate: '21',
        direction: 'SALES',
        vatAccountCode: '1500',
        ...input,
      });
    expect(codes((await vat({ code: 'x-1' })).userErrors)).toEqual([
      ['INVALID_VAT_CODE', ['input', 'code']],
    ]);
    expect(codes((await vat({ description: '' })).userErrors)).toEqual([
      ['EMPTY_DESCRIPTION', ['input', 'description']],
    ]);
    for (const rate of ['100', '-1', '21.001', 'ten']) {
      expect(codes((await vat({ rate })).userErrors)).toEqual([
        ['INVALID_RATE', ['input', 'rate']],
      ]);
    }
    expect(codes((await vat({ vatAccountCode: null })).userErrors)).toEqual([
      ['VAT_ACCOUNT_REQUIRED', ['input', 'vatAccountCode']],
    ]);
    expect(codes((await vat({ reverseCharge: true })).userErrors)).toEqual([
      ['VAT_ACCOUNT_REQUIRED', ['input', 'inputVatAccountCode']],
    ]);
    expect(codes((await vat({ vatAccountCode: '0000' })).userErrors)).toEqual([
      ['UNKNOWN_ACCOUNT', ['input', 'vatAccountCode']],
    ]);
    expect(codes((await vat({ vatBox: '9z' })).userErrors)).toEqual([
      ['INVALID_VAT_CODE', ['input', 'vatBox']],
    ]);
    expect(codes((await api.removeVatCode({ templateId: id, code: 'NOPE' })).userErrors)).toEqual([
      ['VAT_CODE_NOT_FOUND', ['input', 'code']],
    ]);
    // Nothing of the above changed the template.
    const [n] = await kit.ledgerDb.query(
      `SELECT count(*)::int AS n FROM ledger.chart_template_vat_codes WHERE template_id = $1`,
      [id],
    );
    expect(n.n).toBe(DEFAULT_VAT_CODES.length);
    // Unknown templates.
    for (const r of [
      await api.addAccount({
        templateId: '00000000-0000-4000-8000-000000000000',
        code: '1',
        name: 'x',
        type: 'ASSET',
      }),
      await api.setVatCode({
        templateId: '00000000-0000-4000-8000-000000000000',
        code: 'X',
        description: 'x',
        rate: '0',
        direction: 'SALES',
      }),
      await api.remove({ templateId: '00000000-0000-4000-8000-000000000000' }),
      await api.setDefault({ templateId: '00000000-0000-4000-8000-000000000000' }),
    ]) {
      expect(codes(r.userErrors)).toEqual([['TEMPLATE_NOT_FOUND', ['input', 'templateId']]]);
    }
    expect(await api.remove({ templateId: id })).toEqual({ templateId: id, userErrors: [] });
    expect(codes((await api.remove({ templateId: id })).userErrors)).toEqual([
      ['TEMPLATE_NOT_FOUND', ['input', 'templateId']],
    ]);
  });

  test("only the office's own ADMIN: a MEMBER, a client and another office's ADMIN are refused", async () => {
    const t = (await api.create({ name: 'Privé' })).template!;
    const b = await makeBooks(kit, o);
    const member = await userWith(kit, b, ['LEDGER_READ', 'LEDGER_WRITE', 'ADMINISTRATION_MANAGE']);
    const client = await userWith(kit, b, ['LEDGER_READ'], 'CLIENT');
    for (const token of [member, client]) {
      const q = await kit.gql(token, `{ chartTemplates { id } kantoorChartTemplate { id } }`);
      expect(q.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      const r = await kit.gql(
        token,
        `mutation { createChartTemplate(input: { name: "x" }) { template { id } userErrors { code } } }`,
      );
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const renamed = await kit.gql(
        token,
        `mutation($input: RenameChartTemplateInput!) { renameChartTemplate(input: $input) { template { id } userErrors { code } } }`,
        { input: { templateId: t.id, name: 'Gekaapt' } },
      );
      expect(renamed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    // Another office's ADMIN passes the rule but never finds this office's templates.
    const stranger = await makeOffice(kit);
    const theirs = mutations(() => stranger.adminToken);
    expect(codes((await theirs.rename({ templateId: t.id, name: 'Gekaapt' })).userErrors)).toEqual([
      ['TEMPLATE_NOT_FOUND', ['input', 'templateId']],
    ]);
    const seen = await kit.gql<{ chartTemplate: unknown; chartTemplates: unknown[] }>(
      stranger.adminToken,
      `query($id: ID!) { chartTemplate(id: $id) { id } chartTemplates { id } }`,
      { id: t.id },
    );
    expect(seen.data).toEqual({ chartTemplate: null, chartTemplates: [] });
    const [row] = await kit.ledgerDb.query(
      `SELECT name FROM ledger.chart_templates WHERE id = $1`,
      [t.id],
    );
    expect(row.name).toBe('Privé');
    const mine = await kit.gql<{ chartTemplate: { id: string; name: string } }>(
      o.adminToken,
      `query($id: ID!) { chartTemplate(id: $id) { id name } }`,
      { id: t.id },
    );
    expect(mine.data!.chartTemplate).toEqual({ id: t.id, name: 'Privé' });
  });
});

/**
 * Issue 17 follow-up: a template's VAT code goes through the administration's own check
 * (checkVatCode), so a template cannot hold a code that books opened from it would refuse.
 * Each input is sent to both createVatCode (an administration on the default chart) and
 * setChartTemplateVatCode (a template copied from the default chart: the same account codes).
 */
describe('template VAT codes: the same rule as an administration (issue 17)', () => {
  let o: Office;
  let books: { administrationId: string };
  let api: ReturnType<typeof mutations>;
  let templateId: string;

  const CREATE_VAT = `mutation($input: CreateVatCodeInput!) { createVatCode(input: $input) {
    vatCode { code reverseCharge exemptionGround vatAccount { code } inputVatAccount { code } }
    userErrors { field message code } } }`;
  type AdministrationVat = {
    vatCode: {
      code: string;
      reverseCharge: boolean;
      exemptionGround: string | null;
      vatAccount: { code: string } | null;
      inputVatAccount: { code: string } | null;
    } | null;
    userErrors: UserErrorData[];
  };
  const inAdministration = async (input: Record<string, unknown>) => {
    const r = await kit.gql<{ createVatCode: AdministrationVat }>(o.adminToken, CREATE_VAT, {
      input: { administrationId: books.administrationId, ...input },
    });
    expect(r.errors).toBeUndefined();
    return r.data!.createVatCode;
  };
  const inTemplate = async (input: Record<string, unknown>) =>
    (await api.setVatCode({ templateId, ...input })) as {
      vatCode: Record<string, unknown> | null;
      userErrors: UserErrorData[];
    };
  /** The template's VAT code rows and its changed-at stamp, to prove a refusal wrote nothing. */
  const templateState = async () => ({
    rows: (await kit.ledgerDb.query(
      `SELECT * FROM ledger.chart_template_vat_codes WHERE template_id = $1 ORDER BY code`,
      [templateId],
    )) as Record<string, unknown>[],
    touched: (
      (await kit.ledgerDb.query(`SELECT updated_at FROM ledger.chart_templates WHERE id = $1`, [
        templateId,
      ])) as { updated_at: Date }[]
    )[0]!.updated_at.toISOString(),
  });
  const administrationCodes = async () =>
    (
      (await kit.ledgerDb.query(
        `SELECT code FROM ledger.vat_codes WHERE administration_id = $1 ORDER BY code`,
        [books.administrationId],
      )) as { code: string }[]
    ).map((r) => r.code);

  beforeAll(async () => {
    o = await makeOffice(kit);
    api = mutations(() => o.adminToken);
    books = await makeBooks(kit, o);
    const created = await api.create({ name: 'Btw-regels' });
    expect(created.userErrors).toEqual([]);
    templateId = created.template!.id;
  });

  const refused: [string, Record<string, unknown>, [string, string[]][]][] = [
    [
      'a reverse-charge code without a VAT account (0%: the rate asks for none)',
      {
        code: 'RC0',
        description: 'Verlegd zonder btw-rekening',
        rate: '0',
        direction: 'PURCHASES',
        reverseCharge: true,
        inputVatAccountCode: '1550',
      },
      [['VAT_ACCOUNT_REQUIRED', ['input', 'vatAccountCode']]],
    ],
    [
      'a reverse-charge code without any VAT account at 21%',
      {
        code: 'RC21',
        description: 'Verlegd 21% zonder rekeningen',
        rate: '21',
        direction: 'PURCHASES',
        reverseCharge: true,
      },
      [
        ['VAT_ACCOUNT_REQUIRED', ['input', 'vatAccountCode']],
        ['VAT_ACCOUNT_REQUIRED', ['input', 'inputVatAccountCode']],
      ],
    ],
    [
      'an exempt code with a VAT account',
      {
        code: 'VVRIJ2',
        description: 'Vrijgesteld met btw-rekening',
        rate: '0',
        direction: 'SALES',
        vatAccountCode: '1500',
        exemptionGround: 'art. 11 lid 1 sub g Wet OB 1968',
      },
      [['INVALID_VAT_CODE', ['input', 'exemptionGround']]],
    ],
  ];

  test.each(refused)(
    '%s: refused with the administration’s code; nothing written',
    async (_, input, expected) => {
      const before = await templateState();
      const administrationBefore = await administrationCodes();
      const template = await inTemplate(input);
      const administration = await inAdministration(input);
      expect(codes(template.userErrors)).toEqual(expected);
      expect(codes(template.userErrors)).toEqual(codes(administration.userErrors));
      expect(template.vatCode).toBeNull();
      expect(administration.vatCode).toBeNull();
      expect(await templateState()).toEqual(before);
      expect(await administrationCodes()).toEqual(administrationBefore);
    },
  );

  test('replacing an existing code with a refused one leaves the stored code as it was', async () => {
    const before = await templateState();
    const r = await inTemplate({
      code: 'IEU9',
      description: 'Verlegd, btw-rekening vergeten',
      rate: '0',
      direction: 'PURCHASES',
      reverseCharge: true,
      inputVatAccountCode: '1550',
    });
    expect(codes(r.userErrors)).toEqual([['VAT_ACCOUNT_REQUIRED', ['input', 'vatAccountCode']]]);
    const exempt = await inTemplate({
      code: 'VVRIJ',
      description: 'Vrijgesteld',
      rate: '0',
      direction: 'SALES',
      vatAccountCode: '1500',
      exemptionGround: 'art. 11',
    });
    expect(codes(exempt.userErrors)).toEqual([['INVALID_VAT_CODE', ['input', 'exemptionGround']]]);
    const after = await templateState();
    expect(after).toEqual(before);
    expect(after.rows.find((v) => v.code === 'IEU9')).toMatchObject({
      reverse_charge: true,
      vat_account_code: '1500',
      input_vat_account_code: '1550',
    });
  });

  test('an input VAT account on a code that is not reverse charge is not kept (as in an administration)', async () => {
    const input = {
      code: 'I21C',
      description: 'Inkopen 21%, voorbelasting',
      rate: '21',
      direction: 'PURCHASES',
      vatAccountCode: '1550',
      inputVatAccountCode: '1550',
    };
    const template = await inTemplate(input);
    const administration = await inAdministration(input);
    expect(template.userErrors).toEqual([]);
    expect(administration.userErrors).toEqual([]);
    expect(template.vatCode).toMatchObject({ reverseCharge: false, inputVatAccountCode: null });
    expect(administration.vatCode).toMatchObject({ reverseCharge: false, inputVatAccount: null });
    // The administration ignores the field without looking the account up; so does the template.
    const unknown = { ...input, code: 'I21D', inputVatAccountCode: '9876' };
    expect((await inTemplate(unknown)).userErrors).toEqual([]);
    expect((await inAdministration(unknown)).userErrors).toEqual([]);
    const [row] = await kit.ledgerDb.query(
      `SELECT input_vat_account_code FROM ledger.chart_template_vat_codes WHERE template_id = $1 AND code = 'I21D'`,
      [templateId],
    );
    expect(row).toEqual({ input_vat_account_code: null });
  });

  test('valid codes still save (new and replaced), and books opened from the template get them', async () => {
    const valid: Record<string, unknown>[] = [
      {
        code: 'IEU21B',
        description: 'Verlegd 21%',
        rate: '21',
        direction: 'PURCHASES',
        reverseCharge: true,
        vatAccountCode: '1500',
        inputVatAccountCode: '1550',
        turnoverBox: '4b',
        vatBox: '4b',
      },
      {
        code: 'VZORG',
        description: 'Zorg (vrijgesteld)',
        rate: '0',
        direction: 'SALES',
        exemptionGround: 'art. 11 lid 1 sub g Wet OB 1968',
      },
      { code: 'V0B', description: 'Verkopen 0%', rate: '0', direction: 'SALES', turnoverBox: '1e' },
    ];
    for (const input of valid) {
      const template = await inTemplate(input);
      const administration = await inAdministration(input);
      expect(template.userErrors).toEqual([]);
      expect(administration.userErrors).toEqual([]);
      expect(template.vatCode).toMatchObject({ code: input.code });
    }
    const replaced = await inTemplate({
      code: 'VVRIJ',
      description: 'Vrijgestelde omzet (onderwijs)',
      rate: '0',
      direction: 'SALES',
      exemptionGround: 'art. 11 lid 1 sub o Wet OB 1968',
    });
    expect(replaced).toEqual({
      vatCode: expect.objectContaining({
        code: 'VVRIJ',
        description: 'Vrijgestelde omzet (onderwijs)',
        vatAccountCode: null,
      }),
      userErrors: [],
    });
    const opened = await createAdministration(o, templateId);
    const chart = await chartOf(o.adminToken, opened);
    expect(chart.vatCodes.map((v) => v.code)).toEqual(
      expect.arrayContaining(['IEU21B', 'VZORG', 'V0B', 'VVRIJ']),
    );
  });
});
