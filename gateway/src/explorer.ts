import { dirname, join } from 'node:path';
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';
import { ruruHTML, type RuruClientConfig } from 'ruru/server';

/** Where the explorer's scripts, styles and workers are served (the gateway's own files). */
export const EXPLORER_ASSETS_PATH = '/explorer/';

/**
 * The operation the explorer opens with: what a new user wants to see first (who am I, which
 * administrations can I open), in fields that exist for every kind of user.
 */
export const EXPLORER_EXAMPLE_QUERY = `# Kantoor API explorer.
# In Headers below, put a token after "Bearer "
# (from the login mutation, or an API token),
# then run this query: the ▶ button or Ctrl-Enter.
query Example {
  me {
    id
    name
    email
    kind
    officeRole
    office {
      name
    }
  }
  administrations(first: 10) {
    totalCount
    edges {
      node {
        id
        name
        kind
        vatFilingPeriod
      }
    }
  }
}
`;

/**
 * "Bearer " without a token: an anonymous request until one is pasted (the gateway reads a
 * header without a token as none), so the schema for the docs and autocompletion still loads
 * in development, where anonymous introspection is allowed.
 */
export const EXPLORER_HEADERS = `{
  "Authorization": "Bearer "
}
`;

/**
 * Ruru ships GraphiQL as one prebuilt bundle (React, Monaco, its workers, fonts) in its
 * static/ folder: serving that folder from here means the page loads nothing from another
 * host and works on a closed network.
 */
export function explorerAssetsDirectory(): string {
  // 'ruru/server' resolves to <package>/dist/server.js; the bundle is <package>/static.
  return join(dirname(require.resolve('ruru/server')), '..', 'static');
}

/**
 * The page's own policy: everything from the gateway itself. The browser refuses any load
 * from elsewhere, so a dependency update that starts calling out (a CDN font, telemetry)
 * breaks visibly instead of leaking. Inline scripts and styles are the page's config and
 * GraphiQL's layout; blob: workers and data: fonts are how Monaco loads its own code.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function explorerHtml(endpoint: string): string {
  const clientConfig: Partial<RuruClientConfig> = {
    initialQuery: EXPLORER_EXAMPLE_QUERY,
    defaultQuery: EXPLORER_EXAMPLE_QUERY,
    initialHeaders: EXPLORER_HEADERS,
    defaultHeaders: EXPLORER_HEADERS,
    isHeadersEditorEnabled: true,
  };
  return ruruHTML({
    staticPath: EXPLORER_ASSETS_PATH,
    endpoint,
    // Ruru's types pick these props from graphiql's, whose types it does not ship (every
    // prop then reads as required); all of them are optional props of the component.
    clientConfig: clientConfig as RuruClientConfig,
    htmlParts: {
      titleTag: '<title>Kantoor API explorer</title>',
      // No icon to fetch (the browser would ask for /favicon.ico and log a 404).
      metaTags: (original) => `${original}\n<link rel="icon" href="data:," />`,
    },
  });
}

/** A browser asking for a page (not a GraphQL client asking for JSON) and no operation in it. */
function wantsPage(req: Request): boolean {
  return (
    req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) ===
      'text/html' && req.query.query === undefined
  );
}

/**
 * GET /graphql from a browser answers the explorer; its assets under EXPLORER_ASSETS_PATH.
 * Everything else falls through to the GraphQL endpoint.
 */
export function explorerRoutes(): { page: RequestHandler; assets: Router } {
  const html = explorerHtml('/graphql');
  // A plain middleware, not a route: a Router would answer OPTIONS /graphql itself (its
  // automatic OPTIONS reply) before CORS sees the preflight.
  const page: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    const get = req.method === 'GET' || req.method === 'HEAD';
    if (!get || req.path !== '/' || !wantsPage(req)) return next();
    res
      .status(200)
      .set({
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'cache-control': 'no-store',
      })
      .send(html);
  };
  const assets = express.Router();
  assets.use(
    express.static(explorerAssetsDirectory(), {
      index: false,
      // Chunk names change with the package version; a day is enough for a dev tool.
      maxAge: '1d',
      setHeaders: (res) => res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY),
    }),
    (_req: Request, res: Response) => {
      res.status(404).type('text/plain').send('Not found');
    },
  );
  return { page, assets };
}
