import { BlockList, isIP } from 'node:net';

/**
 * The SSRF guard of webhooks (docs/decisions/0017-webhooks.md). Outside development a
 * webhook URL is https:// to a public address: loopback, private (RFC 1918, fc00::/7),
 * link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast and reserved
 * ranges are refused, both when the URL is saved (an IP literal) and when each delivery
 * connects (every address the name resolves to, checked in the connection's own DNS lookup,
 * so a name cannot resolve to a public address at the check and a private one at the
 * connect). Redirects are not followed.
 */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** Whether `address` (an IP) is not a public unicast address. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return blocked.check(mapped[1]!, 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return true;
}

const LOCAL_NAMES = new Set(['localhost', 'localhost.localdomain']);

/**
 * Why `raw` cannot be a webhook URL, or null when it can. `allowLocal` (development and
 * tests) also admits http:// and loopback or private addresses.
 */
export function webhookUrlProblem(raw: string, allowLocal: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Not a URL.';
  }
  if (raw.length > 2000) return 'At most 2000 characters.';
  if (url.username || url.password) return 'No user name or password in the URL.';
  if (url.hash) return 'No #fragment.';
  if (url.protocol !== 'https:' && !(allowLocal && url.protocol === 'http:')) {
    return 'Use an https:// URL.';
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (!allowLocal) {
    if (LOCAL_NAMES.has(host) || host.endsWith('.localhost') || host.endsWith('.local')) {
      return 'Local addresses are not allowed.';
    }
    if (isIP(host) && isPrivateAddress(host)) return 'Private addresses are not allowed.';
    if (!isIP(host) && !host.includes('.')) return 'Use a fully qualified host name.';
  }
  return null;
}
