#!/usr/bin/env python3
"""Scores a castmatch binary on the nouns set (stdlib only):

    python3 benches/nouns/score_nouns.py --bin target/release/castmatch [-v]

precision@10 = share of the returned top 10 that fit the brief: of the brief's type (the bio
says who the person is), or, for a brief with a "skill" (a verb: "swims laps"), of the type or
holding the skill in the skills column (a capability the column records is a match too). A
brief that returns nothing scores 0. `ceiling` is the best a top 10 could score within the
roster (fewer than 10 fitting talents caps it).
"""
import argparse
import csv
import json
import os
import statistics
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("-v", action="store_true")
    a = ap.parse_args()
    roster_path = os.path.join(HERE, "nouns-roster.csv")
    with open(roster_path, newline="", encoding="utf-8") as f:
        skills = {r["id"]: {s.strip().lower() for s in r["skills"].split(";") if s.strip()}
                  for r in csv.DictReader(f)}
    with open(os.path.join(HERE, "nouns-truth.csv"), newline="", encoding="utf-8") as f:
        truth = {r["id"]: r["type"] for r in csv.DictReader(f)}
    briefs = [json.loads(l) for l in open(os.path.join(HERE, "nouns-briefs.jsonl"), encoding="utf-8")
              if l.strip()]
    by_class = {}
    for b in briefs:
        def fits(i):
            return truth.get(i) == b["type"] or ("skill" in b and b["skill"] in skills.get(i, ()))
        out = subprocess.run([a.bin, "search", "--roster", roster_path, "--k", "10", "--json", "--",
                              b["text"]], capture_output=True, text=True, check=True).stdout
        top = [m["id"] for m in json.loads(out)]
        p = sum(map(fits, top)) / 10
        by_class.setdefault(b["class"], []).append(p)
        if a.v:
            print(f"{b['id']} {p:.1f} [{b['type']}] {b['text']}")
            print(f"      {[truth[i] for i in top]}")
    every = [p for v in by_class.values() for p in v]
    print(f"nouns: precision@10 {statistics.mean(every):.3f} over {len(every)} briefs; " +
          ", ".join(f"{k} {statistics.mean(v):.3f} ({len(v)})" for k, v in sorted(by_class.items())))


if __name__ == "__main__":
    main()
