import { test as base, expect, type Browser, type BrowserContext } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';

// Each Playwright worker serves the app from a server and a demo database of its own,
// so the tests run in several workers without seeing each other's records. The test
// command serves with the binary its Rust tests built (scripts/test sets ANTT_BIN);
// run alone, the release binary.
export const ANTT = process.env.ANTT_BIN ?? '../target/release/antt';

export interface Server {
  base: string;
  /** Starts it again on the same port and database (after `kill`). */
  start(): Promise<void>;
  kill(): void;
}

/** Serves the demo on `port` from a fresh SQLite file `name`, until killed. */
export async function serve(port: number, name: string): Promise<Server> {
  mkdirSync('.data', { recursive: true });
  const db = `.data/${name}-${process.pid}.db`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  const base = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const server: Server = {
    base,
    async start() {
      // A server just killed may still hold the port: wait until it has gone.
      const previous = child;
      if (previous && previous.exitCode === null && previous.signalCode === null) {
        await new Promise((done) => previous.once('exit', done));
      }
      child = spawn(ANTT, ['serve', '--demo'], {
        env: { ...process.env, DATABASE_URL: `sqlite://${db}`, ANTT_ADDR: `127.0.0.1:${port}`, LEPTOS_SITE_ROOT: '../target/site' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      // What the server says is shown only if it does not come up.
      let said = '';
      child.stderr?.on('data', (chunk) => (said = (said + chunk).slice(-4000)));
      try {
        await expect
          .poll(async () => (await fetch(`${base}/healthz`).catch(() => null))?.status ?? 0, { timeout: 60_000 })
          .toBe(200);
      } catch (e) {
        throw new Error(`${ANTT} serve --demo on port ${port} did not come up: ${said}`, { cause: e });
      }
    },
    kill() {
      child?.kill('SIGKILL');
    },
  };
  await server.start();
  return server;
}

/** The worker's port: one block of ten per worker, well apart from `cargo leptos watch`. */
export function workerPort(parallelIndex: number, offset = 0): number {
  return 3100 + parallelIndex * 10 + offset;
}

/**
 * A server and demo database of the test's own, with a phone-sized context on it: for a
 * test that changes what the worker's other tests count (a new team, a new commune).
 * The `own` fixture stops it after the test, passed or failed.
 */
export async function ownServer(browser: Browser, parallelIndex: number, offset: number, name: string) {
  const server = await serve(workerPort(parallelIndex, offset), name);
  const contexts: BrowserContext[] = [];
  /** Another phone on the same server (its own cookies). */
  const phone = async () => {
    const context = await browser.newContext({
      baseURL: server.base, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true,
      locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh',
    });
    contexts.push(context);
    return context.newPage();
  };
  return {
    phone,
    async done() {
      for (const c of contexts) await c.close();
      server.kill();
    },
  };
}

type OwnServer = Awaited<ReturnType<typeof ownServer>>;

export const test = base.extend<{ own: (offset: number, name: string) => Promise<OwnServer> }, { server: Server }>({
  // `own(offset, name)`: a server of the test's own (see `ownServer`), stopped after it.
  own: async ({ browser }, use, testInfo) => {
    const made: OwnServer[] = [];
    await use(async (offset, name) => {
      const o = await ownServer(browser, testInfo.parallelIndex, offset, name);
      made.push(o);
      return o;
    });
    for (const o of made) await o.done();
  },
  server: [
    async ({}, use, workerInfo) => {
      const server = await serve(workerPort(workerInfo.parallelIndex), `e2e-${workerInfo.parallelIndex}`);
      await use(server);
      server.kill();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  baseURL: async ({ server }, use) => {
    await use(server.base);
  },
});

export { expect };
export type { Page } from '@playwright/test';
