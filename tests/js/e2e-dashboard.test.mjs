// The delivery dashboard end to end in headless Chromium against `castmatch serve`: the seed
// plan's figures, the "as of" control escalating a blocker from agent to orchestrator to human,
// status updates that re-evaluate and persist, downloads, phone width, and the first render time.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startServer, launchBrowser, watchErrors, recordMetrics, root, screenshotPath } from './e2e-helpers.mjs';

const HOUR = 3_600_000;

async function openDashboard(browser, server, viewport = { width: 1400, height: 1000 }, query = '') {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url(`index.html${query}`));
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 30_000 });
  return { context, page, errors };
}

/** Moves the "as of" slider as a drag would (the input event re-evaluates synchronously). */
async function setAsOf(page, ms) {
  await page.$eval('#as-of-range', (range, value) => {
    range.value = String(value); // snaps to the slider's 15-minute steps
    range.dispatchEvent(new Event('input', { bubbles: true }));
  }, ms);
}

const blockerLevel = (page, id) => page.getAttribute(`#blockers li[data-id="${id}"]`, 'data-level');

describe('delivery dashboard', () => {
  let server;
  let browser;
  let seedPlan;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    seedPlan = JSON.parse(await readFile(`${root}www/data/plan.json`, 'utf8'));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('shows the seed plan: agents and their progress, blockers, gates, metrics, the graph', async () => {
    // The seed summary's moment: 2025-09-05 01:45 IST, day 2.
    const { context, page, errors } = await openDashboard(browser, server, undefined, '?at=2025-09-05T01:45:00%2B05:30');
    assert.equal(await page.textContent('#project-title'), seedPlan.project);
    assert.match(await page.textContent('#as-of-label'), /5 Sep 01:45 · day 2/);
    assert.equal(await page.textContent('[data-kpi="overall"] .kpi-value'), '42%');
    for (const agent of seedPlan.agents) {
      const row = page.locator(`#agents tbody tr[data-id="${agent.id}"]`);
      assert.match(await row.textContent(), new RegExp(`${agent.name}.*${Math.round(agent.progress)}%`));
    }
    for (const blocker of seedPlan.blockers) assert.ok(await page.locator(`#blockers li[data-id="${blocker.id}"]`).count(), `blocker ${blocker.id} missing`);
    assert.equal(await page.locator('#gates .gate-card').count(), seedPlan.gates.length);
    for (const decision of await page.$$eval('#gates .gate-card', (cards) => cards.map((c) => c.dataset.decision))) {
      assert.ok(['GO', 'NO-GO', 'PENDING'].includes(decision));
    }
    assert.equal(await page.locator('#metrics .metric').count(), (seedPlan.metrics ?? []).length);
    assert.ok(await page.locator('#graph svg g.node').count() >= seedPlan.agents.length);
    assert.ok(await page.locator('#graph svg g.node[data-blocked="true"]').count() > 0, 'no blocked node marked');
    assert.ok(await page.locator('#graph svg g.node[data-critical="true"]').count() > 0, 'no critical-path node marked');
    const overall = await page.evaluate(() => window.castmatchDashboard.evaluation.progress.overall);
    assert.equal(await page.textContent('[data-kpi="overall"] .kpi-value'), `${Math.round(overall)}%`);

    await page.screenshot({ path: await screenshotPath('dashboard.png'), fullPage: true, clip: { x: 0, y: 0, width: 1400, height: 2200 } });
    assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
    await context.close();
  });

  test('measures the first render (median of five cold loads)', async () => {
    const loads = [];
    for (let i = 0; i < 5; i++) {
      const { context, page } = await openDashboard(browser, server);
      loads.push(await page.evaluate(() => ({ ...document.getElementById('render-timing').dataset })));
      await context.close();
    }
    const median = (key) => loads.map((l) => Number(l[key])).sort((a, b) => a - b)[2];
    const figures = {
      dashboard_first_render_ms: median('firstRenderMs'),
      dashboard_first_render_runs_ms: loads.map((l) => Number(l.firstRenderMs)),
      dashboard_script_to_render_ms: median('firstRenderMs') - median('atModule'),
      dashboard_evaluate_render_ms: median('firstEvaluateMs'),
      dashboard_first_paint_ms: median('firstPaintMs'),
    };
    await recordMetrics(figures);
    // Speed targets are reported in BENCHMARKS.md, never asserted: a wall time on a shared
    // machine is not a property of the code. What must hold is that every load rendered.
    assert.ok(loads.every((l) => Number(l.firstRenderMs) > 0), 'a load never rendered its figures');
  });

  test('the time control escalates a blocker from agent to orchestrator to human', async () => {
    const { context, page } = await openDashboard(browser, server);
    const blocker = seedPlan.blockers.find((b) => !b.resolved_at) ?? seedPlan.blockers[0];
    const since = Date.parse(blocker.since);
    const matrix = await page.evaluate(() => window.castmatchDashboard.evaluation.escalation);
    const levels = [];
    for (const level of matrix) {
      await setAsOf(page, since + (level.after_hours + 0.5) * HOUR);
      levels.push(await blockerLevel(page, blocker.id));
    }
    assert.deepEqual(levels, matrix.map((l) => l.level));
    assert.deepEqual(levels.slice(0, 3), ['agent-to-agent', 'orchestrator', 'human']);
    const alert = page.locator(`#alerts li[data-kind="blocker"][data-subject="${blocker.id}"]`);
    assert.equal(await alert.getAttribute('data-level'), 'human');

    // Keyboard: the slider moves with the arrow keys, and the figures follow.
    const before = await page.textContent('#as-of-label');
    await page.focus('#as-of-range');
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((text) => document.getElementById('as-of-label').textContent !== text, before);
    await context.close();
  });

  test('status updates re-evaluate at once and persist across a reload', async () => {
    const { context, page } = await openDashboard(browser, server);
    const blocker = seedPlan.blockers.find((b) => !b.resolved_at);
    await setAsOf(page, Date.parse(blocker.since) + 3 * HOUR);
    await page.click(`#blockers li[data-id="${blocker.id}"] button`);
    await page.waitForSelector(`#blockers li[data-id="${blocker.id}"][data-active="false"]`);

    const agent = seedPlan.agents[0];
    await page.selectOption('#update-agent', agent.id);
    await page.fill('#update-progress', '95');
    await page.click('#progress-form button[type="submit"]');
    await page.waitForFunction((id) => document.querySelector(`#agents tr[data-id="${id}"]`).textContent.includes('95%'), agent.id);

    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    assert.equal(await page.getAttribute(`#blockers li[data-id="${blocker.id}"]`, 'data-active'), 'false');
    assert.match(await page.textContent(`#agents tr[data-id="${agent.id}"]`), /95%/);
    assert.match(await page.textContent('#plan-source'), /edited in this browser/);
    await context.close();
  });

  test('exports the plan, downloads the Markdown report, rejects a bad plan file', async () => {
    const { context, page } = await openDashboard(browser, server);
    const [planDownload] = await Promise.all([page.waitForEvent('download'), page.click('#plan-export')]);
    const exported = JSON.parse(await readFile(await planDownload.path(), 'utf8'));
    assert.equal(exported.project, seedPlan.project);
    const [reportDownload] = await Promise.all([page.waitForEvent('download'), page.click('#report-download')]);
    const report = await readFile(await reportDownload.path(), 'utf8');
    assert.match(report, /^#/m);
    assert.ok(report.includes(seedPlan.project));

    await page.setInputFiles('#plan-file', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"project": "x", "start": "not a time"}') });
    await page.click('#plan-import');
    await page.waitForSelector('#plan-error:not([hidden])');
    assert.match(await page.textContent('#plan-error'), /broken\.json/);
    assert.equal(await page.textContent('#project-title'), seedPlan.project, 'a bad file replaced the plan');
    await context.close();
  });

  test('works at phone width without sideways scrolling of the page', async () => {
    const { context, page } = await openDashboard(browser, server, { width: 360, height: 740 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
    await context.close();
  });
});
