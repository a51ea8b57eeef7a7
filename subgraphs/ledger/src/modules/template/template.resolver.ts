import { assertOfficeAdmin } from '@kantoor/platform';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { LedgerContext } from '../../context.js';
import {
  KANTOOR_DEFAULT_CHART,
  KANTOOR_DEFAULT_TEMPLATE_ID,
} from '../account/default-chart.data.js';
import { withLedgerUserErrors } from '../common/ledger.errors.js';
import type { ChartTemplateEntity } from './template.entity.js';
import {
  AddChartTemplateAccountInput,
  ChartTemplate,
  ChartTemplateAccount,
  ChartTemplateAccountPayload,
  ChartTemplateJournal,
  ChartTemplatePayload,
  ChartTemplateVatCode,
  ChartTemplateVatCodePayload,
  CreateChartTemplateInput,
  DeleteChartTemplateInput,
  DeleteChartTemplatePayload,
  RemoveChartTemplateAccountInput,
  RemoveChartTemplateItemPayload,
  RemoveChartTemplateVatCodeInput,
  RenameChartTemplateInput,
  SetChartTemplateVatCodeInput,
  SetDefaultChartTemplateInput,
  UpdateChartTemplateAccountInput,
} from './template.type.js';

/** An office ADMIN: the rule isOfficeAdmin ran first; this checks again (issue 9). */
function officeOf(ctx: LedgerContext): { officeId: string; userId: string } {
  const v = assertOfficeAdmin(ctx.viewer);
  return { officeId: v.officeId, userId: v.userId };
}

function toTemplate(row: ChartTemplateEntity): ChartTemplate {
  return Object.assign(new ChartTemplate(), {
    spec: null,
    id: row.id,
    name: row.name,
    isDefault: row.isDefault,
    builtIn: false,
    updatedAt: row.updatedAt,
  });
}

const builtIn = (isDefault: boolean): ChartTemplate =>
  Object.assign(new ChartTemplate(), {
    spec: KANTOOR_DEFAULT_CHART,
    id: KANTOOR_DEFAULT_TEMPLATE_ID,
    name: 'Kantoor standaard rekeningschema',
    isDefault,
    builtIn: true,
    updatedAt: null,
  });

@Resolver(() => ChartTemplate)
export class ChartTemplateResolver {
  @Query(() => [ChartTemplate], {
    nullable: true,
    description: "Office ADMIN only. The office's own chart templates, by name.",
  })
  async chartTemplates(@Ctx() ctx: LedgerContext): Promise<ChartTemplate[]> {
    return (await ctx.services.templates.list(officeOf(ctx).officeId)).map(toTemplate);
  }

  @Query(() => ChartTemplate, {
    nullable: true,
    description: 'Office ADMIN only. Null when it is no template of the office.',
  })
  async chartTemplate(
    @Arg('id', () => ID, { description: "The template's id." }) id: string,
    @Ctx() ctx: LedgerContext,
  ): Promise<ChartTemplate | null> {
    if (id === KANTOOR_DEFAULT_TEMPLATE_ID) return this.kantoorChartTemplate(ctx);
    const row = await ctx.services.templates.get(officeOf(ctx).officeId, id);
    return row ? toTemplate(row) : null;
  }

  @Query(() => ChartTemplate, {
    nullable: true,
    description:
      "Office ADMIN only. Kantoor's built-in default chart; isDefault when the office has no default of its own.",
  })
  async kantoorChartTemplate(@Ctx() ctx: LedgerContext): Promise<ChartTemplate> {
    const own = await ctx.services.templates.list(officeOf(ctx).officeId);
    return builtIn(!own.some((t) => t.isDefault));
  }

  @FieldResolver(() => [ChartTemplateAccount], { description: 'Its accounts, by code.' })
  async accounts(
    @Root() t: ChartTemplate,
    @Ctx() ctx: LedgerContext,
  ): Promise<ChartTemplateAccount[]> {
    const items = t.spec
      ? t.spec.accounts
      : (await ctx.loaders.templateContents.load(t.id)).accounts;
    return items.map((a) =>
      Object.assign(new ChartTemplateAccount(), a, { id: `${t.id}:${a.code}` }),
    );
  }

  @FieldResolver(() => [ChartTemplateVatCode], { description: 'Its VAT codes, by code.' })
  async vatCodes(
    @Root() t: ChartTemplate,
    @Ctx() ctx: LedgerContext,
  ): Promise<ChartTemplateVatCode[]> {
    const items = t.spec
      ? t.spec.vatCodes
      : (await ctx.loaders.templateContents.load(t.id)).vatCodes;
    return items.map((v) =>
      Object.assign(new ChartTemplateVatCode(), v, { id: `${t.id}:${v.code}` }),
    );
  }

  @FieldResolver(() => [ChartTemplateJournal], { description: 'Its journals, by code.' })
  async journals(
    @Root() t: ChartTemplate,
    @Ctx() ctx: LedgerContext,
  ): Promise<ChartTemplateJournal[]> {
    const items = t.spec
      ? t.spec.journals
      : (await ctx.loaders.templateContents.load(t.id)).journals;
    return items.map((j) =>
      Object.assign(new ChartTemplateJournal(), j, { id: `${t.id}:${j.code}` }),
    );
  }
}

@Resolver()
export class ChartTemplateMutationResolver {
  @Mutation(() => ChartTemplatePayload, {
    description:
      "Office ADMIN only. A new office template copied from Kantoor's default chart, from another template (fromTemplateId) or from an administration's chart (fromAdministrationId). Codes: EMPTY_NAME, TEXT_TOO_LONG, DUPLICATE_TEMPLATE_NAME, AMBIGUOUS_SOURCE, ADMINISTRATION_NOT_FOUND, TEMPLATE_NOT_FOUND.",
  })
  createChartTemplate(
    @Arg('input', () => CreateChartTemplateInput, {
      description: 'Name and source of the new template.',
    })
    input: CreateChartTemplateInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<ChartTemplatePayload> {
    const { officeId, userId } = officeOf(ctx);
    return withLedgerUserErrors(async () => ({
      template: toTemplate(
        await ctx.services.templates.create(officeId, userId, input, async (id) =>
          (await ctx.permissions.load(id)).has('LEDGER_READ'),
        ),
      ),
    }));
  }

  @Mutation(() => ChartTemplatePayload, {
    description:
      'Office ADMIN only. Codes: TEMPLATE_NOT_FOUND, EMPTY_NAME, DUPLICATE_TEMPLATE_NAME.',
  })
  renameChartTemplate(
    @Arg('input', () => RenameChartTemplateInput, { description: 'The template and its new name.' })
    input: RenameChartTemplateInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<ChartTemplatePayload> {
    return withLedgerUserErrors(async () => ({
      template: toTemplate(
        await ctx.services.templates.rename(officeOf(ctx).officeId, input.templateId, input.name),
      ),
    }));
  }

  @Mutation(() => DeleteChartTemplatePayload, {
    description:
      'Office ADMIN only. Administrations opened from it keep their books. Codes: TEMPLATE_NOT_FOUND.',
  })
  deleteChartTemplate(
    @Arg('input', () => DeleteChartTemplateInput, { description: 'The template to delete.' })
    input: DeleteChartTemplateInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<DeleteChartTemplatePayload> {
    return withLedgerUserErrors(async () => ({
      templateId: await ctx.services.templates.delete(officeOf(ctx).officeId, input.templateId),
    }));
  }

  @Mutation(() => ChartTemplatePayload, {
    description:
      "Office ADMIN only. The template new administrations start from when they name none; templateId null returns to Kantoor's default (then `template` is the built-in one). Codes: TEMPLATE_NOT_FOUND.",
  })
  setDefaultChartTemplate(
    @Arg('input', () => SetDefaultChartTemplateInput, {
      description: "The new default, or null for Kantoor's.",
    })
    input: SetDefaultChartTemplateInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<ChartTemplatePayload> {
    return withLedgerUserErrors(async () => {
      const row = await ctx.services.templates.setDefault(
        officeOf(ctx).officeId,
        input.templateId ?? null,
      );
      return { template: row ? toTemplate(row) : builtIn(true) };
    });
  }

  @Mutation(() => ChartTemplateAccountPayload, {
    description:
      'Office ADMIN only. Codes: TEMPLATE_NOT_FOUND, INVALID_ACCOUNT_CODE, DUPLICATE_ACCOUNT_CODE, EMPTY_NAME, INVALID_RGS_CODE.',
  })
  addChartTemplateAccount(
    @Arg('input', () => AddChartTemplateAccountInput, {
      description: 'The template and the account.',
    })
    input: AddChartTemplateAccountInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<ChartTemplateAccountPayload> {
    return withLedgerUserErrors(async () => ({
      account: templateItem(
        input.templateId,
        await ctx.services.templateCharts.addAccount(
          officeOf(ctx).officeId,
          input.templateId,
          input,
        ),
      ),
    }));
  }

  @Mutation(() => ChartTemplateAccountPayload, {
    description:
      'Office ADMIN only. Codes: TEMPLATE_NOT_FOUND, ACCOUNT_NOT_FOUND, INVALID_ACCOUNT_CODE, DUPLICATE_ACCOUNT_CODE, EMPTY_NAME, INVALID_RGS_CODE.',
  })
  updateChartTemplateAccount(
    @Arg('input', () => UpdateChartTemplateAccountInput, {
      description: 'The template, the account and what changes.',
    })
    input: UpdateChartTemplateAccountInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<ChartTemplateAccountPayload> {
    return withLedgerUserErrors(async () => ({
      account: templateItem(
        input.templateId,
        await ctx.services.templateCharts.updateAccount(
          officeOf(ctx).officeId,
          input.templateId,
          input.code,
          input,
        ),
      ),
    }));
  }

  @Mutation(() => RemoveChartTemplateItemPayload, {
    description: 'Office ADMIN only. Codes: TEMPLATE_NOT_FOUND, ACCOUNT_NOT_FOUND, ACCOUNT_IN_USE.',
  })
  removeChartTemplateAccount(
    @Arg('input', () => RemoveChartTemplateAccountInput, {
      description: 'The template and the account.',
    })
    input: RemoveChartTemplateAccountInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<RemoveChartTemplateItemPayload> {
    return withLedgerUserErrors(async () => ({
      code: await ctx.services.templateCharts.removeAccount(
        officeOf(ctx).officeId,
        input.templateId,
        input.code,
      ),
    }));
  }

  @Mutation(() => ChartTemplateVatCodePayload, {
    description:
      'Office ADMIN only. Adds or replaces a VAT code. Codes: TEMPLATE_NOT_FOUND, INVALID_VAT_CODE, EMPTY_DESCRIPTION, INVALID_RATE, VAT_ACCOUNT_REQUIRED, UNKNOWN_ACCOUNT.',
  })
  setChartTemplateVatCode(
    @Arg('input', () => SetChartTemplateVatCodeInput, {
      description: 'The template and the VAT code.',
    })
    input: SetChartTemplateVatCodeInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<ChartTemplateVatCodePayload> {
    return withLedgerUserErrors(async () => ({
      vatCode: templateItem(
        input.templateId,
        await ctx.services.templateCharts.setVatCode(
          officeOf(ctx).officeId,
          input.templateId,
          input,
        ),
      ),
    }));
  }

  @Mutation(() => RemoveChartTemplateItemPayload, {
    description: 'Office ADMIN only. Codes: TEMPLATE_NOT_FOUND, VAT_CODE_NOT_FOUND.',
  })
  removeChartTemplateVatCode(
    @Arg('input', () => RemoveChartTemplateVatCodeInput, {
      description: 'The template and the VAT code.',
    })
    input: RemoveChartTemplateVatCodeInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<RemoveChartTemplateItemPayload> {
    return withLedgerUserErrors(async () => ({
      code: await ctx.services.templateCharts.removeVatCode(
        officeOf(ctx).officeId,
        input.templateId,
        input.code,
      ),
    }));
  }
}

/** A template item with its stable id (the template's id and the item's code). */
function templateItem<T extends { code: string }>(templateId: string, item: T): T & { id: string } {
  return Object.assign(item, { id: `${templateId}:${item.code}` });
}
