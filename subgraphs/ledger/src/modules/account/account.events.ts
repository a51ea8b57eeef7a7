import type { Subscription } from '@kantoor/platform';
import { openBooks } from './account.service.js';

/** Tenancy's "administration.created": open the books with the starter chart. */
export const accountSubscriptions: Subscription[] = [
  {
    event: 'administration.created',
    queue: 'ledger.open-books',
    handle: async (event, manager) => {
      const { administrationId, modules } = event.payload as {
        administrationId: string;
        modules: string[];
      };
      if (modules.includes('LEDGER')) await openBooks(manager, administrationId);
    },
  },
];
