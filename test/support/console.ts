import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import request from 'supertest';
import type { WorkflowDefinition } from '@app/workflows';
import { startTestApp, TestApp } from './app';
import { authorization, Role } from './auth';
import { launchBrowser } from './browser';
import { LOCAL_CLIENT_SECRET, LocalOidcProvider } from './oidc-provider';
import { freePort } from './redis-server';

export interface ConsoleHarness {
  t: TestApp;
  base: string;
  /** The local provider's issuer URL. */
  issuer: string;
  http: () => ReturnType<typeof request>;
  /** A manager's bearer token for the API (the console's own pages take a session). */
  manager: () => Promise<Record<string, string>>;
  /** A new page, signed in through the local provider as `login`, at `path`. */
  signIn: (login: string, path?: string) => Promise<Page>;
  close: () => Promise<void>;
}

/**
 * The console's browser tests' world: the real service on its own database and Redis, listening
 * on loopback, signed in through the local OpenID Connect provider in a process of its own, and
 * Debian's chromium. The service plays no worker (PROCESS_ROLE=api): a test drains the outbox
 * itself and sets the injected clock, so nothing waits on time. Each test makes what it needs.
 */
export async function startConsole(
  definitions: WorkflowDefinition[] | undefined,
  settings: Record<string, string> = {},
): Promise<ConsoleHarness> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const provider = await LocalOidcProvider.start(`${base}/console/callback`);
  const t = await startTestApp(
    {
      PROCESS_ROLE: 'api',
      PUBLIC_BASE_URL: base,
      OIDC_ISSUER_URL: provider.issuer,
      OIDC_CLIENT_SECRET: LOCAL_CLIENT_SECRET,
      RATE_LIMIT_MAX_REQUESTS: '100000',
      ...settings,
    },
    undefined,
    definitions ? { definitions } : {},
  );
  await t.app.listen(port, '127.0.0.1');
  const browser = await launchBrowser();
  return {
    t,
    base,
    issuer: provider.issuer,
    http: () => request(t.app.getHttpServer()),
    manager: () => authorization(t, Role.Manager, { sub: 'manager-api' }),
    signIn: async (login, path = '/console') => {
      const page = await browser.context.newPage();
      await page.context().clearCookies();
      await page.goto(`${base}${path}`);
      await page.fill('input[name=login]', login);
      await page.fill('input[name=password]', 'any');
      await page.click('button[type=submit]');
      await page.waitForURL(`${base}${path}**`);
      return page;
    },
    close: async () => {
      await browser.close();
      await t.close();
      await provider.stop();
    },
  };
}

/** No serious or critical violation of WCAG 2.2 AA that axe can find. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** The page reflows at 320 CSS pixels wide: no horizontal scrolling. */
export async function expectReflowsAt320(page: Page): Promise<void> {
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 800 });
}
