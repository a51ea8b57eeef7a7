import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { LedgerContext } from '../../context.js';
import { LedgerAdministration } from '../account/account.type.js';

@Resolver(() => LedgerAdministration)
export class XafAdministrationResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'LEDGER_READ. The XML Auditfile Financieel (XAF 3.2) of a fiscal year (boekjaar): header, company, general ledger accounts with their RGS code, VAT codes, the 12 periods, the opening balance carried from earlier years and every entry by journal, with line counts and totals (equal to the trial balance of the year). The ledger knows administrations by id only: pass the name, VAT number and KvK number (Administration.name, vatNumber, kvkNumber) to put them in the file. Null while the books are not open.',
  })
  auditFile(
    @Root() administration: LedgerAdministration,
    @Arg('fiscalYear', () => Int) fiscalYear: number,
    @Ctx() ctx: LedgerContext,
    @Arg('companyName', () => String, {
      nullable: true,
      description: 'companyName; "Administratie <id>" when omitted.',
    })
    companyName?: string,
    @Arg('vatNumber', () => String, {
      nullable: true,
      description:
        'BTW-identificatienummer (taxRegIdent), e.g. NL123456782B01; empty when omitted.',
    })
    vatNumber?: string,
    @Arg('kvkNumber', () => String, {
      nullable: true,
      description: 'KvK number (companyIdent).',
    })
    kvkNumber?: string,
  ): Promise<string | null> {
    return ctx.services.xaf.auditFile(administration.id, fiscalYear, {
      name: companyName,
      vatNumber,
      kvkNumber,
    });
  }
}
