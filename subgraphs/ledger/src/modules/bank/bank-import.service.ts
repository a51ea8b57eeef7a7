import { createHash, randomUUID } from 'node:crypto';
import { isUuid, scoped } from '@kantoor/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { ledgerConfig } from '../../config.js';
import { JournalEntity } from '../account/account.entity.js';
import { lockBooks } from '../account/books.service.js';
import { ledgerError } from '../common/ledger.errors.js';
import { dedupeKeys } from './bank.calc.js';
import { insertDeclaredStatements, insertImport, insertTransactions } from './bank.sql.js';
import { parseCamt053 } from './camt053.parser.js';

/** The default of the largest statement file read (KANTOOR_LEDGER_MAX_STATEMENT_BYTES). */
export const MAX_STATEMENT_BYTES = 5 * 1024 * 1024;

export interface ImportResult {
  bankAccount: JournalEntity;
  importId: string;
  statementIds: string[];
  /** Booked entries in the file. */
  transactionCount: number;
  /** Stored by this import. */
  newCount: number;
  /** Already known from an earlier (or a concurrent) import: not stored again. */
  knownCount: number;
  /** Entries not booked yet (pending, information only): left out. */
  skippedCount: number;
}

/** Statement import: a CAMT.053 file read into a bank account's transactions. */
export class BankImportService {
  constructor(private readonly db: DataSource) {}

  /**
   * Reads a CAMT.053 statement into the bank account's transactions. Refused as a whole
   * (nothing stored) when the file is too large, no CAMT.053, malformed, or for another IBAN.
   * Transactions known from an earlier or a concurrent import are not stored again (the
   * dedupe key's unique index with ON CONFLICT DO NOTHING; see dedupeKeys).
   */
  async importStatement(
    administrationId: string,
    bankAccountId: string,
    camt053: string,
    actorId: string | null,
  ): Promise<ImportResult> {
    const bytes = Buffer.byteLength(camt053 ?? '', 'utf8');
    const max = ledgerConfig().maxStatementBytes; // KANTOOR_LEDGER_MAX_STATEMENT_BYTES
    if (bytes > max) {
      throw ledgerError(
        'FILE_TOO_LARGE',
        `The file has ${bytes} bytes; at most ${max} are read at once. Split it per month.`,
        ['input', 'camt053'],
      );
    }
    const document = parseCamt053(camt053);
    return this.db.transaction(async (m) => {
      await lockBooks(m, administrationId, 'share');
      const journal = await bankJournal(m, administrationId, bankAccountId);
      document.statements.forEach((statement, s) => {
        if (statement.iban !== journal.iban) {
          throw ledgerError(
            'IBAN_MISMATCH',
            `Statement ${s + 1} is for ${statement.iban}, not for this bank account (${journal.iban}).`,
            ['input', 'camt053', 'Stmt', String(s), 'Acct', 'Id', 'IBAN'],
          );
        }
      });
      const entries = document.statements.flatMap((statement) => statement.entries);
      const keys = dedupeKeys(journal.iban!, entries);
      const importId = randomUUID();
      const statementIds = document.statements
        .map((statement) => statement.id)
        .filter((id): id is string => id !== null);
      await insertImport(m, administrationId, {
        importId,
        journalId: journal.id,
        fileSha256: createHash('sha256').update(camt053, 'utf8').digest('hex'),
        statementIds,
        entriesInFile: entries.length,
        actorId,
      });
      const newCount = await insertTransactions(
        m,
        administrationId,
        journal.id,
        importId,
        keys,
        entries,
      );
      // The balances the bank declares (OPBD/CLBD), checked when read (issue 13, item 10).
      await insertDeclaredStatements(
        m,
        administrationId,
        journal.id,
        importId,
        document.statements.filter((st) => st.closingBalance !== null),
      );
      return {
        bankAccount: journal,
        importId,
        statementIds,
        transactionCount: entries.length,
        newCount,
        knownCount: entries.length - newCount,
        skippedCount: document.skipped,
      };
    });
  }
}

async function bankJournal(
  m: EntityManager,
  administrationId: string,
  bankAccountId: string,
): Promise<JournalEntity> {
  const journal = isUuid(bankAccountId)
    ? await scoped(m, JournalEntity, administrationId).findOneBy({ id: bankAccountId })
    : null;
  if (!journal || journal.type !== 'BANK' || !journal.iban) {
    throw ledgerError('BANK_ACCOUNT_NOT_FOUND', 'No such bank account.', [
      'input',
      'bankAccountId',
    ]);
  }
  return journal;
}
