#!/usr/bin/env python3
"""Scores a castmatch binary on the held-out sets in this directory (Python 3.11, stdlib only).

    python3 score.py --bin /path/to/castmatch                 # all three sets
    python3 score.py --bin /path/to/castmatch --set indic -v  # one set, with per-brief failures
    python3 score.py --bin /path/to/castmatch --set public    # sanity check on tests/data/briefs-public.jsonl

Sets and metrics
  indic   indic-briefs.jsonl: `castmatch parse-brief TEXT` -> field accuracy over the nine fields
          of CONVENTIONS.md (sets equal as sets, ages within 1 year, heights within 2 cm, null
          equals null), overall, per field and per script.
  skills  skills-briefs.jsonl on skills-roster.csv: `castmatch search --roster R --k 10 --json TEXT`
          -> precision@10 (share of the returned top 10 meeting ALL expected requirements; a brief
          that returns nothing scores 0) and, from a second run with --k = roster size, recall
          (share of the talents meeting the expected requirements exactly that are returned).
          Also the parser's field accuracy on the same texts (no roster loaded: informative only).
  types   types-briefs.jsonl on types-roster.csv with types-truth.csv: precision@10 = share of
          the returned top 10 of the asked type; chance = share of the type among talents passing
          the brief's expected filters.

Ground truth for rosters is recomputed here from the CSV with the canonical names of
CONVENTIONS.md (Bombay -> mumbai, Female -> female, Kalari -> kalaripayattu ...); skills the
vocabulary lacks are compared in the roster's own spelling, lower case.
"""

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIELDS = ["gender", "age_min", "age_max", "languages", "skills", "cities",
          "height_min_cm", "height_max_cm", "preferred_skills"]

# ---------------------------------------------------------------- canonical names (truth side)

CITY = {"bombay": "mumbai", "bangalore": "bengaluru", "calcutta": "kolkata", "madras": "chennai",
        "new delhi": "delhi", "trivandrum": "thiruvananthapuram", "cochin": "kochi",
        "gurgaon": "gurugram", "poona": "pune", "baroda": "vadodara", "amdavad": "ahmedabad",
        "mysore": "mysuru", "mangalore": "mangaluru", "vizag": "visakhapatnam", "banaras": "varanasi",
        "benares": "varanasi", "secunderabad": "hyderabad", "panjim": "goa", "panaji": "goa"}
LANG = {"bangla": "bengali", "oriya": "odia", "marwari": "rajasthani"}
# roster spellings -> canonical skill; skills not listed keep their own (lower-case) spelling
SKILL_SPELL = {
    "horse riding": ["horse riding", "Horse Riding", "horse-riding", "Horseback riding"],
    "kalaripayattu": ["kalaripayattu", "Kalari", "Kalaripayattu"],
    "bharatanatyam": ["bharatanatyam", "Bharatnatyam", "Bharatanatyam"],
    "theatre": ["theatre", "Theatre", "Theater"],
    "voice-over": ["voice-over", "Voice Over", "voiceover"],
    "stand-up comedy": ["stand-up comedy", "Stand-up"],
    "hip hop": ["hip hop", "Hip-Hop"],
    "motorcycle riding": ["motorcycle riding", "Bike riding", "Motorcycle Riding"],
    "car driving": ["car driving", "Driving", "Car Driving"],
    "swimming": ["swimming", "Swimming", "SWIMMING"],
    "singing": ["singing", "Singing"],
    "bollywood dance": ["bollywood dance", "Bollywood Dance", "Bollywood dancing"],
    "contemporary dance": ["contemporary dance", "Contemporary"],
    "mma": ["MMA", "mma"],
    "muay thai": ["Muay Thai", "muay thai"],
    "krav maga": ["Krav Maga", "krav maga"],
    "rock climbing": ["rock climbing", "Rock Climbing"],
    "scuba diving": ["scuba diving", "Scuba Diving"],
    "sign language": ["sign language", "Sign Language"],
    "skateboarding": ["skateboarding", "Skateboarding"],
    "ice skating": ["ice skating", "Ice Skating"],
    "roller skating": ["roller skating", "Roller Skating"],
    "beatboxing": ["beatboxing", "Beatboxing"],
    "table tennis": ["table tennis", "Table Tennis"],
    "belly dancing": ["belly dancing", "Belly Dancing"],
    "tap dance": ["tap dance", "Tap Dance"],
    "yoga": ["yoga", "Yoga"],
    "cricket": ["cricket", "Cricket"],
    "football": ["football", "Football"],
}
SKILL = {}
for _canon, _spellings in SKILL_SPELL.items():
    for _s in _spellings:
        SKILL[" ".join(_s.lower().split())] = _canon
SKILL.update({"dubbing": "voice-over", "voice over": "voice-over", "theater": "theatre", "kalari": "kalaripayattu",
              "stand-up": "stand-up comedy", "hip-hop": "hip hop", "bharatnatyam": "bharatanatyam",
              "horseback riding": "horse riding", "horse-riding": "horse riding", "driving": "car driving",
              "bike riding": "motorcycle riding", "bollywood dancing": "bollywood dance",
              "contemporary": "contemporary dance"})


def norm(s):
    return " ".join(str(s).split()).lower()


def canon_gender(s):
    s = norm(s)
    if s in ("female", "f", "woman", "w"):
        return "female"
    if s in ("male", "m", "man"):
        return "male"
    if s in ("nonbinary", "non-binary", "non binary", "nb", "x"):
        return "nonbinary"
    return s


def canon_list(raw, table):
    return {table.get(norm(x), norm(x)) for x in str(raw).split(";") if norm(x)}


def canon_row(r):
    return {"id": r["id"].strip(), "gender": canon_gender(r["gender"]), "age": int(r["age"]),
            "height_cm": int(r["height_cm"]), "city": CITY.get(norm(r["city"]), norm(r["city"])),
            "languages": canon_list(r["languages"], LANG), "skills": canon_list(r["skills"], SKILL)}


def meets(t, e):
    """A talent (canon_row) meets every hard requirement of an expected Requirements."""
    if e.get("gender") and t["gender"] != e["gender"]:
        return False
    if e.get("age_min") is not None and t["age"] < e["age_min"]:
        return False
    if e.get("age_max") is not None and t["age"] > e["age_max"]:
        return False
    if e.get("height_min_cm") is not None and t["height_cm"] < e["height_min_cm"]:
        return False
    if e.get("height_max_cm") is not None and t["height_cm"] > e["height_max_cm"]:
        return False
    if e.get("cities") and t["city"] not in set(e["cities"]):
        return False
    if not set(e.get("languages", [])) <= t["languages"]:
        return False
    if not set(e.get("skills", [])) <= t["skills"]:
        return False
    return True


def load_roster(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [canon_row(r) for r in csv.DictReader(f)]


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]

# ---------------------------------------------------------------- field scoring


def field_ok(field, got, want):
    if field in ("languages", "skills", "cities", "preferred_skills"):
        g = {norm(x) for x in (got or [])}
        w = {norm(x) for x in (want or [])}
        return g == w
    if want is None or got is None:
        return want is None and got is None
    if field in ("age_min", "age_max"):
        return abs(got - want) <= 1
    if field in ("height_min_cm", "height_max_cm"):
        return abs(got - want) <= 2
    return norm(got) == norm(want)

# ---------------------------------------------------------------- running the product


class Product:
    def __init__(self, binary, timeout=60):
        self.bin = binary
        self.timeout = timeout
        help_text = self._run(["parse-brief", "--help"], check=False)
        # the brief asks for `parse-brief --json`; older builds print JSON always and lack the flag
        self.parse_json_flag = ["--json"] if "--json" in help_text else []

    def _run(self, args, check=True):
        p = subprocess.run([self.bin, *args], capture_output=True, text=True, timeout=self.timeout)
        if check and p.returncode != 0:
            raise RuntimeError(f"{' '.join(args)[:200]}: exit {p.returncode}: {p.stderr.strip()[:300]}")
        return p.stdout + (p.stderr if not check else "")

    def parse(self, turns):
        out = self._run(["parse-brief", *self.parse_json_flag, "--", *turns])
        return json.loads(out)

    def search(self, roster, text, k):
        out = self._run(["search", "--roster", roster, "--k", str(k), "--json", "--", text])
        return json.loads(out)


def turns_of(item):
    return item["turns"] if "turns" in item else [item["text"]]

# ---------------------------------------------------------------- the sets


def score_parse(product, items, label, verbose, group_key=None):
    per_field = {f: [] for f in FIELDS}
    per_group = {}
    all_ok = []
    failures = []
    for it in items:
        try:
            got = product.parse(turns_of(it))
            err = None
        except Exception as e:  # a crash or bad JSON scores 0 on every field
            got, err = {}, str(e)
        oks = []
        for f in FIELDS:
            ok = err is None and field_ok(f, got.get(f), it["expect"].get(f))
            per_field[f].append(ok)
            oks.append(ok)
        all_ok.extend(oks)
        if group_key:
            per_group.setdefault(it.get(group_key, "?"), []).extend(oks)
        if not all(oks):
            bad = {f: {"got": got.get(f), "want": it["expect"].get(f)}
                   for f, ok in zip(FIELDS, oks) if not ok}
            failures.append({"id": it.get("id"), "text": " | ".join(turns_of(it)), "error": err, "fields": bad})
    acc = sum(all_ok) / len(all_ok)
    res = {"set": label, "briefs": len(items), "field_accuracy": round(acc, 4),
           "briefs_all_fields_right": sum(1 for i in range(len(items)) if all(all_ok[i * 9:(i + 1) * 9])),
           "per_field": {f: round(sum(v) / len(v), 3) for f, v in per_field.items()},
           "failures": failures}
    if group_key:
        res["per_group"] = {g: {"n": len(v) // 9, "accuracy": round(sum(v) / len(v), 3)}
                            for g, v in sorted(per_group.items())}
    print(f"\n== {label}: parse-brief field accuracy on {len(items)} briefs")
    print(f"   field accuracy {acc:.3f}   briefs with all 9 fields right: "
          f"{res['briefs_all_fields_right']}/{len(items)}")
    print("   per field: " + ", ".join(f"{f} {v:.2f}" for f, v in res["per_field"].items()))
    if group_key:
        for g, v in res["per_group"].items():
            print(f"   {g:<22} n={v['n']:<3} accuracy {v['accuracy']:.3f}")
    if verbose:
        for fl in failures:
            print(f"   x {fl['id']}: {fl['text']}")
            if fl["error"]:
                print(f"       error: {fl['error']}")
            for f, gw in fl["fields"].items():
                print(f"       {f}: got {gw['got']!r} want {gw['want']!r}")
    return res


def score_skills(product, verbose):
    roster_path = os.path.join(HERE, "skills-roster.csv")
    roster = load_roster(roster_path)
    items = load_jsonl(os.path.join(HERE, "skills-briefs.jsonl"))
    precisions, strict, recalls, rows = [], [], [], []
    for it in items:
        truth = {t["id"] for t in roster if meets(t, it["expect"])}
        try:
            top = [r["id"] for r in product.search(roster_path, it["text"], 10)]
            everything = [r["id"] for r in product.search(roster_path, it["text"], len(roster))]
            first_reasons = product.search(roster_path, it["text"], 1)
            reasons = first_reasons[0]["reasons"] if first_reasons else []
            err = None
        except Exception as e:
            top, everything, reasons, err = [], [], [], str(e)
        hits = sum(1 for i in top if i in truth)
        p = hits / len(top) if top else 0.0
        ps = hits / min(10, len(truth)) if truth else (1.0 if not top else 0.0)
        r = len(truth & set(everything)) / len(truth) if truth else 1.0
        precisions.append(p)
        strict.append(ps)
        recalls.append(r)
        rows.append({"id": it["id"], "text": it["text"], "true": len(truth), "returned_top": len(top),
                     "returned_all": len(everything), "p@10": round(p, 3), "p@10_strict": round(ps, 3),
                     "recall": round(r, 3), "first_reasons": reasons, "error": err})
    res = {"set": "skills", "briefs": len(items), "talents": len(roster),
           "precision@10": round(statistics.mean(precisions), 4),
           "precision@10_strict": round(statistics.mean(strict), 4),
           "recall": round(statistics.mean(recalls), 4),
           "briefs_p1_r1": sum(1 for a, b in zip(precisions, recalls) if a == 1 and b == 1),
           "rows": rows}
    print(f"\n== skills: search on skills-roster.csv ({len(roster)} talents), {len(items)} briefs")
    print(f"   precision@10 {res['precision@10']:.3f}  (hits/10, short lists penalised: "
          f"{res['precision@10_strict']:.3f})   recall {res['recall']:.3f}   "
          f"briefs with P@10 = recall = 1: {res['briefs_p1_r1']}/{len(items)}")
    if verbose:
        for row in rows:
            mark = " " if row["p@10"] == 1 and row["recall"] == 1 else "x"
            print(f"   {mark} {row['id']} true={row['true']:<3} top={row['returned_top']:<2} "
                  f"all={row['returned_all']:<4} P@10={row['p@10']:.2f} R={row['recall']:.2f}  {row['text']}")
            if mark == "x":
                print(f"       first result's reasons: {row['first_reasons']}" +
                      (f"  error: {row['error']}" if row["error"] else ""))
    parse = score_parse(product, items, "skills briefs (parse-brief, no roster loaded)", False)
    res["parse_field_accuracy_no_roster"] = parse["field_accuracy"]
    res["parse_per_field_no_roster"] = parse["per_field"]
    return res


def score_types(product, verbose):
    roster_path = os.path.join(HERE, "types-roster.csv")
    roster = load_roster(roster_path)
    with open(os.path.join(HERE, "types-truth.csv"), newline="", encoding="utf-8") as f:
        truth = {r["id"]: r["type"] for r in csv.DictReader(f)}
    items = load_jsonl(os.path.join(HERE, "types-briefs.jsonl"))
    precisions, chances, filt, rows = [], [], [], []
    by_type = {}
    for it in items:
        passing = [t for t in roster if meets(t, it["expect"])]
        of_type = [t for t in passing if truth.get(t["id"]) == it["type"]]
        chance = len(of_type) / len(passing) if passing else 0.0
        try:
            res_rows = product.search(roster_path, it["text"], 10)
            top = [r["id"] for r in res_rows]
            reasons = res_rows[0]["reasons"] if res_rows else []
            err = None
        except Exception as e:
            top, reasons, err = [], [], str(e)
        hits = sum(1 for i in top if truth.get(i) == it["type"])
        p = hits / len(top) if top else 0.0
        passing_ids = {t["id"] for t in passing}
        fshare = sum(1 for i in top if i in passing_ids) / len(top) if top else 0.0
        precisions.append(p)
        chances.append(chance)
        filt.append(fshare)
        by_type.setdefault(it["type"], []).append((p, chance))
        rows.append({"id": it["id"], "type": it["type"], "text": it["text"], "passing": len(passing),
                     "of_type_passing": len(of_type), "returned": len(top), "p@10": round(p, 3),
                     "chance": round(chance, 3), "top_types": [truth.get(i, "none") for i in top],
                     "first_reasons": reasons, "error": err})
    res = {"set": "types", "briefs": len(items), "talents": len(roster),
           "precision@10": round(statistics.mean(precisions), 4), "chance": round(statistics.mean(chances), 4),
           "top10_meeting_expected_filters": round(statistics.mean(filt), 4),
           "per_type": {k: {"briefs": len(v), "precision@10": round(statistics.mean(a for a, _ in v), 3),
                            "chance": round(statistics.mean(b for _, b in v), 3)} for k, v in sorted(by_type.items())},
           "rows": rows}
    print(f"\n== types: search on types-roster.csv ({len(roster)} talents), {len(items)} briefs")
    print(f"   precision@10 {res['precision@10']:.3f}   chance {res['chance']:.3f}   "
          f"(top 10 meeting the expected filters: {res['top10_meeting_expected_filters']:.3f})")
    for k, v in res["per_type"].items():
        print(f"   {k:<12} P@10 {v['precision@10']:.2f}  chance {v['chance']:.2f}")
    if verbose:
        for row in rows:
            print(f"   {row['id']} [{row['type']}] P@10={row['p@10']:.2f} chance={row['chance']:.2f} "
                  f"returned={row['returned']}  {row['text']}")
            print(f"       top types: {row['top_types']}")
            print(f"       first result's reasons: {row['first_reasons']}" +
                  (f"  error: {row['error']}" if row["error"] else ""))
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True, help="path to the castmatch binary")
    ap.add_argument("--set", choices=["all", "indic", "skills", "types", "public"], default="all")
    ap.add_argument("--public", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "data", "briefs-public.jsonl"),
                    help="public.jsonl for --set public")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every failure")
    ap.add_argument("--out", help="write all results as JSON to this file")
    a = ap.parse_args()
    product = Product(a.bin)
    results = {"binary": os.path.abspath(a.bin)}
    if a.set == "public":
        results["public"] = score_parse(product, load_jsonl(a.public), "public.jsonl", a.verbose)
    if a.set in ("all", "indic"):
        results["indic"] = score_parse(product, load_jsonl(os.path.join(HERE, "indic-briefs.jsonl")),
                                       "indic", a.verbose, group_key="script")
    if a.set in ("all", "skills"):
        results["skills"] = score_skills(product, a.verbose)
    if a.set in ("all", "types"):
        results["types"] = score_types(product, a.verbose)
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            json.dump(results, f, ensure_ascii=False, indent=1)
    print("\nsummary:", json.dumps({k: {m: v[m] for m in ("field_accuracy", "precision@10", "recall", "chance")
                                        if m in v} for k, v in results.items() if isinstance(v, dict)}))


if __name__ == "__main__":
    sys.exit(main())
