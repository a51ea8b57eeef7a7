import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardedLookup, postOnce } from '../webhook-delivery.adapter';
import { signatureHeader, verifySignature } from '../webhook-signature.calc';
import { isPrivateAddress, webhookUrlProblem } from '../webhook-url.validation';

describe('the SSRF guard (production: allowLocal false)', () => {
  test.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fd00::1',
    '::ffff:10.0.0.1',
    '224.0.0.1',
  ])('%s is not public', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  test.each(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'])('%s is public', (a) => {
    expect(isPrivateAddress(a)).toBe(false);
  });

  test.each([
    ['http://example.nl/hook', 'Use an https:// URL.'],
    ['https://localhost/hook', 'Local addresses are not allowed.'],
    ['https://127.0.0.1/hook', 'Private addresses are not allowed.'],
    ['https://[::1]/hook', 'Private addresses are not allowed.'],
    ['https://169.254.169.254/latest/meta-data', 'Private addresses are not allowed.'],
    ['https://intranet/hook', 'Use a fully qualified host name.'],
    ['https://a:b@example.nl/', 'No user name or password in the URL.'],
  ])('%s is refused', (url, problem) => {
    expect(webhookUrlProblem(url, false)).toBe(problem);
  });

  test('https to a public name passes; development allows http://localhost', () => {
    expect(webhookUrlProblem('https://hooks.example.nl/kantoor', false)).toBeNull();
    expect(webhookUrlProblem('http://localhost:3000/hook', true)).toBeNull();
  });

  test('a delivery to a loopback receiver is refused without connecting', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      for (const url of [`http://127.0.0.1:${port}/`, `https://127.0.0.1:${port}/`]) {
        const outcome = await postOnce(url, {}, '{}', { allowLocal: false, timeoutMs: 2000 });
        expect(outcome.statusCode).toBeNull();
        expect(outcome.error).toMatch(/refused/);
      }
      expect(hits).toBe(0);
      // With allowLocal (development and tests) it is delivered.
      const ok = await postOnce(`http://127.0.0.1:${port}/`, {}, '{}', {
        allowLocal: true,
        timeoutMs: 2000,
      });
      expect(ok).toEqual({ statusCode: 200, error: null });
      expect(hits).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('the connection-time lookup refuses a name that resolves to a private address', async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      guardedLookup(false)('localhost', { all: true }, (e) => resolve(e)),
    );
    expect(error?.code).toBe('EADDRNOTALLOWED');
  });
});

describe('signatures', () => {
  test('t=...,v1=... over "t.body" verifies; another body, secret or an old timestamp does not', () => {
    const now = Date.UTC(2026, 11, 2, 12);
    const header = signatureHeader('whsec_test', '{"a":1}', now);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature('whsec_test', header, '{"a":1}', 300, now)).toBe(true);
    expect(verifySignature('whsec_test', header, '{"a":2}', 300, now)).toBe(false);
    expect(verifySignature('whsec_other', header, '{"a":1}', 300, now)).toBe(false);
    expect(verifySignature('whsec_test', header, '{"a":1}', 300, now + 301_000)).toBe(false);
  });
});
