import DataLoader from 'dataloader';
import type { TemplateService } from './template.service.js';
import type { TemplateContents } from './template.sql.js';

/** Accounts, VAT codes and journals per template: three queries for a list of templates. */
export function createTemplateContentsLoader(service: TemplateService) {
  return new DataLoader<string, TemplateContents>(async (ids) => {
    const contents = await service.contentsOf(ids);
    return ids.map((id) => contents.get(id) ?? { accounts: [], vatCodes: [], journals: [] });
  });
}
