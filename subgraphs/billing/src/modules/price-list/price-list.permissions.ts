import { allow, isOfficeAdmin, isOps, or, type RuleMap } from '@kantoor/platform';

export const priceListRules: RuleMap = {
  Query: { priceList: or(isOfficeAdmin, isOps), priceLists: isOps },
  Mutation: { setPriceList: isOps },
  PriceList: { '*': allow },
  PriceListItem: { '*': allow },
  PriceListEdge: { '*': allow },
  PriceListConnection: { '*': allow },
  SetPriceListPayload: { '*': allow },
};
