import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { eventually } from '@kantoor/platform/testing';
import type { Factories } from './factories';
import { startTestSystemWithFactories, type TestSystem } from './system';

/**
 * The GraphiQL explorer of the gateway (issue 16) in a real browser: headless Chromium (the
 * Debian package, driven by puppeteer-core) opens GET /graphql of a running test system,
 * every request the page and its workers make is recorded, the pre-filled example query runs
 * with a real token, and its data shows in the result pane. Chromium also runs behind a proxy
 * that does not exist (loopback bypasses it): a closed network, where anything fetched from
 * elsewhere would fail.
 *
 * The screenshot goes to a temporary folder (its path is logged); set
 * KANTOOR_EXPLORER_SCREENSHOT=docs/explorer.png to refresh the copy in docs/.
 */

function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
    } catch {
      // not this one
    }
  }
  return undefined;
}

const chromium = findChromium();
if (!chromium) {
  // CI installs chromium (.ci/run), so there this is a failure, never a silent skip.
  if (process.env.CI)
    throw new Error('chromium is not installed: the explorer test must run on CI');
  console.warn(
    [
      '',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '!!  SKIPPED test/explorer.e2e.spec.ts: chromium is not installed.            !!',
      '!!  Install it (apt-get install -y chromium) to test the explorer; CI does.  !!',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '',
    ].join('\n'),
  );
}
const describeWithChromium = chromium ? describe : describe.skip;

/** Loopback only: the gateway under test. */
function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
}

describeWithChromium('the explorer in headless Chromium', () => {
  let system: TestSystem;
  let make: Factories;
  let browser: Browser;
  let page: Page;
  /** Every URL the page, its frames and its workers asked for. */
  const requested: string[] = [];
  const failed: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    ({ system, make } = await startTestSystemWithFactories());
    browser = await puppeteer.launch({
      executablePath: chromium!,
      headless: true,
      args: [
        '--no-sandbox', // root on CI
        '--disable-dev-shm-usage',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-features=Translate,OptimizationHints,MediaRouter',
        // No network beyond this machine: a proxy that is not there (loopback bypasses it).
        '--proxy-server=http://127.0.0.1:9',
      ],
    });
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    // data: URLs (inlined fonts) are kept short: only that they were data.
    const record = (url: string) =>
      requested.push(url.startsWith('data:') ? url.slice(0, 30) : url);
    page.on('request', (request) => record(request.url()));
    page.on('requestfailed', (request) =>
      failed.push(`${request.url()}: ${request.failure()?.errorText}`),
    );
    page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    // Workers' own requests (Monaco's language workers) are seen through their targets.
    page.on('workercreated', (worker) => record(worker.url()));
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  test('loads with no request leaving localhost, runs the example query and shows its data', async () => {
    const office = await make.office('Administratiekantoor De Vries');
    const user = await make.user({
      officeId: office.id,
      officeRole: 'ADMIN',
      name: 'Anna de Vries',
    });
    const administration = await make.administration({
      officeId: office.id,
      name: 'Bakkerij Jansen',
    });
    await make.grant(user.id, administration.id, ['LEDGER_READ']);
    const token = await make.token(user.id);

    try {
      const response = await page.goto(system.gateway.url, { waitUntil: 'networkidle0' });
      expect(response!.status()).toBe(200);
      // GraphiQL has mounted with the example query in its editor.
      await waitForText(page, '.graphiql-query-editor .view-lines', 'administrations(first: 10)');

      // Put the token into the Authorization header, as a user pastes it.
      await page.click('button::-p-text(Headers)');
      const headers = 'section.graphiql-editor-tool .graphiql-editor:not(.hidden) .view-lines';
      await waitForText(page, headers, '"Authorization": "Bearer "');
      await page.click(headers);
      await page.keyboard.down('Control');
      await page.keyboard.press('KeyA');
      await page.keyboard.up('Control');
      await page.keyboard.press('Backspace');
      await page.keyboard.sendCharacter(JSON.stringify({ Authorization: `Bearer ${token}` }));

      // Prettify lays the headers out again (Monaco closes brackets typed on several lines).
      await page.click('button[aria-label^="Prettify"]');
      // Back to the start of the headers (the long token scrolled them sideways).
      await page.click(headers);
      await page.keyboard.down('Control');
      await page.keyboard.press('Home');
      await page.keyboard.up('Control');

      // Run the example.
      await page.click('.graphiql-execute-button');
      const result = await waitForText(page, '.result-window', 'Bakkerij Jansen');
      expect(result).toContain('Anna de Vries');
      expect(result).toContain('Administratiekantoor De Vries');
      expect(result).toContain('"totalCount": 1');
      expect(result).not.toContain('UNAUTHENTICATED');
    } catch (error) {
      console.log('explorer test failed; what the page asked for:', {
        requested,
        failed,
        problems,
      });
      throw error;
    } finally {
      // What the page showed, for the docs and for a failure on CI.
      const shot = join(mkdtempSync(join(tmpdir(), 'kantoor-explorer-')), 'explorer.png');
      await page.screenshot({ path: shot });
      console.log(`explorer screenshot: ${shot}`);
      if (process.env.KANTOOR_EXPLORER_SCREENSHOT) {
        copyFileSync(shot, process.env.KANTOOR_EXPLORER_SCREENSHOT);
      }
    }

    // The page, its scripts, styles, fonts, workers and the GraphQL calls: all from the gateway.
    expect(requested.length).toBeGreaterThan(5);
    expect(requested.filter((url) => !isLocal(url))).toEqual([]);
    expect(requested).toContain(system.gateway.url);
    expect(requested.some((url) => url.endsWith('/explorer/ruru.js'))).toBe(true);
    expect(failed).toEqual([]);
    expect(problems).toEqual([]);
  });
});

/**
 * The text of the element once it contains `text`. Monaco draws spaces as no-break spaces;
 * they are read as spaces.
 */
async function waitForText(page: Page, selector: string, text: string): Promise<string> {
  return eventually(
    async () => {
      const shown = await page
        .$eval(selector, (element) => element.textContent ?? '')
        .catch(() => '');
      const normal = shown.replace(/\u00a0/g, ' ');
      return normal.includes(text) ? normal : undefined;
    },
    { timeoutMs: 15_000, what: `${selector} to show ${text}` },
  );
}
