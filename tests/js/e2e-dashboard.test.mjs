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

  test('at any moment every figure is what the history says then (start, mid-way, now)', async () => {
    const { context, page, errors } = await openDashboard(browser, server, undefined, '?at=2025-09-03T09:00:00%2B05:30');
    /** What the plan's history says at `t`, computed here from the file: the latest report. */
    const reported = (agent, t) => {
      let progress = [null, 0];
      let status = [null, null];
      for (const r of seedPlan.history.filter((r) => r.agent === agent && Date.parse(r.at) <= t)) {
        if (progress[0] === null || Date.parse(r.at) >= progress[0]) progress = [Date.parse(r.at), r.progress];
        if (r.status && (status[0] === null || Date.parse(r.at) >= status[0])) status = [Date.parse(r.at), r.status];
      }
      return { progress: progress[1], status: status[1] };
    };
    for (const [moment, day] of [['2025-09-03T09:00:00+05:30', 1], ['2025-09-04T20:00:00+05:30', 2], ['2025-09-05T01:45:00+05:30', 2]]) {
      const t = Date.parse(moment);
      await setAsOf(page, t);
      let weighted = 0;
      let weights = 0;
      for (const agent of seedPlan.agents) {
        const { progress, status } = reported(agent.id, t);
        const row = page.locator(`#agents tbody tr[data-id="${agent.id}"]`);
        assert.match(await row.textContent(), new RegExp(`${Math.round(progress)}%`), `${agent.id} at ${moment}`);
        assert.equal(await row.getAttribute('data-status'), status, `${agent.id} at ${moment}`);
        weighted += (agent.weight ?? 1) * progress;
        weights += agent.weight ?? 1;
      }
      assert.equal(await page.textContent('[data-kpi="overall"] .kpi-value'), `${Math.round(weighted / weights)}%`, moment);
      // The header and the gates' timeline name the same day.
      assert.match(await page.textContent('#as-of-label'), new RegExp(`day ${day}$`));
      assert.equal(await page.textContent('#timeline .timeline-now span'), `as of day ${day}`);
    }
    // Day 1: no velocity yet, so no projected finish, and DevOps is not yet critical.
    await setAsOf(page, Date.parse('2025-09-03T09:00:00+05:30'));
    assert.equal(await page.textContent('[data-kpi="projected"] .kpi-value'), 'no velocity');
    assert.equal(await page.getAttribute('#agents tr[data-id="devops"]', 'data-status'), 'active');
    assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
    await context.close();
  });

  test('the status form keeps the agent and its status together, confirms a drop, and undoes', async () => {
    const { context, page } = await openDashboard(browser, server, undefined, '?at=2025-09-05T01:45:00%2B05:30');
    const row = (id) => page.textContent(`#agents tr[data-id="${id}"]`);
    await page.selectOption('#update-agent', 'backend');
    assert.equal(await page.inputValue('#update-progress'), '40', 'the form shows the agent at the moment');
    await page.fill('#update-progress', '45');
    await page.selectOption('#update-status', 'active');
    await page.click('#progress-form button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('#agents tr[data-id="backend"]').textContent.includes('45%'));
    assert.match(await page.textContent('#update-message'), /^Progress of Backend API reported: 45%, active at 5 Sep 01:45\.$/);
    // Both fields kept: the next entry is about the same agent, not DevOps.
    assert.equal(await page.inputValue('#update-agent'), 'backend');
    assert.equal(await page.inputValue('#update-status'), 'active');

    // A drop in progress asks first; declined, nothing changes.
    await page.fill('#update-progress', '10');
    page.once('dialog', (dialog) => { assert.match(dialog.message(), /Lower Backend API from 45% to 10%/); dialog.dismiss(); });
    await page.click('#progress-form button[type="submit"]');
    await page.waitForFunction(() => document.getElementById('update-message').textContent.startsWith('Not reported'));
    assert.match(await row('backend'), /45%/);
    page.once('dialog', (dialog) => dialog.accept());
    await page.click('#progress-form button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('#agents tr[data-id="backend"]').textContent.includes('10%'));
    // Undo puts the 45% back; a resolved blocker can be undone too.
    await page.click('#update-undo');
    await page.waitForFunction(() => document.querySelector('#agents tr[data-id="backend"]').textContent.includes('45%'));
    assert.match(await page.textContent('#update-message'), /^Undone: Progress of Backend API reported: 10%/);
    await page.click('#blockers li[data-id="docker"] button');
    await page.waitForSelector('#blockers li[data-id="docker"][data-active="false"]');
    assert.match(await page.textContent('#update-message'), /“Docker not running” resolved at 5 Sep 01:45/);
    await page.click('#update-undo');
    await page.waitForSelector('#blockers li[data-id="docker"][data-active="true"]');
    await context.close();
  });

  test('a measurements log shows each metric with when and where, a trend line, and the services', async () => {
    const { context, page, errors } = await openDashboard(browser, server, undefined, '?at=2025-09-05T01:45:00%2B05:30');
    const run = (at, p95, conversations, healthy) => JSON.stringify({
      at,
      jobs: ['health'],
      readings: [
        { quantity: 'first_byte_p95_seconds', value: p95, source: 'http://127.0.0.1:8080/metrics' },
        { quantity: 'successful_conversations', value: conversations, source: 'http://127.0.0.1:8080/metrics' },
      ],
      checks: ['postgres', 'redis'].map((service) => ({ service, healthy, detail: healthy ? 'connected in 1 ms' : 'connection refused' })),
    });
    const log = [
      run('2025-09-05T05:00:00+05:30', 2.4, 2, false),
      run('2025-09-05T07:00:00+05:30', 1.6, 4, true),
      run('2025-09-05T09:00:00+05:30', 1.1, 6, true),
    ].join('\n') + '\n';
    await page.setInputFiles('#log-file', { name: 'measurements.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(log) });
    await page.click('#log-import');
    await page.waitForFunction(() => document.getElementById('plan-source').textContent.includes('3 runs'));
    await setAsOf(page, Date.parse('2025-09-05T09:30:00+05:30'));
    const metric = page.locator('#metrics li[data-id="response-time"]');
    const text = await metric.textContent();
    assert.match(text, /1\.1 s/);
    assert.match(text, /measured 5 Sep 09:00 · from 127\.0\.0\.1:8080\/metrics/);
    assert.equal(await metric.getAttribute('data-met'), 'true');
    assert.equal(await metric.locator('svg.sparkline path').count(), 1);
    assert.match(await metric.locator('svg.sparkline').getAttribute('aria-label'), /3 readings, from 2\.4 to 1\.1/);
    assert.match(await page.textContent('#metrics li[data-id="conversations"]'), /6 /);
    assert.equal(await page.getAttribute('#services li[data-id="redis"]', 'data-state'), 'up');
    assert.equal(await page.locator('#services li[data-id="redis"] .check-strip span').count(), 3);
    // The checks passed at 07:00: "Docker not running" cleared itself then.
    assert.equal(await page.getAttribute('#blockers li[data-id="docker"]', 'data-active'), 'false');
    assert.match(await page.textContent('#blockers li[data-id="docker"]'), /resolved 5 Sep 07:00/);
    await page.screenshot({ path: await screenshotPath('dashboard-measured.png'), fullPage: true, clip: { x: 0, y: 0, width: 1400, height: 2200 } });
    // Before the first reading: not measured, and the services were down then.
    await setAsOf(page, Date.parse('2025-09-05T06:00:00+05:30'));
    assert.match(await page.textContent('#metrics li[data-id="response-time"]'), /2\.4 s/);
    assert.equal(await page.getAttribute('#services li[data-id="redis"]', 'data-state'), 'down');
    await setAsOf(page, Date.parse('2025-09-05T04:00:00+05:30'));
    assert.equal(await page.getAttribute('#metrics li[data-id="response-time"]', 'data-measured'), 'false');

    // Kept across a reload, like an edited plan; a damaged log names the line and changes nothing.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    assert.match(await page.textContent('#plan-source'), /measurements: 3 runs from measurements\.jsonl/);
    await page.setInputFiles('#log-file', { name: 'broken.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${log}{"at": "yesterday"}\n`) });
    await page.click('#log-import');
    await page.waitForSelector('#plan-error:not([hidden])');
    assert.match(await page.textContent('#plan-error'), /broken\.jsonl: line 4: at/);
    assert.match(await page.textContent('#plan-source'), /3 runs/);
    assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
    await context.close();
  });

  test('works at phone width without sideways scrolling of the page', async () => {
    const { context, page } = await openDashboard(browser, server, { width: 360, height: 740 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
    await context.close();
  });
});
