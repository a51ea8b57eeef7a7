import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createLogger,
  gatewayConfigSchema,
  parseConfig,
  SUBGRAPH_NAMES,
  type RunningServer,
} from '@kantoor/platform';
import { EXPLORER_ASSETS_PATH, EXPLORER_EXAMPLE_QUERY, explorerAssetsDirectory } from '../explorer';
import { startGateway } from '../gateway';

/** What a browser sends when the address bar opens /graphql. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

async function start(
  extra: Record<string, string> = {},
  nodeEnv?: 'production',
): Promise<RunningServer> {
  const env: Record<string, string> = {
    KANTOOR_JWT_SECRET: 'gateway-test-secret-gateway-test-secret',
    LOG_LEVEL: 'silent',
    ...extra,
  };
  for (const name of SUBGRAPH_NAMES) {
    env[`KANTOOR_GATEWAY_SECRET_${name.toUpperCase()}`] = `secret-of-${name}-`.padEnd(40, 'x');
    // The page and `{ __typename }` are answered by the gateway alone; no subgraph is called.
    env[`KANTOOR_SUBGRAPH_URL_${name.toUpperCase()}`] = 'http://127.0.0.1:9/graphql';
  }
  // The gateway reads NODE_ENV when it starts (isProduction); restore it right after.
  const before = process.env.NODE_ENV;
  if (nodeEnv) process.env.NODE_ENV = nodeEnv;
  try {
    return await startGateway({
      config: parseConfig(gatewayConfigSchema, env),
      logger: createLogger('gateway', 'silent'),
      port: 0,
    });
  } finally {
    process.env.NODE_ENV = before;
  }
}

function openInBrowser(url: string): Promise<Response> {
  return fetch(url, { headers: { accept: BROWSER_ACCEPT } });
}

/** Every http(s) URL in a text whose host is not this machine. */
function externalUrls(text: string): string[] {
  return [...text.matchAll(/https?:\/\/([^/"'`\s)<>]+)/g)]
    .filter(([, host]) => !/^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host!))
    .map(([url]) => url);
}

/**
 * Code that would make the browser load something from elsewhere: module imports, workers,
 * scripts, fetches, stylesheets and CSS url()s with an absolute http(s) URL. The bundle also
 * holds hyperlinks (GraphiQL's and Ruru's credits, docs links in messages): those load
 * nothing unless clicked, so they are not counted here.
 */
const LOADS_FROM_ELSEWHERE = [
  /\bimport\s*\(\s*["'`]https?:/,
  /\bfrom\s*["'`]https?:/,
  /\bimport\s*["'`]https?:/,
  /\bimportScripts\s*\(\s*["'`]https?:/,
  /\bnew\s+(Shared)?Worker\s*\(\s*["'`]https?:/,
  /\bfetch\s*\(\s*["'`]https?:/,
  /\bsendBeacon\s*\(\s*["'`]https?:/,
  /\burl\(\s*["']?https?:/,
  /@import\s+["']https?:/,
  /\.src\s*=\s*["'`]https?:/,
];

describe('the explorer in development', () => {
  let gateway: RunningServer;
  let origin: string;
  beforeAll(async () => {
    gateway = await start();
    origin = new URL(gateway.url).origin;
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  test('GET /graphql from a browser answers the GraphiQL page with the example and the header', async () => {
    const r = await openInBrowser(gateway.url);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await r.text();
    expect(html).toContain('<title>Kantoor API explorer</title>');
    expect(html).toContain('id="ruru-root"');
    // The config script carries the example query and the Authorization placeholder.
    expect(html).toContain(JSON.stringify(EXPLORER_EXAMPLE_QUERY));
    expect(html).toContain('administrations(first: 10)');
    expect(html).toContain('\\"Authorization\\": \\"Bearer \\"');
    expect(html).toContain('"endpoint": "/graphql"');
    // The browser is told to load nothing from elsewhere.
    const csp = r.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
  });

  test('the page and every asset it loads come from the gateway: no URL of another host', async () => {
    const html = await (await openInBrowser(gateway.url)).text();
    expect(externalUrls(html)).toEqual([]);
    // What the page loads: its stylesheet, scripts and modules, all under the assets path.
    const referenced = [
      ...html.matchAll(/(?:href|src)="([^"]+)"/g),
      ...html.matchAll(/from\s+"([^"]+)"/g),
    ]
      .map(([, url]) => url!)
      // The icon is inline and empty (`data:,`): nothing to fetch.
      .filter((url) => !url.startsWith('data:'));
    expect(referenced.length).toBeGreaterThan(0);
    for (const url of referenced) expect(url.startsWith(EXPLORER_ASSETS_PATH)).toBe(true);
    expect(html).toContain(`${EXPLORER_ASSETS_PATH}ruru.js`);
    expect(html).toContain(`${EXPLORER_ASSETS_PATH}ruru.css`);
    for (const url of new Set(referenced)) {
      const asset = await fetch(`${origin}${url}`);
      expect({ url, status: asset.status }).toEqual({ url, status: 200 });
    }

    // Every script and stylesheet the bundle can load (its chunks, workers and fonts' CSS).
    const files = readdirSync(explorerAssetsDirectory()).filter((f) => /\.(js|css)$/.test(f));
    expect(files).toEqual(expect.arrayContaining(['ruru.js', 'ruru.css', 'graphqlWorker.js']));
    const offending: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(explorerAssetsDirectory(), file), 'utf8');
      for (const pattern of LOADS_FROM_ELSEWHERE) {
        const match = pattern.exec(text);
        if (match) offending.push(`${file}: ${text.slice(match.index, match.index + 80)}`);
      }
    }
    expect(offending).toEqual([]);
    // The served copy is that file.
    const served = await fetch(`${origin}${EXPLORER_ASSETS_PATH}ruru.css`);
    expect(await served.text()).toBe(
      readFileSync(join(explorerAssetsDirectory(), 'ruru.css'), 'utf8'),
    );
  });

  test('GraphQL clients still get GraphQL at the same URL', async () => {
    const get = await fetch(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: BROWSER_ACCEPT, 'apollo-require-preflight': 'true' },
    });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    const post = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await post.json()).toEqual({ data: { __typename: 'Query' } });
    // No ETag: a POST is never answered 304, so hashing its body would be wasted work.
    expect(post.headers.get('etag')).toBeNull();
    // A GET asking for JSON is no page.
    const json = await fetch(gateway.url, { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).not.toMatch(/text\/html/);
  });

  test('an unknown asset is a 404', async () => {
    const r = await fetch(`${origin}${EXPLORER_ASSETS_PATH}nope.js`);
    expect(r.status).toBe(404);
    const outside = await fetch(`${origin}${EXPLORER_ASSETS_PATH}..%2fpackage.json`);
    expect(outside.status).toBe(404);
  });
});

describe('the explorer in production', () => {
  let gateway: RunningServer;
  beforeAll(async () => {
    gateway = await start({}, 'production');
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  test('is off: no page, no assets, and no Apollo landing page either', async () => {
    const r = await openInBrowser(gateway.url);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.headers.get('content-type')).not.toMatch(/text\/html/);
    const body = await r.text();
    expect(body).not.toContain('<html');
    expect(body).not.toMatch(/sandbox|embeddable|apollographql/i);
    expect(JSON.parse(body)).toHaveProperty('errors');
    const origin = new URL(gateway.url).origin;
    expect((await fetch(`${origin}${EXPLORER_ASSETS_PATH}ruru.js`)).status).toBe(404);
  });
});

describe('the explorer switched by KANTOOR_EXPLORER', () => {
  test('"true" turns it on in production', async () => {
    const gateway = await start({ KANTOOR_EXPLORER: 'true' }, 'production');
    try {
      const r = await openInBrowser(gateway.url);
      expect(r.status).toBe(200);
      expect(await r.text()).toContain('<title>Kantoor API explorer</title>');
    } finally {
      await gateway.stop();
    }
  });

  test('"false" turns it off in development', async () => {
    const gateway = await start({ KANTOOR_EXPLORER: 'false' });
    try {
      const r = await openInBrowser(gateway.url);
      expect(await r.text()).not.toContain('<html');
    } finally {
      await gateway.stop();
    }
  });

  test('anything else is refused at start-up', async () => {
    await expect(start({ KANTOOR_EXPLORER: 'yes' })).rejects.toThrow(/KANTOOR_EXPLORER/);
  });
});
