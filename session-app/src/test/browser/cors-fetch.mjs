// Opens each page given on the command line in headless Chromium (Debian's /usr/bin/chromium, a fresh
// profile), waits for the page to publish window.corsResult (what its fetch() got), and prints one JSON
// object to stdout: {"results": {<url>: <result>}, "console": {<url>: [messages]}}. Run by
// session-app's Api8CorsBrowserTest; exits non-zero with the reason on stderr if the browser cannot run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const pages = process.argv.slice(2);
const PAGE_TIMEOUT_MS = 20000;
const profile = mkdtempSync(join(tmpdir(), 'sessionflow-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: PAGE_TIMEOUT_MS,
  });
  const results = {};
  const messages = {};
  for (const url of pages) {
    const page = await context.newPage();
    messages[url] = [];
    page.on('console', message => messages[url].push(message.text()));
    await page.goto(url, { timeout: PAGE_TIMEOUT_MS });
    await page.waitForFunction(() => window.corsResult !== undefined, null, { timeout: PAGE_TIMEOUT_MS });
    results[url] = await page.evaluate(() => window.corsResult);
    await page.close();
  }
  process.stdout.write(JSON.stringify({ results, console: messages }) + '\n');
} finally {
  if (context) {
    await context.close();
  }
  rmSync(profile, { recursive: true, force: true });
}
