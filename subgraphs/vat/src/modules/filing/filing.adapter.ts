import { randomUUID } from 'node:crypto';

/** What a filing adapter gets: one return's XBRL instance and who it is for. */
export interface FilingRequest {
  administrationId: string;
  period: string;
  vatNumber: string;
  xbrl: string;
}

/** The tax authority's answer. */
export interface FilingAnswer {
  result: 'ACCEPTED' | 'REJECTED';
  /** The authority's reference (Digipoort: the kenmerk of the delivery). */
  reference: string;
  message: string | null;
}

/**
 * Hands a return to the tax authority. Called by the "vat.return-submitted" consumer (outside
 * the request, retried with backoff when it throws); the answer moves the return to ACCEPTED or
 * REJECTED. Must be safe to call twice for one submission (the consumer is at-least-once;
 * Digipoort deduplicates on the delivery's kenmerk).
 */
export interface FilingAdapter {
  readonly name: string;
  file(request: FilingRequest): Promise<FilingAnswer>;
}

/**
 * The default adapter (development, tests, demo): records the instance (the consumer stores
 * it in vat.filings) and answers ACCEPTED, after a basic check of what Digipoort checks first:
 * the instance names the VAT number in its context and carries box 5g.
 */
export class RecordingFilingAdapter implements FilingAdapter {
  readonly name = 'recording';

  async file(request: FilingRequest): Promise<FilingAnswer> {
    const number = request.vatNumber.replace(/^NL/i, '').toUpperCase();
    const ok =
      request.xbrl.includes(`>${number}</xbrli:identifier>`) &&
      request.xbrl.includes('ValueAddedTaxOwedToBePaidBack');
    return ok
      ? { result: 'ACCEPTED', reference: `REC-${randomUUID()}`, message: null }
      : {
          result: 'REJECTED',
          reference: `REC-${randomUUID()}`,
          message: 'The instance lacks the VAT number or box 5g.',
        };
  }
}

/**
 * Digipoort (the government's gateway): a SOAP "aanleveren" call over TLS with the office's
 * PKIoverheid services certificate, then "statusinformatie" polling until the Belastingdienst
 * answers (status 100 = delivered and accepted, 200+ = refused). Not available here: a
 * development machine has no certificate. To build it: implement `file` with the certificate
 * from KANTOOR_DIGIPOORT_CERT/KEY, send `xbrl` as the bericht of berichtsoort "Omzetbelasting",
 * use "<administrationId>:<period>" as the kenmerk so a retried delivery is recognised, and map
 * the final status to ACCEPTED/REJECTED with the foutbeschrijving as message.
 */
export class DigipoortFilingAdapter implements FilingAdapter {
  readonly name = 'digipoort';

  async file(): Promise<FilingAnswer> {
    throw new Error('Digipoort filing needs a PKIoverheid certificate; not configured here.');
  }
}

/** The adapter from KANTOOR_VAT_FILING_ADAPTER (recording by default). */
export function filingAdapterFromEnv(env: Record<string, string | undefined>): FilingAdapter {
  const name = env.KANTOOR_VAT_FILING_ADAPTER ?? 'recording';
  if (name === 'recording') return new RecordingFilingAdapter();
  if (name === 'digipoort') return new DigipoortFilingAdapter();
  throw new Error(`KANTOOR_VAT_FILING_ADAPTER: unknown adapter "${name}"`);
}
