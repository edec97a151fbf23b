// Issue 19, items 6, 9 and 10 end to end in headless Chromium against `castmatch serve`: notes
// and tags on a card (kept across a reload, in the memory panel and its export), four candidates
// compared side by side at 1280 and 390 px (screenshots in out/), auditions (a slot, invitations
// with their text, status kept across a reload), and a roster switch that keeps the shortlist's
// names and goes back to the synthetic roster from the cache.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startServer, launchBrowser, watchErrors, screenshotPath, openChat, say, waitReady, READY_MS } from './e2e-helpers.mjs';
import { clockOf, dayOf, invitationText } from '../../www/js/candidates.js';

/** The viewport these tests read the page at (and compare four candidates in). */
const DESK = { width: 1280, height: 900 };
const BRIEF = 'Female lead, 25-32, speaks Hindi, based in Mumbai';




const card = (id) => `#results .result[data-id="${id}"]`;
const ids = (page) => page.$$eval('#results .result', (items) => items.map((li) => li.dataset.id));
const nameOf = (page, id) => page.evaluate((id) => window.castmatch.engine.get(id).name, id);

async function shortlist(page, id) {
  await page.click(`${card(id)} button.shortlist`);
  await page.waitForSelector(`#memory-panel .memory-shortlist li[data-id="${id}"]`);
}

test('invitation texts name the day, a 12-hour time and the place; no placeholder names leak', () => {
  assert.equal(dayOf('2026-03-03'), 'Tuesday, 3 March 2026');
  assert.deepEqual(['00:05', '09:30', '12:00', '17:45', '23:59'].map(clockOf), ['12:05 am', '9:30 am', '12:00 pm', '5:45 pm', '11:59 pm']);
  const slot = { id: 1, date: '2026-12-31', time: '18:00', place: 'Prithvi Theatre, Juhu' };
  assert.equal(
    invitationText({ name: 'Megha Pandey' }, slot, { project: 'Monsoon Wedding 2', role: 'Mother of the bride', director: 'Anita' }),
    'Hi Megha, you are invited to audition for the role of Mother of the bride in “Monsoon Wedding 2” on Thursday, 31 December 2026 at 6:00 pm, at Prithvi Theatre, Juhu. Please reply to confirm.\n— Anita',
  );
  // The page's defaults ("default" project and director) are not written into a message.
  const plain = invitationText({ name: 'Kabir' }, slot, { project: 'default', role: 'Lead', director: 'default' });
  assert.doesNotMatch(plain, /default/);
  assert.match(plain, /^Hi Kabir, you are invited to audition for the role of Lead on Thursday/);
});

describe('candidates: notes, comparison, auditions, roster switches', () => {
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

  test('a note and tags on a card are kept: on the card, in the memory panel, after a reload, in the export', async () => {
    const { context, page, errors } = await openChat(browser, server, { viewport: DESK });
    await say(page, BRIEF);
    const [first, second] = await ids(page);
    const order = await ids(page);
    await shortlist(page, first);
    await page.click(`${card(first)} .note-editor summary`);
    await page.fill(`${card(first)} .note-input`, '  Strong chemistry read; check dates  ');
    await page.fill(`${card(first)} .tags-input`, 'callback, Needs dialect coach, CALLBACK, ');
    await page.click(`${card(first)} .note-form button[type="submit"]`);
    await page.waitForSelector(`${card(first)} .candidate-note`);
    assert.equal(await page.textContent(`${card(first)} .candidate-note`), 'Strong chemistry read; check dates');
    assert.deepEqual(await page.$$eval(`${card(first)} .candidate-tags li`, (li) => li.map((l) => l.textContent)), ['callback', 'Needs dialect coach']);
    assert.deepEqual(await ids(page), order, 'a note moved the cards');
    const entry = await page.textContent(`#memory-panel .memory-shortlist li[data-id="${first}"]`);
    assert.match(entry, /\[callback, Needs dialect coach\]/);
    assert.match(entry, /Strong chemistry read/);
    assert.equal(await page.locator(`${card(second)} .candidate-note`).count(), 0, 'the note landed on another card');

    await page.reload();
    await waitReady(page);
    await page.waitForSelector(`${card(first)} .candidate-note`);
    assert.match(await page.textContent(`#memory-panel .memory-shortlist li[data-id="${first}"]`), /callback/);
    // The file the Export button downloads, written by the page's worker.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#memory-export')]);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(exported.version, 2);
    const kept = exported.workbook.candidates.find((c) => c.talent_id === first);
    assert.deepEqual([kept.note, kept.tags], ['Strong chemistry read; check dates', ['callback', 'Needs dialect coach']]);
    assert.equal(kept.name, await nameOf(page, first));

    // The export imports in a fresh browser through the worker's readMemoryExport, notes and all.
    const fresh = await openChat(browser, server, { viewport: DESK });
    const text = JSON.stringify(exported, null, 2);
    await fresh.page.setInputFiles('#memory-file', { name: 'memory.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await fresh.page.click('#memory-transfer button[type="submit"]');
    await fresh.page.waitForSelector(`#memory-panel .memory-shortlist li[data-id="${first}"]`);
    assert.match(await fresh.page.textContent(`#memory-panel .memory-shortlist li[data-id="${first}"]`), /\[callback, Needs dialect coach\] — Strong chemistry read/);
    await fresh.context.close();

    // Clearing both takes the note off the card.
    await page.click(`${card(first)} .note-editor summary`);
    await page.fill(`${card(first)} .note-input`, '');
    await page.fill(`${card(first)} .tags-input`, '');
    await page.click(`${card(first)} .note-form button[type="submit"]`);
    await page.waitForFunction((sel) => !document.querySelector(`${sel} .candidate-note`), card(first));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('four candidates side by side, a fifth refused; readable at 1280 px and at 390 px', async () => {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      const { context, page, errors } = await openChat(browser, server, { viewport });
      await say(page, BRIEF);
      const shown = await ids(page);
      assert.ok(shown.length >= 5);
      await page.click(`${card(shown[2])} .note-editor summary`);
      await page.fill(`${card(shown[2])} .note-input`, 'Best audition tape of the lot');
      await page.click(`${card(shown[2])} .note-form button[type="submit"]`);
      await page.waitForSelector(`${card(shown[2])} .candidate-note`);
      assert.ok(await page.isDisabled('#compare-open'));
      for (const id of shown.slice(0, 4)) await page.check(`${card(id)} .compare-box`);
      assert.equal(await page.textContent('#compare-open'), 'Compare (4)');
      await page.click(`${card(shown[4])} .compare-box`); // refused: it stays unticked
      await page.waitForFunction((sel) => !document.querySelector(`${sel} .compare-box`).checked, card(shown[4]));
      assert.match(await page.locator('#chat-log .turn').last().textContent(), /up to 4/);

      await page.click('#compare-open');
      await page.waitForSelector('#compare-dialog[open] .compare-table');
      const table = await page.evaluate(() => {
        const t = document.querySelector('.compare-table');
        const heads = [...t.querySelectorAll('thead th')].slice(1);
        return {
          names: heads.map((th) => th.querySelector('.compare-name').textContent),
          photos: heads.filter((th) => th.querySelector('.compare-photo')).length,
          rows: [...t.querySelectorAll('tbody th')].map((th) => th.textContent),
          widths: heads.map((th) => th.getBoundingClientRect().width),
          notes: [...t.querySelectorAll('tbody tr')].at(-1).textContent,
          fits: [...t.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('th').textContent === 'Fit').textContent,
          pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
        };
      });
      const names = await Promise.all(shown.slice(0, 4).map((id) => nameOf(page, id)));
      assert.deepEqual(table.names, names);
      assert.equal(table.photos, 4, 'a photo or initials per candidate');
      for (const row of ['Age', 'City', 'Languages', 'Skills', 'Fit', 'Why', 'Your notes']) assert.ok(table.rows.includes(row), `no ${row} row`);
      assert.match(table.notes, /Best audition tape/);
      assert.match(table.fits, /\d/);
      // Readable: every column is wide enough for a line of words, and the page itself does
      // not scroll sideways (on a phone the comparison scrolls within its dialog).
      for (const w of table.widths) assert.ok(w >= 140, `a column is ${w}px wide at ${viewport.width} px`);
      assert.ok(table.pageOverflow <= 0, `the page scrolls sideways by ${table.pageOverflow}px`);
      await page.screenshot({ path: await screenshotPath(`compare-4-at-${viewport.width}.png`) });

      await page.click(`.compare-table thead th:nth-child(2) button`); // Drop the first
      await page.waitForFunction(() => document.querySelectorAll('.compare-table thead th').length === 4);
      await page.click('#compare-close');
      assert.equal(await page.textContent('#compare-open'), 'Compare (3)');
      assert.equal(await page.isChecked(`${card(shown[0])} .compare-box`), false);
      assert.deepEqual(errors, []);
      await context.close();
    }
  });

  test('auditions: a slot, invitations for shortlisted talents with their text, status kept across a reload', async () => {
    const { context, page, errors } = await openChat(browser, server, { viewport: DESK });
    await say(page, BRIEF);
    const [first, second] = await ids(page);
    await shortlist(page, first);
    await shortlist(page, second);
    assert.match(await page.textContent('#auditions-panel'), /No slots yet/);
    await page.fill('#auditions-panel input[name="date"]', '2026-03-03');
    await page.fill('#auditions-panel input[name="time"]', '10:30');
    await page.fill('#auditions-panel input[name="place"]', 'Studio 4,   Film City, Goregaon');
    await page.click('#auditions-panel .slot-form button[type="submit"]');
    await page.waitForSelector('#auditions-panel .audition-slots li');
    assert.match(await page.textContent('#auditions-panel .audition-slots'), /Tuesday, 3 March 2026, 10:30 am · Studio 4, Film City, Goregaon/);
    assert.equal(await page.locator('#auditions-panel .to-invite li').count(), 2);

    await page.click(`#auditions-panel .to-invite li[data-id="${first}"] button.invite`);
    await page.waitForSelector(`#auditions-panel .invitation[data-id="${first}"]`);
    const text = await page.inputValue(`#auditions-panel .invitation[data-id="${first}"] .invitation-text`);
    const firstName = (await nameOf(page, first)).split(' ')[0];
    assert.match(text, new RegExp(`^Hi ${firstName}, you are invited to audition for the role of Lead in “My project” on Tuesday, 3 March 2026 at 10:30 am, at Studio 4, Film City, Goregaon\\.`));
    assert.equal(await page.getAttribute(`#auditions-panel .invitation[data-id="${first}"]`, 'data-status'), 'invited');
    assert.ok(await page.isDisabled('#auditions-panel .audition-slots button.remove'), 'a slot with invitations can be removed');
    await page.click(`#auditions-panel .invitation[data-id="${first}"] button.copy`);
    await page.waitForFunction((id) => document.querySelector(`#auditions-panel .invitation[data-id="${id}"] button.copy`).textContent === 'Copied', first);

    await page.selectOption(`#auditions-panel .invitation[data-id="${first}"] .status-select`, 'confirmed');
    await page.waitForSelector(`#auditions-panel .invitation[data-id="${first}"][data-status="confirmed"]`);
    await page.reload();
    await waitReady(page);
    await page.waitForSelector(`#auditions-panel .invitation[data-id="${first}"][data-status="confirmed"]`);
    assert.equal(await page.locator('#auditions-panel .to-invite li').count(), 1, 'the second shortlisted talent waits for an invitation');

    // Another role has auditions of its own.
    await page.click('.new-role summary');
    await page.fill('#role-name', 'Sister');
    await page.click('#role-form button[type="submit"]');
    await page.waitForFunction(() => window.castmatch.role === 'My project / Sister');
    assert.match(await page.textContent('#auditions-panel'), /No slots yet/);
    // Cancelling frees the slot for removal.
    await page.selectOption('#role-select', JSON.stringify(['My project', 'Lead']));
    await page.waitForSelector(`#auditions-panel .invitation[data-id="${first}"]`);
    await page.selectOption(`#auditions-panel .invitation[data-id="${first}"] .status-select`, 'cancelled');
    await page.waitForFunction(() => !document.querySelector('#auditions-panel .invitation'));
    await page.click('#auditions-panel .audition-slots button.remove');
    await page.waitForFunction(() => !document.querySelector('#auditions-panel .audition-slots'));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a roster switch keeps the shortlist’s names and details; the synthetic roster comes back from the cache', async () => {
    const { context, page, errors } = await openChat(browser, server, { viewport: DESK });
    await say(page, BRIEF);
    const [first] = await ids(page);
    const name = await nameOf(page, first);
    await shortlist(page, first);
    const csv = 'id,name,gender,age,height_cm,city,languages,skills\nA1,Asha Rao,female,30,160,Pune,hindi,kathak\nA2,Bina Shah,female,28,158,Mumbai,hindi;marathi,theatre\n';
    await page.setInputFiles('#roster-file', { name: 'agency.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('#roster-form button[type="submit"]');
    await page.waitForFunction(() => document.getElementById('roster-status').dataset.size === '2', null, { timeout: 60_000 });
    assert.equal(await page.evaluate((id) => window.castmatch.engine.get(id), first), undefined, 'the talent is not on the new roster');
    const entry = await page.textContent(`#memory-panel .memory-shortlist li[data-id="${first}"]`);
    assert.ok(entry.startsWith(name), `the shortlist shows ${JSON.stringify(entry)}, not the name ${name}`);
    assert.doesNotMatch(entry, new RegExp(`^${first}`));

    await page.click('#roster-synthetic');
    await page.waitForFunction(() => document.getElementById('roster-status').dataset.size === '5000', null, { timeout: READY_MS });
    const status = await page.evaluate(() => ({ ...document.getElementById('roster-status').dataset }));
    assert.equal(status.fromCache, 'true', 'going back to the synthetic roster rebuilt it');
    const recent = await page.evaluate(() => new Promise((resolve, reject) => {
      const open = indexedDB.open('castmatch');
      open.onsuccess = () => {
        const get = open.result.transaction('kv').objectStore('kv').get('rosters:recent');
        get.onsuccess = () => resolve(get.result);
        get.onerror = () => reject(get.error);
      };
    }));
    assert.equal(recent.length, 2);
    assert.match(recent[0], /^synthetic:5000:/);
    assert.match(recent[1], /^file:agency\.csv:/);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
