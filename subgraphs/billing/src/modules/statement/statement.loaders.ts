import DataLoader from 'dataloader';
import type { StatementService, StatementView } from './statement.service.js';

/** Per request: the preview of each office, computed for all offices of the request at once. */
export function createPreviewLoader(service: StatementService) {
  return new DataLoader<string, StatementView | null>(async (ids) => {
    const previews = await service.preview(ids);
    return ids.map((id) => previews.get(id.toLowerCase()) ?? null);
  });
}

/** Per request: the statements made for each office, one query for all offices. */
export function createStatementsLoader(service: StatementService) {
  return new DataLoader<string, StatementView[]>(async (ids) => {
    const statements = await service.statementsOf(ids);
    return ids.map((id) => statements.get(id.toLowerCase()) ?? []);
  });
}
