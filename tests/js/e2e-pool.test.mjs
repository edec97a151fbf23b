// The whole pool end to end in headless Chromium against `castmatch serve` (issue 19, item 2):
// "Show more" and "show me more" / "more" / "next" page through the ranking without moving the
// cards on screen; sorting and quick filters over the shown results; "why is <name> not in the
// list?" answered with the constraints the talent fails, their rank, or their namesakes.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watchErrors, screenshotPath, openChat, say } from './e2e-helpers.mjs';

const BRIEF = 'Male lead, 25-40, speaks Hindi';



const cards = (page) => page.$$eval('#results .result', (items) => items.map((li) => ({ ...li.dataset })));
const ids = async (page) => (await cards(page)).map((c) => c.id);

/** Every talent of the synthetic roster (ids T000000…), read through the engine the page exposes. */
const roster = (page) =>
  page.evaluate(() => {
    const { engine } = window.castmatch;
    const all = [];
    for (let i = 0; i <= engine.size; i++) {
      const t = engine.get(`T${String(i).padStart(6, '0')}`);
      if (t) all.push(t);
    }
    return all;
  });

describe('the whole pool: show more, sort, quick filters, why not', () => {
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

  test('show more (button, "show me more", "more", "next") pages on without moving the cards on screen', async () => {
    const { context, page, errors } = await openChat(browser, server);
    await say(page, BRIEF);
    const first = await ids(page);
    assert.equal(first.length, 12);
    const matching = await page.evaluate(() => window.castmatch.matching);
    assert.ok(matching > 48, `only ${matching} match: the test needs more`);
    assert.match(await page.textContent('#match-count'), new RegExp(`12 shown of ${matching.toLocaleString('en-US')}`));

    await page.click('#show-more');
    await page.waitForFunction(() => document.querySelectorAll('#results .result').length === 24);
    const second = await ids(page);
    assert.deepEqual(second.slice(0, 12), first, 'show more moved the cards on screen');
    assert.equal(new Set(second).size, 24, 'a talent shown twice');
    assert.deepEqual((await cards(page)).map((c) => Number(c.rank)), [...Array(24).keys()].map((i) => i + 1));
    assert.match(await page.textContent('#match-count'), /24 shown of/);

    assert.match(await say(page, 'show me more'), /Showing 25–36 of/);
    const third = await ids(page);
    assert.deepEqual(third.slice(0, 24), second);
    assert.equal(new Set(third).size, 36);
    for (const text of ['more', 'Next']) await say(page, text);
    assert.equal((await ids(page)).length, 60);
    assert.deepEqual(await page.evaluate(() => window.castmatch.requirements), await page.evaluate(() => window.castmatch.engine.memory().brief), 'paging changed the brief');
    // Every card shown still meets the brief.
    for (const c of await cards(page)) assert.ok(c.gender === 'male' && c.languages.split('|').includes('hindi'), `${c.id} does not meet the brief`);

    // A decision then "more": the cards on screen stay, the new page leaves the rejected out.
    const rejected = third[30];
    await page.click(`#results .result[data-id="${rejected}"] button.reject`);
    await page.waitForSelector(`#memory-panel .memory-rejected li[data-id="${rejected}"]`);
    const before = await ids(page);
    await say(page, 'more');
    const after = await ids(page);
    assert.deepEqual(after.slice(0, before.length), before);
    assert.equal(after.filter((id) => id === rejected).length, 1);

    // A new brief starts from the first page again.
    await say(page, 'make it 30-45');
    assert.equal((await ids(page)).length, 12);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('sorting by age or experience and quick filters rearrange only what is shown; fit restores the ranking', async () => {
    const { context, page, errors } = await openChat(browser, server);
    await say(page, 'Lead, 20-50, speaks Hindi');
    await page.click('#show-more');
    await page.waitForFunction(() => document.querySelectorAll('#results .result').length === 24);
    const ranking = await ids(page);

    await page.selectOption('#sort-results', 'age-asc');
    const byAge = await cards(page);
    const ages = byAge.map((c) => Number(c.age));
    assert.deepEqual(ages, [...ages].sort((a, b) => a - b), 'not youngest first');
    assert.deepEqual(byAge.map((c) => c.id).sort(), [...ranking].sort(), 'sorting changed who is shown');
    assert.notDeepEqual(byAge.map((c) => c.id), ranking, 'sorting by age changed nothing');
    // Each card keeps its place in the ranking as its number.
    for (const c of byAge) assert.equal(Number(c.rank), ranking.indexOf(c.id) + 1);

    await page.selectOption('#sort-results', 'experience');
    const years = (await cards(page)).map((c) => Number(c.experience));
    assert.deepEqual(years, [...years].sort((a, b) => b - a), 'not most experienced first');
    await page.selectOption('#sort-results', 'age-desc');
    const oldest = (await cards(page)).map((c) => Number(c.age));
    assert.deepEqual(oldest, [...oldest].sort((a, b) => b - a));
    await page.selectOption('#sort-results', 'fit');
    assert.deepEqual(await ids(page), ranking);

    // Quick filters come from what the results hold: a gender chip, then a city chip, narrow.
    const genderChips = await page.$$eval('#results-tools .filter-chip[data-facet="gender"]', (b) => b.map((x) => x.dataset.value));
    assert.ok(genderChips.length >= 2, `gender chips: ${genderChips}`);
    await page.click('#results-tools .filter-chip[data-facet="gender"][data-value="female"]');
    let shown = await cards(page);
    assert.ok(shown.length > 0 && shown.length < 24);
    assert.ok(shown.every((c) => c.gender === 'female'));
    assert.match(await page.textContent('#match-count'), new RegExp(`${shown.length} after filters, 24 shown of`));
    const city = await page.getAttribute('#results-tools .filter-chip[data-facet="city"]', 'data-value');
    await page.click(`#results-tools .filter-chip[data-facet="city"][data-value="${city}"]`);
    shown = await cards(page);
    assert.ok(shown.every((c) => c.gender === 'female' && c.city === city));
    const skill = await page.getAttribute('#results-tools .filter-chip[data-facet="skill"]', 'data-value');
    if (skill) {
      await page.click(`#results-tools .filter-chip[data-facet="skill"][data-value="${skill}"]`);
      assert.ok((await cards(page)).every((c) => c.skills.split('|').includes(skill)));
      await page.click(`#results-tools .filter-chip[data-facet="skill"][data-value="${skill}"]`);
    }
    assert.equal(await page.getAttribute(`#results-tools .filter-chip[data-facet="city"][data-value="${city}"]`, 'aria-pressed'), 'true');
    await page.click(`#results-tools .filter-chip[data-facet="city"][data-value="${city}"]`);
    await page.click('#results-tools .filter-chip[data-facet="gender"][data-value="female"]');
    assert.deepEqual(await ids(page), ranking, 'clearing the filters did not bring every card back in order');

    // A decision under a filter marks the card in place and leaves the filter on.
    await page.click('#results-tools .filter-chip[data-facet="gender"][data-value="male"]');
    const males = await ids(page);
    await page.click(`#results .result[data-id="${males[1]}"] button.shortlist`);
    await page.waitForSelector(`#memory-panel .memory-shortlist li[data-id="${males[1]}"]`);
    assert.deepEqual(await ids(page), males);
    await page.screenshot({ path: await screenshotPath('chat-pool-filters.png'), fullPage: false });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('"why is <name> not in the list?" names the constraints failed, the rank, or the namesakes', async () => {
    const { context, page, errors } = await openChat(browser, server);
    await say(page, BRIEF);
    const r = await page.evaluate(() => window.castmatch.requirements);
    const everyone = await roster(page);
    assert.equal(everyone.length, 5000);
    const count = (name) => everyone.filter((t) => t.name.toLowerCase() === name.toLowerCase()).length;
    const unique = (t) => count(t.name) === 1;

    // A woman who speaks no Hindi, asked for in lower case: both constraints, in words.
    const plain = (t) => t.playing_age_min === null && t.playing_age_max === null;
    const woman = everyone.find((t) => unique(t) && plain(t) && t.gender === 'female' && !t.languages.includes('hindi') && t.age >= 25 && t.age <= 40);
    const reply = await say(page, `why is ${woman.name.toLowerCase()} not in the list?`);
    assert.match(reply, new RegExp(`${woman.name} is female; the brief asks for male and does not speak Hindi\\.`));

    // Too old, asked as "where is" with the name as written.
    const old = everyone.find((t) => unique(t) && t.gender === 'male' && t.languages.includes('hindi') && t.age > 45 && plain(t));
    assert.match(await say(page, `Where is ${old.name}?`), new RegExp(`${old.name} is ${old.age}; the brief asks 25-40\\.`));

    // Meets the brief, ranked below the cards shown: the rank, and how to get there.
    const ranked = await page.evaluate((req) => window.castmatch.engine.search(req, 80).map((m) => ({ id: m.id, name: m.name })), r);
    const deep = ranked.slice(40).find((m) => count(m.name) === 1);
    const deepReply = await say(page, `why not ${deep.name}`);
    const rank = Number(/ranks (\d+) of/.exec(deepReply)?.[1]);
    assert.ok(rank > 12, `rank ${rank} in: ${deepReply}`);
    assert.match(deepReply, /say “more” or press “Show more”/);

    // On screen already: says where.
    const top = (await cards(page))[2];
    const topName = everyone.find((t) => t.id === top.id).name;
    if (count(topName) === 1) assert.match(await say(page, `why isn't ${topName} in the list`), /is in the list already, at number 3/);

    // Rejected for this role: says so.
    const rejected = (await cards(page))[4].id;
    const rejectedName = everyone.find((t) => t.id === rejected).name;
    if (count(rejectedName) === 1) {
      await page.click(`#results .result[data-id="${rejected}"] button.reject`);
      await page.waitForSelector(`#memory-panel .memory-rejected li[data-id="${rejected}"]`);
      await say(page, 'more'); // the rejection stays on screen; it leaves at the next ranking
      await say(page, 'Male lead, 25-40, speaks Hindi, any city');
      assert.match(await say(page, `why not ${rejectedName}`), /is on this role’s rejected list/);
    }

    // Two people share a name: both are answered, each told apart by id, age and city.
    const shared = everyone.find((t) => count(t.name) >= 2);
    assert.ok(shared, 'the 5000-talent roster has no two people with one name');
    const both = await say(page, `why is ${shared.name} not in the list`);
    assert.match(both, new RegExp(`${count(shared.name)} people on the roster are called “${shared.name}”`));
    const namesakes = everyone.filter((t) => t.name === shared.name).slice(0, 4);
    for (const t of namesakes) assert.ok(both.includes(`${t.name} (${t.id}, ${t.age}, `), `${t.id} not told apart in: ${both}`);

    // A partial name: the first name alone finds the people who have it.
    const partial = everyone.find((t) => unique(t) && everyone.filter((o) => o.name.split(' ')[0] === t.name.split(' ')[0]).length === 1);
    if (partial) assert.match(await say(page, `where is ${partial.name.split(' ')[0]}`), new RegExp(`^CastMatch${partial.name} `));

    assert.match(await say(page, 'why is Zzyzx Qwerty not in the list?'), /No one called “Zzyzx Qwerty” is on this roster\./);
    // None of this changed the brief or the cards.
    assert.deepEqual(await page.evaluate(() => window.castmatch.requirements), await page.evaluate(() => window.castmatch.engine.memory().brief));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a brief with shoot dates and a day rate filters on them (issue 19, item 8)', async () => {
    const { context, page, errors } = await openChat(browser, server);
    await say(page, 'Male lead, 25-40, available in March, day rate under 50k');
    const r = await page.evaluate(() => window.castmatch.requirements);
    // March as the page's today sees it: this March if it has not ended, else next year's.
    const now = new Date(Date.now() + 5.5 * 3600_000); // the day in India
    const year = now.getUTCMonth() <= 2 ? now.getUTCFullYear() : now.getUTCFullYear() + 1;
    assert.equal(r.available_to, `${year}-03-31`);
    assert.match(r.available_from, new RegExp(`^${year}-03-\\d\\d$`));
    assert.equal(r.day_rate_max_inr, 50000);
    const chips = await page.$$eval('#chips .chip span', (spans) => spans.map((s) => s.textContent).join(' | '));
    assert.match(chips, /available from/);
    assert.match(chips, /day rate up to 50000/);
    const shown = await page.evaluate(() => window.castmatch.matches.map((m) => m.talent));
    assert.ok(shown.length > 0, 'no one is free in March at that rate');
    for (const t of shown) {
      assert.ok(t.day_rate_inr === null || t.day_rate_inr <= 50000, `${t.id} charges ${t.day_rate_inr}`);
      assert.ok(!t.available_from || t.available_from <= r.available_from, `${t.id} is free only from ${t.available_from}`);
      assert.ok(!t.available_to || t.available_to >= r.available_to, `${t.id} is free only until ${t.available_to}`);
    }
    // A refinement moves the rate; "budget 1.5 lakh a day" and "rate below ₹40,000" read too.
    await say(page, 'budget 1.5 lakh a day');
    assert.equal((await page.evaluate(() => window.castmatch.requirements)).day_rate_max_inr, 150000);
    await say(page, 'rate below ₹40,000');
    assert.equal((await page.evaluate(() => window.castmatch.requirements)).day_rate_max_inr, 40000);
    await say(page, 'free next month');
    const next = await page.evaluate(() => window.castmatch.requirements);
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    assert.equal(next.available_from, month.toISOString().slice(0, 10));
    assert.deepEqual(errors, []);
    await context.close();
  });
});
