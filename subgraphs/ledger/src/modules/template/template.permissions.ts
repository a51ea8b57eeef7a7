import { allow, isOfficeAdmin, type RuleMap } from '@kantoor/platform';

/** Office chart templates: the office ADMIN (of the viewer's own office) only. */
export const templateRules: RuleMap = {
  Query: {
    chartTemplates: isOfficeAdmin,
    chartTemplate: isOfficeAdmin,
    kantoorChartTemplate: isOfficeAdmin,
  },
  Mutation: {
    createChartTemplate: isOfficeAdmin,
    renameChartTemplate: isOfficeAdmin,
    deleteChartTemplate: isOfficeAdmin,
    setDefaultChartTemplate: isOfficeAdmin,
    addChartTemplateAccount: isOfficeAdmin,
    updateChartTemplateAccount: isOfficeAdmin,
    removeChartTemplateAccount: isOfficeAdmin,
    setChartTemplateVatCode: isOfficeAdmin,
    removeChartTemplateVatCode: isOfficeAdmin,
  },
  ChartTemplate: { '*': allow },
  ChartTemplateAccount: { '*': allow },
  ChartTemplateVatCode: { '*': allow },
  ChartTemplateJournal: { '*': allow },
  ChartTemplatePayload: { '*': allow },
  DeleteChartTemplatePayload: { '*': allow },
  ChartTemplateAccountPayload: { '*': allow },
  ChartTemplateVatCodePayload: { '*': allow },
  RemoveChartTemplateItemPayload: { '*': allow },
};
