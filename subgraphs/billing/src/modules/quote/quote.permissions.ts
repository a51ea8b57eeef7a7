import { allow, isOfficeAdmin, type RuleMap } from '@kantoor/platform';

export const quoteRules: RuleMap = {
  Query: { priceQuote: isOfficeAdmin },
  PriceQuote: { '*': allow },
};
