import { allow, isOps, or, type RuleMap } from '@kantoor/platform';
import { isAdminOfOffice } from '../user/user.permissions.js';

export const opsRules: RuleMap = {
  Query: { offices: isOps },
  Mutation: { suspendOffice: isOps },
  Office: {
    suspended: isOps,
    usage: or(isOps, isAdminOfOffice),
  },
  OfficeConnection: { '*': allow },
  OfficeEdge: { '*': allow },
  OfficeUsage: { '*': allow },
  SuspendOfficePayload: { '*': allow },
};
