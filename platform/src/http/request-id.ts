import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';
export const GATEWAY_SECRET_HEADER = 'x-kantoor-gateway-secret';

/** The caller's request id when it looks like one, else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9._:-]{8,100}$/.test(value) ? value : randomUUID();
}
