import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { LedgerContext } from '../../context.js';
import { withLedgerUserErrors } from '../common/ledger.errors.js';
import {
  CreateAccountInput,
  CreateAccountPayload,
  DeleteAccountInput,
  DeleteAccountPayload,
  SetAccountBlockedInput,
  SetAccountBlockedPayload,
  SetVatCodeBlockedInput,
  SetVatCodeBlockedPayload,
  UpdateAccountInput,
  UpdateAccountPayload,
  CreateVatCodeInput,
  UpdateVatCodeInput,
  VatCodePayload,
} from './account.inputs.js';
import { LedgerAdministration } from '../administration/administration.type.js';
import { accountById } from './account.loaders.js';
import { Account, Journal, VatCode } from './account.type.js';

@Resolver(() => LedgerAdministration)
export class LedgerAdministrationResolver {
  @FieldResolver(() => [Account], {
    nullable: true,
    description:
      'LEDGER_READ. The chart of accounts (grootboekrekeningen), blocked ones included, by code.',
  })
  async accounts(
    @Root() administration: LedgerAdministration,
    @Ctx() ctx: LedgerContext,
  ): Promise<Account[]> {
    return (await ctx.loaders.accounts.load(administration.id)).map((r) => Account.from(r));
  }

  @FieldResolver(() => [VatCode], {
    nullable: true,
    description: 'LEDGER_READ. The VAT codes (btw-codes), blocked ones included, by code.',
  })
  async vatCodes(
    @Root() administration: LedgerAdministration,
    @Ctx() ctx: LedgerContext,
  ): Promise<VatCode[]> {
    return (await ctx.loaders.vatCodes.load(administration.id)).map((row) => VatCode.from(row));
  }

  @FieldResolver(() => [Journal], {
    nullable: true,
    description: 'LEDGER_READ. Journals (dagboeken), by code.',
  })
  async journals(
    @Root() administration: LedgerAdministration,
    @Ctx() ctx: LedgerContext,
  ): Promise<Journal[]> {
    return (await ctx.loaders.journals.load(administration.id)).map((row) => Journal.from(row));
  }
}

@Resolver(() => VatCode)
export class VatCodeResolver {
  @FieldResolver(() => Account, {
    nullable: true,
    description: 'Where the VAT (reverse charge: the VAT due) is booked; null for 0% codes.',
  })
  vatAccount(@Root() vatCode: VatCode, @Ctx() ctx: LedgerContext): Promise<Account | null> {
    return accountById(ctx, vatCode.administrationId, vatCode.vatAccountId);
  }

  @FieldResolver(() => Account, {
    nullable: true,
    description: 'Reverse charge only: where the equal input VAT (voorbelasting) is booked.',
  })
  inputVatAccount(@Root() vatCode: VatCode, @Ctx() ctx: LedgerContext): Promise<Account | null> {
    return accountById(ctx, vatCode.administrationId, vatCode.inputVatAccountId);
  }
}

@Resolver(() => Journal)
export class JournalResolver {
  @FieldResolver(() => Account, {
    nullable: true,
    description: 'The account of a bank or cash journal.',
  })
  account(@Root() journal: Journal, @Ctx() ctx: LedgerContext): Promise<Account | null> {
    return accountById(ctx, journal.administrationId, journal.accountId);
  }
}

@Resolver()
export class AccountMutationResolver {
  @Mutation(() => CreateAccountPayload, {
    description:
      'ADMINISTRATION_MANAGE. Adds a ledger account. userErrors: INVALID_ACCOUNT_CODE, DUPLICATE_ACCOUNT_CODE, EMPTY_NAME, TEXT_TOO_LONG, INVALID_RGS_CODE, BOOKS_NOT_OPEN.',
  })
  createAccount(
    @Arg('input', () => CreateAccountInput, { description: 'The new account.' })
    input: CreateAccountInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<CreateAccountPayload> {
    return withLedgerUserErrors(async () => ({
      account: Account.from(await ctx.services.accounts.create(input.administrationId, input)),
    }));
  }

  @Mutation(() => UpdateAccountPayload, {
    description:
      'ADMINISTRATION_MANAGE. Renames an account or changes its type, RGS code or (without bookings) code. userErrors: ACCOUNT_NOT_FOUND, ACCOUNT_HAS_BOOKINGS, INVALID_ACCOUNT_CODE, DUPLICATE_ACCOUNT_CODE, EMPTY_NAME, INVALID_RGS_CODE.',
  })
  updateAccount(
    @Arg('input', () => UpdateAccountInput, { description: 'The account and what changes.' })
    input: UpdateAccountInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<UpdateAccountPayload> {
    return withLedgerUserErrors(async () => ({
      account: Account.from(
        await ctx.services.accounts.update(input.administrationId, input.accountId, input),
      ),
    }));
  }

  @Mutation(() => SetAccountBlockedPayload, {
    description:
      'ADMINISTRATION_MANAGE. Blocks an account (no new postings; its history stays) or unblocks it. userErrors: ACCOUNT_NOT_FOUND.',
  })
  setAccountBlocked(
    @Arg('input', () => SetAccountBlockedInput, {
      description: 'The account and whether it is blocked.',
    })
    input: SetAccountBlockedInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<SetAccountBlockedPayload> {
    return withLedgerUserErrors(async () => ({
      account: Account.from(
        await ctx.services.accounts.setBlocked(
          input.administrationId,
          input.accountId,
          input.blocked,
        ),
      ),
    }));
  }

  @Mutation(() => SetVatCodeBlockedPayload, {
    description:
      'ADMINISTRATION_MANAGE. Blocks a VAT code (no new postings with it) or unblocks it. userErrors: VAT_CODE_NOT_FOUND.',
  })
  setVatCodeBlocked(
    @Arg('input', () => SetVatCodeBlockedInput, {
      description: 'The VAT code and whether it is blocked.',
    })
    input: SetVatCodeBlockedInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<SetVatCodeBlockedPayload> {
    return withLedgerUserErrors(async () => ({
      vatCode: VatCode.from(
        await ctx.services.accounts.setVatCodeBlocked(
          input.administrationId,
          input.code,
          input.blocked,
        ),
      ),
    }));
  }

  @Mutation(() => VatCodePayload, {
    description:
      'ADMINISTRATION_MANAGE. Adds a VAT code to the administration (e.g. a 9% reverse-charge code, an exempt code with its ground). userErrors: INVALID_VAT_CODE, DUPLICATE_VAT_CODE, EMPTY_DESCRIPTION, TEXT_TOO_LONG, INVALID_RATE, VAT_ACCOUNT_REQUIRED, UNKNOWN_ACCOUNT, ACCOUNT_BLOCKED, BOOKS_NOT_OPEN.',
  })
  createVatCode(
    @Arg('input', () => CreateVatCodeInput, { description: 'The new VAT code.' })
    input: CreateVatCodeInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<VatCodePayload> {
    return withLedgerUserErrors(async () => ({
      vatCode: VatCode.from(await ctx.services.vatCodes.create(input.administrationId, input)),
    }));
  }

  @Mutation(() => VatCodePayload, {
    description:
      'ADMINISTRATION_MANAGE. Changes a VAT code: description, boxes, exemption ground and VAT accounts always; rate, direction and reverse charge only while no posted or draft line uses it. userErrors: VAT_CODE_NOT_FOUND, VAT_CODE_IN_USE, and those of createVatCode.',
  })
  updateVatCode(
    @Arg('input', () => UpdateVatCodeInput, { description: 'The VAT code and what changes.' })
    input: UpdateVatCodeInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<VatCodePayload> {
    // Null keeps a field that cannot be cleared.
    const { description, rate, direction, reverseCharge, ...rest } = input;
    return withLedgerUserErrors(async () => ({
      vatCode: VatCode.from(
        await ctx.services.vatCodes.update(input.administrationId, {
          ...rest,
          description: description ?? undefined,
          rate: rate ?? undefined,
          direction: direction ?? undefined,
          reverseCharge: reverseCharge ?? undefined,
        }),
      ),
    }));
  }

  @Mutation(() => DeleteAccountPayload, {
    description:
      'ADMINISTRATION_MANAGE. Deletes an account without bookings. userErrors: ACCOUNT_NOT_FOUND, ACCOUNT_HAS_BOOKINGS (block it instead), ACCOUNT_IN_USE (a VAT code or journal uses it).',
  })
  deleteAccount(
    @Arg('input', () => DeleteAccountInput, { description: 'The account to delete.' })
    input: DeleteAccountInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<DeleteAccountPayload> {
    return withLedgerUserErrors(async () => ({
      accountId: await ctx.services.accounts.delete(input.administrationId, input.accountId),
    }));
  }
}
