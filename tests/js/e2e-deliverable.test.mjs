// Issue 19, item 7 end to end in headless Chromium against `castmatch serve`: three talents
// shortlisted with notes and tags, exported to CSV (the downloaded bytes read back: BOM, quoting,
// rows), shown print-ready (print media emulated, a screenshot and a PDF in out/), written to a
// share file that a fresh browser opens read-only, damaged share files refused with the JSON path;
// and, after a roster switch, the shortlist exported from memory's remembered details.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startServer, launchBrowser, watchErrors, screenshotPath, recordMetrics, openChat, say, waitReady, QUICK_CHAT } from './e2e-helpers.mjs';
import { csvField, shortlistCsv, readShortlist, ShareFileError, SHARE_VERSION } from '../../www/js/deliverable.js';

const DESK = { width: 1280, height: 900 };
const BRIEF = 'Female lead, 25-32, speaks Hindi, based in Mumbai';
const NOTE = 'Strong read, "natural" on camera\nहिंदी उच्चारण साफ़';




const card = (id) => `#results .result[data-id="${id}"]`;
const ids = (page) => page.$$eval('#results .result', (items) => items.map((li) => li.dataset.id));
const nameOf = (page, id) => page.evaluate((id) => window.castmatch.engine.get(id).name, id);

async function shortlist(page, id) {
  await page.click(`${card(id)} button.shortlist`);
  await page.waitForSelector(`#memory-panel .memory-shortlist li[data-id="${id}"]`);
}

async function annotate(page, id, note, tags) {
  await page.click(`${card(id)} .note-editor summary`);
  await page.fill(`${card(id)} .note-input`, note);
  await page.fill(`${card(id)} .tags-input`, tags);
  await page.click(`${card(id)} .note-form button[type="submit"]`);
  await page.waitForSelector(`${card(id)} .candidate-note`);
}

/** Clicks `selector` and returns the download's name and bytes. */
async function downloaded(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

/** An RFC 4180 reader written apart from the page's writer: quoted fields, doubled quotes, CRLF. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += c;
  }
  assert.equal(quoted, false, 'a quoted field is never closed');
  assert.equal(field + row.join(''), '', 'the last row does not end with CRLF');
  return rows;
}

const records = (rows) => rows.slice(1).map((r) => Object.fromEntries(rows[0].map((name, i) => [name, r[i]])));

test('CSV fields: quoted when needed, quotes doubled, formulas defused; numbers as they are', () => {
  assert.equal(csvField('Asha Rao'), 'Asha Rao');
  assert.equal(csvField('Rao, Asha'), '"Rao, Asha"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvField('-1 look'), "'-1 look");
  assert.equal(csvField(-3), '-3');
  assert.equal(csvField(null), '');
  const csv = shortlistCsv({ castmatch_shortlist: 1, exported_at: '2026-12-05T00:00:00Z', director: '', project: 'P', role: 'R', brief: [], talents: [] });
  assert.ok(csv.startsWith('\uFEFF#,Name,Age,'), csv);
  assert.ok(csv.endsWith('Shortlisted on\r\n'));
});

test('share files: each fault is named by its JSON path; a good file reads back as written', () => {
  const good = {
    castmatch_shortlist: SHARE_VERSION, exported_at: '2026-12-05T02:00:00.000Z', director: 'Anita', project: 'Monsoon', role: 'Bride', brief: ['age 25–32'],
    talents: [{ id: 'T1', name: 'आशा राव', age: 28, gender: 'female', city: 'mumbai', photo_url: null, fit: 91, fit_from: 'brief', reasons: ['speaks Hindi'], concerns: [], note: 'n', tags: ['callback'], shortlisted_at: null, future_field: 1 }],
  };
  const read = readShortlist(`\uFEFF${JSON.stringify(good)}`);
  assert.equal(read.talents[0].name, 'आशा राव');
  assert.equal('future_field' in read.talents[0], false);
  const fault = (change) => {
    const copy = structuredClone(good);
    change(copy);
    try {
      readShortlist(JSON.stringify(copy));
    } catch (error) {
      assert.ok(error instanceof ShareFileError, String(error));
      return error.message;
    }
    assert.fail('accepted');
  };
  assert.match(fault((c) => delete c.talents[0].name), /^\$\.talents\[0\]\.name: expected text, found nothing/);
  assert.match(fault((c) => (c.talents[0].fit = 140)), /^\$\.talents\[0\]\.fit: 140 is outside 0-100/);
  assert.match(fault((c) => (c.talents[0].tags = ['a', 3])), /^\$\.talents\[0\]\.tags\[1\]: expected text, found number 3/);
  assert.match(fault((c) => (c.talents = {})), /^\$\.talents: expected a list, found an object/);
  assert.match(fault((c) => (c.castmatch_shortlist = 2)), /version 2 is newer than this page reads \(1\)/);
  assert.match(fault((c) => (c.role = '  ')), /^\$\.role: is empty/);
  assert.throws(() => readShortlist('{"version": 2, "workbook": {}}'), /^ShareFileError: \$\.castmatch_shortlist: missing: .*memory export/);
  assert.throws(() => readShortlist('{\n  "castmatch_shortlist": 1,\n  "role": "x" "y"\n}'), /^ShareFileError: \$: not JSON \(line 3, column 15\)/);
  assert.throws(() => readShortlist('[1, 2]'), /^ShareFileError: \$: expected an object, found an array/);
});

describe('the shortlist as a deliverable', () => {
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

  test('three shortlisted: CSV, print view, share file opened read-only in a fresh browser, damaged files refused', async () => {
    const { context, page, errors } = await openChat(browser, server, { viewport: DESK });
    assert.ok(await page.isDisabled('#shortlist-csv'), 'export offered with nothing shortlisted');
    await say(page, BRIEF);
    const three = (await ids(page)).slice(0, 3);
    const names = await Promise.all(three.map((id) => nameOf(page, id)));
    for (const id of three) await shortlist(page, id);
    await annotate(page, three[0], NOTE, 'callback, dialect ok');
    await annotate(page, three[1], '=1+1 is not a formula', '');
    assert.ok(!(await page.isDisabled('#shortlist-csv')));

    // CSV: UTF-8 with a BOM, one header row and a row per talent, quoting read back exactly.
    const csv = await downloaded(page, '#shortlist-csv');
    assert.match(csv.name, /^castmatch-shortlist-my-project-lead-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'no UTF-8 byte-order mark');
    const rows = parseCsv(csv.bytes.toString('utf8').slice(1));
    assert.deepEqual(rows[0], ['#', 'Name', 'Age', 'Gender', 'City', 'Fit (0-100)', 'Why', 'Against', 'Notes', 'Tags', 'Headshot', 'Talent ID', 'Shortlisted on']);
    assert.equal(rows.length, 4);
    const byId = new Map(records(rows).map((r) => [r['Talent ID'], r]));
    assert.deepEqual(new Set(byId.keys()), new Set(three));
    for (const [i, id] of three.entries()) {
      const row = byId.get(id);
      assert.equal(row.Name, names[i]);
      assert.match(row['Fit (0-100)'], /^\d{1,3}$/);
      assert.ok(row.Why.length > 0, `no reasons for ${row.Name}`);
      assert.equal(row.Gender, 'Female');
      assert.match(row['Shortlisted on'], /^\d{4}-\d{2}-\d{2}$/);
    }
    assert.equal(byId.get(three[0]).Notes, NOTE);
    assert.equal(byId.get(three[0]).Tags, 'callback, dialect ok');
    assert.equal(byId.get(three[1]).Notes, "'=1+1 is not a formula");
    const fits = records(rows).map((r) => Number(r['Fit (0-100)']));
    assert.deepEqual(fits, [...fits].sort((a, b) => b - a), 'not best fit first');

    // What an export costs: ranking the role's brief 500 deep (the rest is drawing a few rows).
    const rankMs = await page.evaluate(() => {
      const { engine, requirements } = window.castmatch;
      const times = [];
      for (let i = 0; i < 7; i++) {
        const started = performance.now();
        engine.search(requirements, 500);
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[3];
    });
    await recordMetrics({ deliverable_rank_500_median_ms_5000: Number(rankMs.toFixed(2)) });

    // The print view: in place of the casting page, the three with reasons, notes and tags.
    await page.evaluate(() => {
      window.printed = 0;
      window.print = () => window.printed++;
    });
    await page.click('#shortlist-print');
    await page.waitForFunction(() => window.printed === 1);
    assert.ok(await page.isVisible('#deliverable'));
    assert.ok(!(await page.isVisible('.chat-layout')), 'the casting page shows behind the print view');
    const view = await page.evaluate(() => ({
      title: document.getElementById('deliverable-title').textContent,
      brief: document.querySelector('.deliverable-brief').textContent,
      meta: document.querySelector('.deliverable-meta').textContent,
      talents: [...document.querySelectorAll('.deliverable-talent')].map((li) => ({
        id: li.dataset.id,
        name: li.querySelector('.deliverable-name').textContent,
        photo: Boolean(li.querySelector('.deliverable-photo')),
        reasons: li.querySelectorAll('.deliverable-reasons li').length,
        reasonText: [...li.querySelectorAll('.deliverable-reasons li')].map((r) => r.textContent),
        note: li.querySelector('.deliverable-note')?.textContent ?? '',
        tags: [...li.querySelectorAll('.candidate-tags li')].map((t) => t.textContent),
      })),
      buttons: document.querySelectorAll('#deliverable button.shortlist, #deliverable button.reject, #deliverable textarea').length,
    }));
    assert.equal(view.title, 'Lead');
    assert.match(view.brief, /Hindi/);
    assert.match(view.brief, /Mumbai/);
    assert.match(view.meta, /^3 talents · prepared on \d{1,2} [A-Z][a-z]+ \d{4}/);
    assert.deepEqual(new Set(view.talents.map((t) => t.id)), new Set(three));
    for (const t of view.talents) {
      assert.ok(t.photo, `no headshot or placeholder for ${t.name}`);
      assert.ok(t.reasons > 0, `no reasons for ${t.name}`);
      assert.ok(!t.reasonText.some((r) => /^you /.test(r)), `the director's own memory boosts are in the deliverable: ${t.reasonText}`);
      assert.match(t.name, /^\d\. /);
    }
    const first = view.talents.find((t) => t.id === three[0]);
    assert.equal(first.note, NOTE);
    assert.deepEqual(first.tags, ['callback', 'dialect ok']);
    assert.equal(view.buttons, 0);

    await page.emulateMedia({ media: 'print' });
    assert.ok(!(await page.isVisible('.deliverable-toolbar')), 'the toolbar prints');
    assert.ok(!(await page.isVisible('.site-header')), 'the page header prints');
    assert.ok(await page.isVisible(`.deliverable-talent[data-id="${three[2]}"] .deliverable-reasons`));
    await page.screenshot({ path: await screenshotPath('shortlist-print.png'), fullPage: true });
    const pdf = await page.pdf({ path: await screenshotPath('shortlist.pdf'), format: 'A4' });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    await page.emulateMedia({ media: 'screen' });

    // The share file, opened read-only in a browser that has none of this director's state.
    const share = await downloaded(page, '.deliverable-share');
    assert.match(share.name, /^castmatch-shortlist-my-project-lead-\d{4}-\d{2}-\d{2}\.json$/);
    const shared = JSON.parse(share.bytes.toString('utf8'));
    assert.equal(shared.castmatch_shortlist, 1);
    assert.equal(shared.role, 'Lead');
    assert.deepEqual(new Set(shared.talents.map((t) => t.name)), new Set(names));
    await page.click('.deliverable-close');
    assert.ok(await page.isVisible('.chat-layout'));
    assert.deepEqual(errors, []);

    const producer = await openChat(browser, server, { viewport: DESK, wait: false });
    const p = producer.page;
    await p.setInputFiles('#shared-file', { name: share.name, mimeType: 'application/json', buffer: share.bytes });
    await p.waitForSelector('#deliverable[data-mode="shared"]:not([hidden])');
    assert.match(await p.textContent('.read-only-banner'), /^Read only\. .*nothing here can be shortlisted, rejected or edited/);
    assert.deepEqual(
      await p.$$eval('.deliverable-talent', (items) => items.map((li) => li.dataset.id)),
      view.talents.map((t) => t.id),
      'the shared shortlist is not the one exported',
    );
    assert.equal(await p.textContent(`.deliverable-talent[data-id="${three[0]}"] .deliverable-note`), NOTE);
    assert.equal(await p.locator('#deliverable button.shortlist, #deliverable button.reject, #deliverable textarea, #deliverable input, .deliverable-share').count(), 0);
    await p.screenshot({ path: await screenshotPath('shortlist-shared.png'), fullPage: true });
    await waitReady(p);
    assert.equal(await p.evaluate(() => window.castmatch.engine.memory().shortlist.length), 0, 'opening a shared shortlist changed this browser’s memory');

    // Damaged files: the error names where; the page stays as it was.
    await p.click('.deliverable-close');
    const cut = share.bytes.subarray(0, Math.floor(share.bytes.length / 2));
    await p.setInputFiles('#shared-file', { name: 'cut.json', mimeType: 'application/json', buffer: cut });
    await p.waitForSelector('#shared-error:not([hidden])');
    assert.match(await p.textContent('#shared-error'), /cut\.json: \$: not JSON/);
    assert.ok(await p.isHidden('#deliverable'));
    assert.ok(await p.isVisible('.chat-layout'), 'a damaged file blanked the page');
    const broken = structuredClone(shared);
    broken.talents[1].reasons = 'fits well';
    await p.setInputFiles('#shared-file', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    await p.waitForFunction(() => /broken\.json/.test(document.getElementById('shared-error').textContent));
    assert.match(await p.textContent('#shared-error'), /broken\.json: \$\.talents\[1\]\.reasons: expected a list, found string "fits well"/);
    // The good file again: the error goes, the view opens.
    await p.setInputFiles('#shared-file', { name: share.name, mimeType: 'application/json', buffer: share.bytes });
    await p.waitForSelector('#deliverable[data-mode="shared"]:not([hidden])');
    assert.ok(await p.isHidden('#shared-error'));
    assert.deepEqual(producer.errors, []);
    await producer.context.close();
    await context.close();
  });

  test('after a roster switch the shortlist exports from memory: Devanagari names, headshots, fit as shortlisted', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Headshots live on an agency's https host; here the browser is handed a picture for them.
    const picture = '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96"><rect width="96" height="96" fill="#2a6f97"/><circle cx="48" cy="38" r="18" fill="#f4d8b8"/></svg>';
    await context.route('https://photos.example/**', (route) => route.fulfill({ status: 200, contentType: 'image/svg+xml', body: picture }));
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url(QUICK_CHAT));
    await waitReady(page);
    const agency = [
      'id,name,gender,age,height_cm,city,languages,skills,photo_url',
      'A1,आशा राव,female,29,160,Mumbai,hindi;marathi,kathak,https://photos.example/a1.svg',
      'A2,"Shah, Bina",female,27,158,Mumbai,hindi,theatre,https://photos.example/a2.svg',
      'A3,Chitra Iyer,female,31,165,Mumbai,hindi;tamil,bharatanatyam,',
    ].join('\n');
    const paste = async (rows) => {
      await page.evaluate(() => (document.getElementById('roster-paste').open = true));
      await page.fill('#roster-paste-text', rows);
    };
    await paste(agency);
    await page.click('#roster-form button[type="submit"]');
    await page.waitForFunction(() => document.getElementById('roster-status').dataset.size === '3', null, { timeout: 60_000 });
    await say(page, 'Female, 25-35, speaks Hindi, Mumbai');
    assert.deepEqual(new Set(await ids(page)), new Set(['A1', 'A2', 'A3']));
    for (const id of ['A1', 'A2', 'A3']) await shortlist(page, id);
    await annotate(page, 'A1', 'Lovely stillness', 'callback');

    const other = 'id,name,gender,age,height_cm,city,languages,skills\nB1,Dev Anand,male,40,178,Pune,hindi,theatre\n';
    await paste(other);
    await page.click('#roster-form button[type="submit"]');
    await page.waitForFunction(() => document.getElementById('roster-status').dataset.size === '1', null, { timeout: 60_000 });
    assert.equal(await page.evaluate(() => window.castmatch.engine.get('A1')), undefined);

    const csv = await downloaded(page, '#shortlist-csv');
    const rows = records(parseCsv(csv.bytes.toString('utf8').slice(1)));
    assert.deepEqual(rows.map((r) => r.Name).sort(), ['Chitra Iyer', 'Shah, Bina', 'आशा राव']);
    const asha = rows.find((r) => r['Talent ID'] === 'A1');
    assert.deepEqual([asha.Age, asha.City, asha.Headshot, asha.Notes, asha.Tags], ['29', 'Mumbai', 'https://photos.example/a1.svg', 'Lovely stillness', 'callback']);
    for (const r of rows) {
      assert.match(r['Fit (0-100)'], /^\d{1,3}$/, `${r.Name} lost the fit it was shortlisted with`);
      assert.ok(r.Why.length > 0, `${r.Name} lost the reasons`);
    }

    await page.evaluate(() => {
      window.print = () => {};
    });
    await page.click('#shortlist-print');
    await page.waitForSelector('#deliverable:not([hidden]) .deliverable-talent');
    await page.waitForFunction(() => [...document.querySelectorAll('#deliverable img')].every((img) => img.complete));
    const photos = await page.evaluate(() => [...document.querySelectorAll('.deliverable-talent')].map((li) => {
      const img = li.querySelector('img.deliverable-photo');
      return [li.dataset.id, img ? img.naturalWidth : li.querySelector('.headshot-initials').textContent];
    }));
    assert.deepEqual(Object.fromEntries(photos), { A1: 96, A2: 96, A3: 'CI' });
    assert.match(await page.textContent('.deliverable-talent[data-id="A1"] .deliverable-fit'), /as when shortlisted/);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: await screenshotPath('shortlist-print-headshots.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('on a phone the panel is under Memory and a shared shortlist reads without sideways scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url(QUICK_CHAT));
    await page.click('.phone-tab[data-tab="memory"]');
    assert.ok(await page.isVisible('#deliverable-section'));
    const box = await page.locator('#deliverable-section').boundingBox();
    assert.ok(box.y < 3 * 844, `the panel starts ${box.y} px down`);
    const reasons = ['female', 'age 28 within 25-32', 'speaks Hindi and Marathi', 'based in Mumbai', 'trained in Kathak'];
    const talents = ['Megha Pandey', 'Rukhsana Qureshi-Deshpande', 'Anjali Venkataraman'].map((name, i) => ({
      id: `T${i}`, name, age: 27 + i, gender: 'female', city: 'mumbai', photo_url: null, fit: 100 - 15 * i, fit_from: 'brief',
      reasons, concerns: i ? ['no Theatre listed'] : [], note: i === 1 ? 'Callback Tuesday; wants a dialect coach for the Lucknow scenes' : '', tags: ['callback'], shortlisted_at: null,
    }));
    const file = { castmatch_shortlist: 1, exported_at: '2026-12-05T10:00:00.000Z', director: 'Anita', project: 'Monsoon Wedding 2', role: 'Mother of the bride', brief: ['gender: Female', 'age 25–32', 'language: Hindi'], talents };
    await page.setInputFiles('#shared-file', { name: 'shared.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await page.waitForSelector('#deliverable[data-mode="shared"]:not([hidden])');
    const layout = await page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      small: [...document.querySelectorAll('#deliverable button')].filter((b) => b.getBoundingClientRect().height < 44).length,
      tabs: getComputedStyle(document.getElementById('phone-tabs')).display,
    }));
    assert.ok(layout.overflow <= 0, `the shared shortlist scrolls sideways by ${layout.overflow}px`);
    assert.equal(layout.small, 0, 'buttons under 44 px');
    assert.equal(layout.tabs, 'none', 'the tabs show over the shortlist');
    assert.match(await page.textContent('.deliverable-talent[data-id="T1"] .deliverable-fit'), /Fit 85\/100/);
    await page.screenshot({ path: await screenshotPath('shortlist-shared-390.png'), fullPage: true });
    await page.keyboard.press('Escape');
    await page.waitForSelector('#deliverable', { state: 'hidden' });
    assert.ok(await page.isVisible('#deliverable-section'), 'closing did not go back to where the director was');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
