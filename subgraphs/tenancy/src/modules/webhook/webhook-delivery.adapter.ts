import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { isPrivateAddress, webhookUrlProblem } from './webhook-url.validation.js';

/** Talks to a webhook's receiver: one POST, the SSRF guard on every address it connects to. */
export interface Outcome {
  statusCode: number | null;
  error: string | null;
}

/** POSTs `body` once: no redirects, a timeout, the SSRF guard on every address. */
export function postOnce(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { allowLocal: boolean; timeoutMs: number },
): Promise<Outcome> {
  return new Promise((resolve) => {
    const problem = webhookUrlProblem(url, options.allowLocal);
    if (problem) return resolve({ statusCode: null, error: `URL refused: ${problem}` });
    const target = new URL(url);
    const host = target.hostname.replace(/^\[|\]$/g, '');
    // An IP literal skips the DNS lookup, so it is checked here.
    if (!options.allowLocal && isIP(host) && isPrivateAddress(host)) {
      return resolve({ statusCode: null, error: 'URL refused: a non-public address' });
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(options.allowLocal) as never,
        timeout: options.timeoutMs,
      },
      (res) => {
        // The answer's body is not kept; read (and drop) at most a little of it.
        let seen = 0;
        res.on('data', (chunk: Buffer) => {
          seen += chunk.length;
          if (seen > 64 * 1024) res.destroy();
        });
        res.on('end', () => resolve({ statusCode: res.statusCode ?? null, error: null }));
        res.on('error', () => resolve({ statusCode: res.statusCode ?? null, error: null }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', (error) => resolve({ statusCode: null, error: error.message.slice(0, 500) }));
    req.end(body);
  });
}

/** A DNS lookup for http(s).request that refuses non-public addresses unless `allowLocal`. */
export function guardedLookup(allowLocal: boolean) {
  return (
    hostname: string,
    options: { family?: number | string; all?: boolean },
    callback: (
      error: NodeJS.ErrnoException | null,
      address: string | LookupAddress[],
      family?: number,
    ) => void,
  ): void => {
    dnsLookup(hostname, { family: Number(options.family) || 0, all: true }, (error, found) => {
      if (error) return callback(error, '');
      const addresses = found as LookupAddress[];
      const refused = allowLocal ? undefined : addresses.find((a) => isPrivateAddress(a.address));
      if (refused || addresses.length === 0) {
        const e: NodeJS.ErrnoException = new Error(
          `${hostname} resolves to a non-public address (${refused?.address ?? 'none'})`,
        );
        e.code = 'EADDRNOTALLOWED';
        return callback(e, '');
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
