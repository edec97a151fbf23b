// The npm package as a Node 20 user imports it: load, search, snapshot, errors as Error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const pkg = new URL("../../pkg-web/", import.meta.url);
const { initSync, Engine, MODEL_FILE, modelChecksum } = await import(new URL("castmatch.js", pkg));
initSync({ module: readFileSync(new URL("castmatch_bg.wasm", pkg)) });
const { initSync: initSynthetic, syntheticRoster } = await import(new URL("synthetic.js", pkg));
initSynthetic({ module: readFileSync(new URL("synthetic_bg.wasm", pkg)) });
/** The synthetic roster as a page gets it: CSV from the `synthetic` module, then fromCsv. */
const synthetic = (n, seed) => Engine.fromCsv(syntheticRoster(n, seed));

const brief = {
  gender: "female", age_min: 22, age_max: 40, languages: ["hindi"],
  skills: [], cities: [], preferred_skills: [],
};

function satisfies(t, r) {
  return (!r.gender || t.gender === r.gender)
    && (r.age_min == null || t.age >= r.age_min)
    && (r.age_max == null || t.age <= r.age_max)
    && r.languages.every((l) => t.languages.includes(l));
}

test("package.json describes an ES module with types", () => {
  const meta = JSON.parse(readFileSync(new URL("package.json", pkg), "utf8"));
  assert.equal(meta.name, "castmatch");
  assert.equal(meta.sideEffects, false);
  assert.ok(meta.files.includes("castmatch_bg.wasm"));
  const entry = readFileSync(new URL(meta.types, pkg), "utf8");
  assert.match(entry, /export \* from '\.\/castmatch_wasm\.js'/);
  assert.match(entry, /export default function init\(/);
  const dts = readFileSync(new URL("castmatch_wasm.d.ts", pkg), "utf8");
  assert.match(dts, /export interface Requirements/);
  assert.match(dts, /search\(requirements: Requirements, k: number\): Match\[\]/);
});

test("search returns plain objects that satisfy the brief, best first", () => {
  const engine = synthetic(3000, 11);
  const matches = engine.search(brief, 10);
  assert.equal(matches.length, 10);
  for (const m of matches) {
    assert.ok(satisfies(m.talent, brief), `${m.id} breaks the brief`);
    assert.ok(m.reasons.includes("speaks Hindi"));
  }
  for (let i = 1; i < matches.length; i++) assert.ok(matches[i - 1].score >= matches[i].score);
});

test("snapshot restores identical rankings; a flipped byte throws", () => {
  const engine = synthetic(1000, 5);
  const bytes = engine.snapshot();
  assert.ok(bytes instanceof Uint8Array);
  const again = Engine.restore(bytes);
  assert.deepEqual(again.search(brief, 10), engine.search(brief, 10));
  bytes[bytes.length >> 1] ^= 1;
  assert.throws(() => Engine.restore(bytes), /checksum/);
});

test("bad CSV throws an Error naming line and column", () => {
  const csv = "id,name,gender,age,height_cm,city,languages,skills\nT1,Asha,female,twenty,160,Bombay,hindi,kathak\n";
  assert.throws(() => Engine.fromCsv(csv), (e) => e instanceof Error && /line 2, column age/.test(e.message));
});

test("bad requirements throw instead of trapping", () => {
  const engine = synthetic(10, 1);
  assert.throws(() => engine.search({ gender: 7 }, 3), /: requirements\.gender: invalid type: integer `7`, expected a string$/);
  assert.throws(() => engine.search({ gender: "robot" }, 3), /: requirements\.gender: unknown variant `robot`, expected one of `female`, `male`, `nonbinary`$/);
  assert.throws(() => engine.search({ age_min: -4 }, 3), Error);
  assert.equal(engine.search(brief, 0).length, 0);
});

test("init loads the model beside the package: engines rank by meaning and cite evidence", () => {
  assert.match(MODEL_FILE, /^models\/castmatch-static-v1-d128-([0-9a-f]{8})\.cmse$/);
  assert.equal(modelChecksum().toString(16).padStart(8, "0"), MODEL_FILE.match(/-([0-9a-f]{8})\.cmse$/)[1]);
  const engine = synthetic(3000, 11);
  assert.equal(engine.semantic, true);
  const matches = engine.search({ gender: "male", age_min: 35, age_max: 70, look: ["retired army officer"] }, 10);
  assert.equal(matches.length, 10);
  const evidence = matches.map((m) => m.reasons.at(-1));
  assert.ok(evidence.filter((r) => /^(bio|look): ".+" (fits|is close to) "retired army officer"$/.test(r)).length >= 8, evidence.join("\n"));
  const again = Engine.restore(engine.snapshot());
  assert.deepEqual(again.search({ look: ["retired army officer"] }, 5), engine.search({ look: ["retired army officer"] }, 5));
});

test("the synthetic roster is its own module, and the chat module no longer carries it", () => {
  const meta = JSON.parse(readFileSync(new URL("package.json", pkg), "utf8"));
  assert.equal(meta.exports["./synthetic"].default, "./synthetic.js");
  assert.equal(Engine.synthetic, undefined);
  const csv = syntheticRoster(5, 3);
  assert.equal(csv.split("\n")[0].split(",").at(-1), "look");
  assert.deepEqual(synthetic(5, 3).search({}, 5).map((m) => m.id).sort(), ["T000001", "T000002", "T000003", "T000004", "T000005"]);
});

test("the dashboard is a second module of the package, with its own small .wasm", async () => {
  const { initSync: initDashboard, Dashboard } = await import(new URL("dashboard.js", pkg));
  initDashboard({ module: readFileSync(new URL("dashboard_bg.wasm", pkg)) });
  const plan = readFileSync(new URL("../../www/data/plan.json", import.meta.url), "utf8");
  const dashboard = Dashboard.fromJson(plan);
  const view = dashboard.evaluate("2025-09-06T09:00:00+05:30");
  assert.ok(view.progress.overall > 0 && view.progress.overall < 100);
  assert.ok(view.gates.length > 0);
  assert.throws(() => Dashboard.fromJson('{"project": 7}'), /project/);
  assert.throws(() => dashboard.update({ kind: "resolve_blocker", blocker: 3 }), /change/);
  const meta = JSON.parse(readFileSync(new URL("package.json", pkg), "utf8"));
  assert.equal(meta.exports["./dashboard"].default, "./dashboard.js");
  for (const file of ["dashboard.js", "dashboard.d.ts", "dashboard_bg.wasm"]) {
    assert.ok(meta.files.includes(file), file);
  }
});
