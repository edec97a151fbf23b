// The chat page on a phone (390x844) end to end in headless Chromium against `castmatch serve`
// (issue 19, item 11): after sending, the results come into view, marked as updated; every tap
// target is 44 px at least; memory and roster are one tap away. Screenshots in tests/js/out.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watchErrors, screenshotPath, waitReady } from './e2e-helpers.mjs';

const PHONE = { width: 390, height: 844 };

/** Visible tap targets smaller than 44x44 px, described; a checkbox counts by its label. */
const smallTargets = (page) =>
  page.evaluate(() => {
    const small = [];
    let counted = 0;
    for (const element of document.querySelectorAll('a[href], button, input, select, textarea, summary')) {
      const target = element instanceof HTMLInputElement && element.type === 'checkbox' ? element.closest('label') ?? element : element;
      const box = target.getBoundingClientRect();
      const style = getComputedStyle(target);
      if (!box.width || !box.height || style.visibility === 'hidden' || target.closest('[hidden]') || target.classList.contains('skip-link')) continue;
      counted += 1;
      if (box.width < 44 || box.height < 44) {
        small.push(`${target.tagName.toLowerCase()}${target.id ? `#${target.id}` : ''}.${target.className} "${(target.textContent ?? '').trim().slice(0, 20)}" ${Math.round(box.width)}x${Math.round(box.height)}`);
      }
    }
    return { small, counted };
  });

describe('the chat page on a phone (390x844)', () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('results come into view after sending; tap targets are 44 px; memory and roster are one tap away', async () => {
    const context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url('chat.html?n=5000'));
    await waitReady(page);

    // Send as a person does on a phone: tap the box, type, tap Send.
    await page.tap('#composer-input');
    await page.fill('#composer-input', 'Female lead, 25-32, speaks Hindi, based in Mumbai');
    await page.tap('#send');
    await page.waitForFunction(() => document.querySelectorAll('#results .result').length > 0 && !document.querySelector('[aria-busy="true"]'));
    await page.waitForFunction(() => Math.abs(document.getElementById('results-updated').getBoundingClientRect().top) < 120);
    const first = await page.$eval('#results .result', (card) => card.getBoundingClientRect().top);
    assert.ok(first >= 0 && first < PHONE.height, `the first result is at ${first}px, off the screen`);
    assert.equal(await page.isVisible('#results-updated'), true, 'nothing says the results changed');
    assert.match(await page.textContent('#results-updated'), /^Updated: 12 shown of [\d,]+ meeting the brief/);
    await page.screenshot({ path: await screenshotPath('phone-after-send.png') });

    // A refinement: the results come back into view although the page was scrolled up meanwhile.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.fill('#composer-input', 'make it 30-40');
    await page.tap('#send');
    await page.waitForFunction(() => document.querySelector('#chips')?.textContent.includes('30') && !document.querySelector('[aria-busy="true"]'));
    await page.waitForFunction(() => Math.abs(document.getElementById('results-updated').getBoundingClientRect().top) < 120);

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);

    // Every tap target of each section is 44x44 px at least.
    await page.tap('#results .result:first-child button.shortlist');
    await page.waitForSelector('#memory-panel .memory-shortlist li', { state: 'attached' });
    const casting = await smallTargets(page);
    assert.ok(casting.counted > 20, `only ${casting.counted} targets counted`);
    assert.deepEqual(casting.small, [], 'tap targets under 44 px on the casting view');

    // Memory and roster: one tap, at the top of the screen, whatever the scroll position was.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    assert.equal(await page.textContent('#tab-shortlisted'), '(1)');
    await page.tap('#phone-tabs [data-tab="memory"]');
    const memoryTop = await page.$eval('#memory-title', (e) => e.getBoundingClientRect().top);
    assert.ok(memoryTop >= 0 && memoryTop < PHONE.height / 2, `memory heading at ${memoryTop}px`);
    assert.equal(await page.isVisible('#memory-panel .memory-shortlist li'), true);
    assert.equal(await page.isVisible('#composer-input'), false, 'the casting view is still shown under memory');
    assert.deepEqual((await smallTargets(page)).small, [], 'tap targets under 44 px in memory');
    await page.screenshot({ path: await screenshotPath('phone-memory.png') });

    await page.tap('#phone-tabs [data-tab="roster"]');
    const rosterTop = await page.$eval('#roster-title', (e) => e.getBoundingClientRect().top);
    assert.ok(rosterTop >= 0 && rosterTop < PHONE.height / 2, `roster heading at ${rosterTop}px`);
    await page.tap('#roster-paste summary');
    assert.deepEqual((await smallTargets(page)).small, [], 'tap targets under 44 px in the roster');
    await page.screenshot({ path: await screenshotPath('phone-roster.png') });

    // Back to casting: the conversation and the cards are where they were.
    await page.tap('#phone-tabs [data-tab="casting"]');
    assert.equal(await page.isVisible('#composer-input'), true);
    assert.equal(await page.isVisible('#memory-title'), false);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('at desktop width every section shows and the tabs are hidden', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url('chat.html?n=5000'));
    await waitReady(page);
    assert.equal(await page.isVisible('#phone-tabs'), false);
    for (const id of ['#composer-input', '#memory-title', '#roster-title', '#results-title']) assert.equal(await page.isVisible(id), true, id);
    await context.close();
  });
});
