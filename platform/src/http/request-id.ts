import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';
export const GATEWAY_SECRET_HEADER = 'x-kantoor-gateway-secret';
/** The caller's network address as the gateway saw it; subgraphs trust it (only the gateway holds the secret). */
export const CLIENT_ADDRESS_HEADER = 'x-kantoor-client-address';

/** A client address header value when it looks like an IPv4/IPv6 address, else null. */
export function clientAddressFrom(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[0-9A-Fa-f:.]{2,45}$/.test(value) ? value : null;
}

/** The caller's request id when it looks like one, else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9._:-]{8,100}$/.test(value) ? value : randomUUID();
}
