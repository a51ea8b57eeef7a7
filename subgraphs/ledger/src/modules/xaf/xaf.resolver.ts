import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { LedgerContext } from '../../context.js';
import { LedgerAdministration } from '../administration/administration.type.js';

@Resolver(() => LedgerAdministration)
export class XafAdministrationResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'LEDGER_READ. The XML Auditfile Financieel (XAF 3.2) of a fiscal year (boekjaar): header, company, general ledger accounts with their RGS code, VAT codes, the 12 periods, the opening balance carried from earlier years and every entry by journal, with line counts and totals (equal to the trial balance of the year). The header names the company as tenancy has it (Administration.name, vatNumber, kvkNumber; the ledger keeps a copy from the events of tenancy, never from the caller). Null while the books are not open.',
  })
  auditFile(
    @Root() administration: LedgerAdministration,
    @Arg('fiscalYear', () => Int, { description: 'The fiscal year (boekjaar), e.g. 2025.' })
    fiscalYear: number,
    @Ctx() ctx: LedgerContext,
  ): Promise<string | null> {
    return ctx.services.xaf.auditFile(administration.id, fiscalYear);
  }
}
