// Shared by the end-to-end tests: start `castmatch serve` on a free port (or, for page work
// before the server exists, `CASTMATCH_E2E_STATIC=1` serves the repo with python3), launch
// Debian's headless Chromium through playwright-core, and write measured figures.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const metricsFile = new URL('./out/browser-metrics.json', import.meta.url);

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the server; resolves `{url(page), stop()}` where `url('chat.html')` is the page's URL
 * under whichever layout is serving (`/chat.html` from castmatch, `/www/chat.html` statically).
 */
export async function startServer({ fakeUpstream = false, args: extra = [] } = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const staticMode = process.env.CASTMATCH_E2E_STATIC === '1';
  const [command, args] = staticMode
    ? ['python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1']]
    : [`${root}target/release/castmatch`, ['serve', '--port', String(port), ...(fakeUpstream ? ['--fake-upstream'] : []), ...extra]];
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ANTHROPIC_API_KEY: '' } });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log}`);
    const response = await fetch(`${base}${staticMode ? '/www/chat.html' : '/api/health'}`).catch(() => null);
    return response?.ok;
  }, 20_000, () => `server did not answer on ${base}:\n${log}`);
  return {
    base,
    url: (page) => `${base}${staticMode ? '/www/' : '/'}${page}`,
    log: () => log,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function waitFor(check, timeoutMs, describe = () => 'timed out') {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      if (Date.now() > deadline || /exited/.test(error.message)) throw error;
    }
    if (Date.now() > deadline) throw new Error(describe());
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/** Collects uncaught page errors and console errors so a test can assert there were none. */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/**
 * Where a screenshot named `name` goes: tests/js/out (ignored by git), or the directory in
 * CASTMATCH_SCREENSHOTS, which is how the README's pictures are refreshed:
 * `CASTMATCH_SCREENSHOTS=docs/screenshots node --test tests/js/e2e-*.test.mjs`.
 */
export async function screenshotPath(name) {
  const dir = process.env.CASTMATCH_SCREENSHOTS
    ? new URL(`${process.env.CASTMATCH_SCREENSHOTS.replace(/\/?$/, '/')}`, `file://${root}`)
    : new URL('./out/', import.meta.url);
  await mkdir(dir, { recursive: true });
  return fileURLToPath(new URL(name, dir));
}

/** Merges `figures` into tests/js/out/browser-metrics.json (read by the lead for BENCHMARKS.md). */
export async function recordMetrics(figures) {
  await mkdir(new URL('./out/', import.meta.url), { recursive: true });
  const previous = JSON.parse(await readFile(metricsFile, 'utf8').catch(() => '{}'));
  const merged = { ...previous, ...figures, measured_at: new Date().toISOString() };
  await writeFile(metricsFile, `${JSON.stringify(merged, null, 2)}\n`);
  console.log('browser metrics:', JSON.stringify(figures));
}

/** The chat page on a quick 5k synthetic roster. */
export const QUICK_CHAT = 'chat.html?n=5000';
/** How long a page may take to be ready: the 100k build shares two cores with everything in CI. */
export const READY_MS = 240_000;

/** Waits until the chat page says its roster is ready. */
export const waitReady = (page) =>
  page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: READY_MS });

/** Opens the chat page in a fresh context (ready unless `wait` is false): `{context, page, errors}`. */
export async function openChat(browser, server, { path = QUICK_CHAT, viewport = { width: 1400, height: 1000 }, wait = true } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url(path));
  if (wait) await waitReady(page);
  return { context, page, errors };
}

/** Types a turn the way a person does (Enter sends), waits for the engine's answer, returns its text. */
export async function say(page, text) {
  const before = await page.locator('#chat-log .turn').count();
  await page.fill('#composer-input', text);
  await page.press('#composer-input', 'Enter');
  await page.waitForFunction((n) => document.querySelectorAll('#chat-log .turn').length >= n + 2 && !document.querySelector('[aria-busy="true"]'), before, { timeout: 30_000 });
  return page.locator('#chat-log .turn').last().textContent();
}
