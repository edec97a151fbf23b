// The npm package as a Node 20 user imports it: load, search, snapshot, errors as Error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const pkg = new URL("../../pkg-web/", import.meta.url);
const { initSync, Engine, EngineLoader, MODEL_FILE, modelChecksum, attachTextModel } = await import(new URL("castmatch.js", pkg));
initSync({ module: readFileSync(new URL("castmatch_bg.wasm", pkg)) });
// Rosters are built by the second module (the page runs it in a worker) and restored.
const { initSync: initRoster, Roster, useTextModel: useRosterTextModel } = await import(new URL("roster.js", pkg));
initRoster({ module: readFileSync(new URL("roster_bg.wasm", pkg)) });
const restored = (roster) => Engine.restore(roster.snapshot());

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
  assert.match(entry, /export function attachTextModel\(/);
  const dts = readFileSync(new URL("castmatch_wasm.d.ts", pkg), "utf8");
  assert.match(dts, /export interface Requirements \{/);
  assert.match(dts, /export interface RequirementsInput \{/);
  assert.match(dts, /search\(requirements: RequirementsInput, k: number\): Match\[\]/);
});

test("search returns plain objects that satisfy the brief, best first", () => {
  const engine = restored(Roster.synthetic(3000, 11));
  const matches = engine.search(brief, 10);
  assert.equal(matches.length, 10);
  for (const m of matches) {
    assert.ok(satisfies(m.talent, brief), `${m.id} breaks the brief`);
    assert.ok(m.reasons.includes("speaks Hindi"));
  }
  for (let i = 1; i < matches.length; i++) assert.ok(matches[i - 1].score >= matches[i].score);
});

test("snapshot restores identical rankings; a flipped byte throws", () => {
  const bytes = Roster.synthetic(1000, 5).snapshot();
  assert.ok(bytes instanceof Uint8Array);
  const engine = Engine.restore(bytes);
  const again = Engine.restore(Roster.restore(bytes).snapshot());
  assert.deepEqual(again.search(brief, 10), engine.search(brief, 10));
  bytes[bytes.length >> 1] ^= 1;
  assert.throws(() => Engine.restore(bytes), /checksum/);
  assert.throws(() => Roster.restore(bytes), /checksum/);
});

test("a snapshot fed in pieces as a download arrives restores the same engine; cut short, it says where", () => {
  const bytes = Roster.synthetic(700, 4).snapshot();
  const whole = Engine.restore(bytes);
  for (const size of [1, 4093, 65536]) {
    const loader = new EngineLoader();
    for (let at = 0; at < bytes.length; at += size) loader.push(bytes.subarray(at, at + size));
    assert.equal(loader.received, bytes.length);
    const engine = loader.finish();
    assert.deepEqual(engine.search(brief, 10), whole.search(brief, 10), `pieces of ${size}`);
  }
  const short = new EngineLoader();
  short.push(bytes.subarray(0, bytes.length - 10));
  assert.throws(() => short.finish(), new RegExp(`ends at byte ${bytes.length - 10}, inside its`));
  const damaged = new EngineLoader();
  const copy = bytes.slice();
  copy[100] ^= 1;
  assert.throws(() => damaged.push(copy), /checksum mismatch/);
  assert.throws(() => damaged.push(bytes.subarray(0, 10)), /checksum mismatch/, "an error is final");
});

test("rosters are edited in the roster module: add (checked as an import is) and remove, then restore", () => {
  const roster = Roster.restore(Roster.synthetic(200, 5).snapshot());
  roster.add({ id: "N1", name: "Ira Menon", gender: "F", age: 31, height_cm: 165, city: "Bombay",
    languages: ["Malayalam"], skills: ["Kathakali"] });
  assert.throws(() => roster.add({ id: "N2", name: "X", gender: "F", age: "forty", height_cm: 160, city: "pune", languages: [], skills: [] }), /^Error: talent\.age: /);
  roster.remove("T000001");
  const engine = Engine.restore(roster.snapshot());
  assert.equal(engine.size, 200);
  assert.equal(engine.get("N1").city, "mumbai");
  assert.equal(engine.get("T000001"), undefined);
  assert.equal(typeof engine.add, "undefined", "the page's module carries no roster editor");
});

test("bad CSV throws an Error naming line and column", () => {
  const csv = "id,name,gender,age,height_cm,city,languages,skills\nT1,Asha,female,twenty,160,Bombay,hindi,kathak\n";
  assert.throws(() => Roster.fromCsv(csv), (e) => e instanceof Error && /line 2, column age/.test(e.message));
});

test("a spreadsheet export loads in one attempt; strict names every problem at once", () => {
  const csv = [
    "\ufeffFull name,Sex,DOB,Height,Location,Languages spoken,Special skills,Phone,Photo,Favourite colour",
    "Asha Rao,F,12/04/1995,5'6\",Mumbai,\"Hindi, Marathi\",Theatre|Singing,+91 98200 11111,https://example.com/a.jpg,Teal",
    "Ravi Iyer,M,not known,6 ft 13,Pune,Marathi,,,,",
    "Meera Nair,female,1990-01-31,160 cm,Kochi,Malayalam,Mohiniyattam,,,",
  ].join("\n");
  assert.throws(() => Roster.fromCsv(csv), (e) => {
    const lines = e.message.split("\n");
    return /^2 problems:$/.test(lines[0]) && /line 3, column DOB/.test(lines[1]) && /line 3, column Height/.test(lines[2]);
  });
  const roster = Roster.fromCsv(csv, true);
  assert.equal(roster.size, 2);
  assert.equal(roster.importErrors.length, 2);
  assert.ok(roster.importNotices.some((n) => /"Full name" as name/.test(n)), roster.importNotices.join("\n"));
  assert.ok(roster.importNotices.some((n) => /Favourite colour/.test(n)));
  const asha = restored(roster).get("asha-rao");
  assert.equal(asha.height_cm, 168);
  assert.deepEqual(asha.skills, ["theatre", "singing"]);
  assert.equal(asha.phone, "+91 98200 11111");
  assert.equal(asha.photo_url, "https://example.com/a.jpg");
  assert.deepEqual(asha.extra, [{ column: "Favourite colour", value: "Teal" }]);
});

test("playing age, day rate and shoot dates filter and explain", () => {
  const csv = [
    "id,name,gender,age,height_cm,city,playing_age_min,playing_age_max,day_rate_inr,available_from,available_to",
    "P1,Asha Rao,female,41,163,Goa,28,34,40000,2026-03-01,2026-04-30",
    "P2,Bina Shah,female,30,160,Goa,,,90000,,",
    "P3,Chitra Rao,female,30,160,Goa,,,,2026-03-10,",
  ].join("\n");
  const engine = restored(Roster.fromCsv(csv));
  const role = { gender: "female", age_min: 25, age_max: 32, day_rate_max_inr: 50000, available_from: "2026-03-05", available_to: "2026-03-20" };
  const matches = engine.search(role, 10);
  assert.deepEqual(matches.map((m) => m.id), ["P1"]);
  assert.ok(matches[0].reasons.includes("plays 28-34 (age 41), fits 25-32"), matches[0].reasons.join("; "));
  assert.ok(matches[0].reasons.includes("day rate ₹40,000 within ₹50,000"));
  assert.ok(matches[0].reasons.includes("available 1 Mar 2026 to 30 Apr 2026"));
  assert.equal(engine.countMatching({ ...role, available_from: "2026-03-12" , available_to: null }), 2);
  assert.throws(() => engine.search({ available_from: "5 March" }, 3), /YYYY-MM-DD/);
});

test("bad requirements throw instead of trapping", () => {
  const engine = restored(Roster.synthetic(10, 1));
  assert.throws(() => engine.search({ gender: 7 }, 3), /: requirements\.gender: expected one of the listed values, got 7$/);
  assert.throws(() => engine.search({ gender: "robot" }, 3), /: requirements\.gender: expected one of the listed values, got "robot" \(allowed: female, male, nonbinary\)$/);
  assert.throws(() => engine.search({ age_min: -4 }, 3), Error);
  assert.equal(engine.search(brief, 0).length, 0);
});

test("names read as a person writes them give the canonical results", () => {
  const engine = restored(Roster.synthetic(3000, 11));
  const canonical = { gender: "female", cities: ["mumbai"], languages: ["hindi"] };
  const expected = engine.search(canonical, 10);
  assert.ok(expected.length > 0);
  for (const spelt of [
    { gender: "F", cities: ["Mumbai"], languages: ["Hindi"] },
    { gender: "Female", cities: ["Bombay"], languages: ["HINDI"] },
    { gender: "woman", cities: [" bombay "], languages: ["hindi"] },
  ]) {
    assert.deepEqual(engine.search(spelt, 10), expected, JSON.stringify(spelt));
    assert.equal(engine.countMatching(spelt), engine.countMatching(canonical));
  }
});

test("unknown names and inverted ranges throw errors naming the field", () => {
  const engine = restored(Roster.synthetic(500, 3));
  assert.throws(() => engine.search({ cities: ["Atlantis"] }, 3), /: requirements\.cities\[0\]: unknown city 'Atlantis'; did you mean '/);
  assert.throws(() => engine.countMatching({ skills: ["kathak", "xyzzy quux"] }), /: requirements\.skills\[1\]: unknown skill 'xyzzy quux'/);
  assert.throws(() => engine.search({ age_min: 40, age_max: 30 }, 3), /: requirements: age_min \(40\) is greater than age_max \(30\)$/);
  assert.throws(() => engine.setRequirements({ height_min_cm: 180, height_max_cm: 170 }), /height_min_cm \(180\) is greater than height_max_cm \(170\)/);
});

test("a roster's own skills are names its searches know", () => {
  const csv = "id,name,gender,age,height_cm,city,languages,skills\nT1,Asha,F,29,160,Bombay,Hindi,Rock Climbing;Muay Thai\nT2,Ravi,male,31,170,Pune,marathi,kathak\n";
  const engine = restored(Roster.fromCsv(csv));
  assert.equal(engine.countMatching({ skills: ["Rock Climbing", "muay thai"] }), 1);
  assert.throws(() => engine.countMatching({ skills: ["rock climbin"] }), /did you mean 'rock climbing'/);
  const answer = engine.say("a woman who does rock climbing, Mumbai");
  assert.deepEqual(answer.requirements.skills, ["rock climbing"]);
  assert.equal(answer.matching, 1);
});

test("the roster builder is its own module: the chat module has no importer", () => {
  assert.equal(typeof Engine.fromCsv, "undefined");
  assert.equal(typeof Engine.synthetic, "undefined");
  const meta = JSON.parse(readFileSync(new URL("package.json", pkg), "utf8"));
  assert.equal(meta.exports["./roster"].default, "./roster.js");
  for (const file of ["roster.js", "roster.d.ts", "roster_bg.wasm"]) assert.ok(meta.files.includes(file), file);
});

test("init loads the model beside the package: engines rank by meaning and cite evidence", async () => {
  assert.match(MODEL_FILE, /^models\/castmatch-static-v1-d128-([0-9a-f]{8})\.cmse$/);
  assert.equal(modelChecksum().toString(16).padStart(8, "0"), MODEL_FILE.match(/-([0-9a-f]{8})\.cmse$/)[1]);
  const army = { gender: "male", age_min: 35, age_max: 70, look: ["retired army officer"] };
  // Built by a roster module without the model, the profiles are not embedded: the Engine
  // (the page's thread) does not embed a roster either, it ranks by fields.
  const bare = restored(Roster.synthetic(3000, 11));
  assert.equal(bare.semantic, false);
  assert.equal(bare.search(army, 10).length, 10);
  // The roster module with the model (the page's worker) embeds where it builds.
  await attachTextModel(useRosterTextModel, readFileSync(new URL(MODEL_FILE, pkg)));
  const engine = restored(Roster.synthetic(3000, 11));
  assert.equal(engine.semantic, true);
  const matches = engine.search(army, 10);
  assert.equal(matches.length, 10);
  const evidence = matches.map((m) => m.reasons.at(-1));
  assert.ok(evidence.filter((r) => /^(bio|look): ".+" (fits|is close to) "retired army officer"$/.test(r)).length >= 8, evidence.join("\n"));
  const again = Engine.restore(Roster.restore(Roster.synthetic(3000, 11).snapshot()).snapshot());
  assert.deepEqual(again.search({ look: ["retired army officer"] }, 5), engine.search({ look: ["retired army officer"] }, 5));
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
