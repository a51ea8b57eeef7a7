import { MoneyDecimal, roundCents, type Decimal } from '@kantoor/platform';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Clock } from '@kantoor/platform';
import type { PriceListService } from '../price-list/price-list.service.js';
import { internalTierOf, VAT_RATE, type PriceCode } from '../statement/statement.calc.js';
import { UsageService } from '../usage/usage.service.js';
import { clientLoginCode, currentUsage, type UsageCode } from '../usage/usage.calc.js';
import { MODULES, type AdministrationKind, type Module } from './quote.enums.js';

export interface Quote {
  kind: AdministrationKind;
  clientModules: Module[];
  code: PriceCode;
  description: string;
  monthlyPrice: Decimal;
  vat: Decimal;
  monthlyPriceInclVat: Decimal;
  currentCount: number;
  trialEndsAt: Date | null;
  priceListEffectiveFrom: string;
}

function badInput(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', argumentName: argument },
  });
}

/** What one more administration would add to an office's monthly bill. */
export class QuoteService {
  private readonly usage: UsageService;

  constructor(
    db: DataSource,
    private readonly clock: Clock,
    private readonly priceLists: PriceListService,
  ) {
    this.usage = new UsageService(db);
  }

  /**
   * The monthly price (excl. and incl. VAT) of one more administration of `kind` at the
   * office's current volume: for INTERNAL the tier the next one falls in; for one with
   * client login the price of its client modules; EXTERNAL is free. Null when no price
   * list is in force.
   */
  async quote(
    officeId: string,
    kind: AdministrationKind,
    requestedModules: readonly Module[],
  ): Promise<Quote | null> {
    const clientModules = MODULES.filter((m) => requestedModules.includes(m));
    if (kind === 'INTERNAL_WITH_CLIENT_LOGIN' && clientModules.length === 0) {
      throw badInput('Choose at least one module the client may use.', 'clientModules');
    }
    if (kind !== 'INTERNAL_WITH_CLIENT_LOGIN' && clientModules.length > 0) {
      throw badInput(
        'Only an administration with client login has client modules.',
        'clientModules',
      );
    }
    const prices = await this.priceLists.inForceOn(this.clock.today());
    if (!prices) return null;
    const now = this.clock.now();
    const { forms, trialEndsAt } = currentUsage(
      officeId.toLowerCase(),
      await this.usage.factsOf([officeId]),
      now,
    );
    const count = (codes: (c: UsageCode) => boolean) => forms.filter((f) => codes(f.code)).length;
    let code: PriceCode;
    let currentCount: number;
    if (kind === 'INTERNAL') {
      currentCount = count((c) => c === 'INTERNAL');
      code = internalTierOf(currentCount + 1);
    } else if (kind === 'INTERNAL_WITH_CLIENT_LOGIN') {
      currentCount = count((c) => c.startsWith('CLIENT_LOGIN_'));
      code = clientLoginCode(clientModules) as PriceCode;
    } else {
      currentCount = count((c) => c === 'EXTERNAL');
      code = 'EXTERNAL';
    }
    const item = prices.items.find((i) => i.code === code);
    if (!item) throw new Error(`the price list has no item ${code}`);
    const monthlyPrice = new MoneyDecimal(item.unitPrice);
    const vat = roundCents(monthlyPrice.mul(VAT_RATE));
    const trialEnd = trialEndsAt ? new Date(trialEndsAt) : null;
    return {
      kind,
      clientModules,
      code,
      description: item.description,
      monthlyPrice,
      vat,
      monthlyPriceInclVat: monthlyPrice.add(vat),
      currentCount,
      trialEndsAt: trialEnd && trialEnd.getTime() > now.getTime() ? trialEnd : null,
      priceListEffectiveFrom: prices.list.effectiveFrom,
    };
  }
}
