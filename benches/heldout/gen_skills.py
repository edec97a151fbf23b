"""Generates skills-roster.csv and skills-briefs.jsonl (seeded, deterministic).

The roster is an agency file: a background of talents with the skills real rosters list (built-in
ones and many the product's vocabulary lacks), then, for every brief, enough talents that meet it
exactly (so each brief has >= 10 true matches), and near misses (right skill, wrong person; or
right person, a confusable skill: ice skating for skateboarding, kickboxing for muay thai ...).
Ground truth is never stored in the roster; score.py recomputes it from the CSV."""

import csv
import json
import random
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from gen_common import CITY_OF, GENDER_SPELL, LANG_SPELL, REGIONS, credits, height, person  # noqa: E402
from src_skills_briefs import BRIEFS  # noqa: E402
from score import SKILL_SPELL  # noqa: E402

rng = random.Random(20261204)

# background skill pool: canonical name -> weight
POOL = {
    # built-in
    "bollywood dance": 10, "kathak": 5, "bharatanatyam": 4, "contemporary dance": 5, "hip hop": 5,
    "singing": 12, "guitar": 6, "piano": 3, "tabla": 2, "swimming": 12, "horse riding": 5,
    "car driving": 10, "motorcycle riding": 8, "cricket": 6, "football": 4, "yoga": 7, "karate": 3,
    "kickboxing": 3, "boxing": 3, "mma": 2, "gymnastics": 3, "parkour": 2, "stunts": 3, "theatre": 12,
    "voice-over": 4, "mimicry": 3, "improv": 3, "stand-up comedy": 2, "bhangra": 2, "garba": 2,
    "kalaripayattu": 1, "salsa": 2, "surfing": 2, "archery": 1, "badminton": 3, "kabaddi": 1,
    "juggling": 1, "magic": 1, "puppetry": 1, "modelling": 4, "anchoring": 3, "rap": 2, "tennis": 2,
    "gatka": 1, "fencing": 1, "wrestling": 1, "lavani": 1,
    # beyond the built-in vocabulary
    "skateboarding": 2, "ice skating": 1, "roller skating": 2, "rock climbing": 2, "trekking": 4,
    "tango": 1, "ballroom dancing": 1, "beatboxing": 1, "sign language": 1, "scuba diving": 2,
    "skiing": 1, "snowboarding": 1, "chess": 2, "muay thai": 1, "krav maga": 1, "mallakhamb": 1,
    "table tennis": 2, "belly dancing": 1, "tap dance": 1, "ukulele": 1, "kayaking": 1, "golf": 1,
    "ventriloquism": 1, "capoeira": 1, "pottery": 1, "calligraphy": 1, "bartending": 1,
    "kho kho": 1, "volleyball": 1, "paragliding": 1, "rowing": 1, "carrom": 1,
}

# confusable neighbours for near misses
CONFUSE = {
    "surfing": ["swimming", "scuba diving"], "skateboarding": ["ice skating", "roller skating"],
    "ice skating": ["roller skating", "skateboarding"], "muay thai": ["kickboxing", "boxing"],
    "mma": ["boxing", "wrestling"], "yoga": ["gymnastics"], "scuba diving": ["swimming", "surfing"],
    "salsa": ["tango", "ballroom dancing", "bollywood dance"], "voice-over": ["mimicry", "anchoring"],
    "horse riding": ["motorcycle riding"], "swimming": ["surfing", "scuba diving"],
    "rock climbing": ["trekking", "paragliding"], "beatboxing": ["rap", "mimicry"],
    "juggling": ["magic"], "magic": ["juggling", "ventriloquism"], "sign language": ["mimicry"],
    "puppetry": ["ventriloquism"], "skiing": ["snowboarding", "ice skating"], "kabaddi": ["kho kho", "wrestling"],
    "badminton": ["table tennis", "tennis"], "chess": ["carrom"], "tango": ["salsa", "ballroom dancing"],
    "kickboxing": ["muay thai", "karate"], "parkour": ["gymnastics", "stunts"], "mallakhamb": ["gymnastics"],
    "boxing": ["kickboxing", "mma"], "table tennis": ["badminton"], "krav maga": ["mma", "karate"],
    "car driving": ["motorcycle riding"], "motorcycle riding": ["car driving"], "gatka": ["fencing", "bhangra"],
    "belly dancing": ["bollywood dance", "contemporary dance"], "singing": ["guitar"], "ukulele": ["guitar"],
    "tap dance": ["contemporary dance", "hip hop"], "kayaking": ["rowing", "swimming"],
    "archery": ["cricket"], "golf": ["tennis"], "ventriloquism": ["puppetry", "mimicry"],
    "kalaripayattu": ["karate", "fencing"], "football": ["cricket"],
}

BIO_A = ["Theatre-trained actor based in Andheri.", "Drama school graduate, comfortable on camera.",
         "Has done a string of TVCs and web series cameos.", "Trained at an acting studio in Versova.",
         "Started in college theatre; now freelancing in ads.", "Model turned actor.",
         "Regular in regional films and Hindi OTT.", "Fresh face, available on short notice.",
         "Worked in Marathi and Hindi theatre for years.", "Known for natural, understated performances.",
         "Dubbing and ad work, flexible with shoot schedules.", "Has a valid passport and travels for shoots."]
BIO_B = ["Happy to do outdoor shoots.", "Speaks with a neutral accent.", "Available weekdays.",
         "Open to long-format projects.", "Has own wardrobe for period looks.", "Good with kids on set.",
         "Quick at memorising lines.", "Comfortable with action sequences.", "Prefers Mumbai shoots.",
         "Open to travel across India."]

LANGS_EXTRA = ["english", "english", "english", "hindi", "hindi", "marathi", "gujarati", "punjabi",
               "tamil", "bengali", "urdu", "telugu"]

rows = []
counter = [0]


def new_id():
    counter[0] += 1
    return f"AG{counter[0]:04d}"


def make(gender=None, age=None, city=None, langs=(), skills=(), hmin=None, hmax=None, region=None):
    if gender is None:
        gender = rng.choices(["male", "female", "nonbinary"], weights=[48, 48, 4])[0]
    if age is None:
        age = rng.choices([rng.randint(6, 12), rng.randint(13, 19), rng.randint(20, 35),
                           rng.randint(36, 55), rng.randint(56, 80)], weights=[8, 12, 45, 25, 10])[0]
    # choose a region consistent with a required language when we can
    if region is None:
        for l in langs:
            for rname, r in REGIONS.items():
                if r[4] == [l]:
                    region = rname
        if region is None and city is not None:
            cands = [rn for rn, r in REGIONS.items() if any(c == city for c, _ in r[3])]
            if cands:
                region = rng.choice(cands)
    name, region, ccity, spelling, base = person(rng, gender, region, city)
    if city is not None:
        spelling = rng.choice(CITY_OF.get(city, [city.title()]))
        ccity = city
    L = list(base)
    if rng.random() < 0.85 and "hindi" not in L:
        L.append("hindi")
    if age >= 10 and rng.random() < 0.6 and "english" not in L:
        L.append("english")
    if rng.random() < 0.2:
        x = rng.choice(LANGS_EXTRA)
        if x not in L:
            L.append(x)
    for l in langs:
        if l not in L:
            L.append(l)
    rng.shuffle(L)
    S = list(skills)
    for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
        s = rng.choices(list(POOL), weights=list(POOL.values()))[0]
        if s == "belly dancing" and gender == "male" and rng.random() < 0.8:
            continue
        if s not in S:
            S.append(s)
    rng.shuffle(S)
    h = height(rng, gender, age)
    if hmin is not None and h < hmin:
        h = rng.randint(hmin, hmin + 8)
    if hmax is not None and h > hmax:
        h = rng.randint(hmax - 8, hmax)
    exp = max(0, min(age - 5, rng.choice([0, 1, 2, 3, 5, 8, 12, 20])))
    row = {
        "id": new_id(), "name": name,
        "gender": rng.choice(GENDER_SPELL[gender]), "age": age, "height_cm": h, "city": spelling,
        "languages": ";".join(rng.choice(LANG_SPELL.get(l, [l])) for l in L),
        "skills": ";".join(rng.choice(SKILL_SPELL.get(s, [s])) for s in S),
        "experience_years": exp, "credits": credits(rng, age, exp),
        "bio": rng.choice(BIO_A) + " " + rng.choice(BIO_B),
    }
    rows.append(row)
    return row


# ---- matching (the same rule score.py applies) ----
from score import meets, canon_row  # noqa: E402


def count(expect):
    return sum(1 for r in rows if meets(canon_row(r), expect))


def sample_for(expect, rng):
    g = expect["gender"]
    lo = expect["age_min"] if expect["age_min"] is not None else 18
    hi = expect["age_max"] if expect["age_max"] is not None else max(lo + 20, 45)
    age = rng.randint(lo, hi)
    city = rng.choice(expect["cities"]) if expect["cities"] else None
    return dict(gender=g, age=age, city=city, langs=expect["languages"], skills=expect["skills"],
                hmin=expect["height_min_cm"], hmax=expect["height_max_cm"])


# 1. background
BACKGROUND = 20
for _ in range(BACKGROUND):
    make()

# 2. plant true matches (11-14 per brief, counting those already there)
for bid, text, expect in BRIEFS:
    want = rng.randint(10, 11)
    while count(expect) < want:
        kw = sample_for(expect, rng)
        if rng.random() < 0.5:
            # people who do one adventure/dance/sport thing often do another brief's thing too
            other = rng.choice(BRIEFS)[2]["skills"]
            kw["skills"] = list(dict.fromkeys(list(kw["skills"]) + [rng.choice(other)]))
        if expect["preferred_skills"] and rng.random() < 0.4:
            kw["skills"] = list(kw["skills"]) + list(expect["preferred_skills"])
        make(**kw)

# 3. near misses: the skill on the wrong person, or the right person with a confusable skill
for bid, text, expect in BRIEFS:
    for _ in range(2):
        kw = sample_for(expect, rng)
        kind = rng.random()
        if kind < 0.5 and expect["skills"]:
            # right person, the required skill swapped for a neighbour
            sk = list(expect["skills"])
            victim = rng.choice(sk)
            sk.remove(victim)
            sk.append(rng.choice(CONFUSE.get(victim, ["theatre"])))
            kw["skills"] = sk
        else:
            # right skills, one filter broken
            opts = []
            if expect["gender"]:
                opts.append("gender")
            if expect["age_min"] is not None or expect["age_max"] is not None:
                opts.append("age")
            if expect["cities"]:
                opts.append("city")
            if expect["languages"]:
                opts.append("lang")
            if not opts:
                continue
            o = rng.choice(opts)
            if o == "gender":
                kw["gender"] = "female" if expect["gender"] == "male" else "male"
            elif o == "age":
                if expect["age_max"] is not None:
                    kw["age"] = expect["age_max"] + rng.randint(2, 8)
                else:
                    kw["age"] = max(5, expect["age_min"] - rng.randint(2, 8))
            elif o == "city":
                kw["city"] = rng.choice([c for c in ["delhi", "chennai", "kolkata", "jaipur", "kochi", "surat"]
                                         if c not in expect["cities"]])
            elif o == "lang":
                kw["langs"] = []
                kw["region"] = rng.choice(["tamil", "kerala", "bengal", "goa"])
        make(**kw)

# 4. demographic twins: people who meet every other requirement of a brief but lack its skill, so
# that the skill decides (in a real file most Tamil boys in Chennai do not play chess). Added
# until at most half of the talents passing the brief's other filters have the skill.
for bid, text, expect in BRIEFS:
    others = dict(expect, skills=[])
    while True:
        a = count(expect)
        b = count(others)
        if b >= 2 * a:
            break
        kw = sample_for(expect, rng)
        kw["skills"] = []
        r = make(**kw)
        if expect["skills"] and set(expect["skills"]) <= canon_row(r)["skills"]:
            rows.pop()  # drew the skill at random: not a twin
            continue

rng.shuffle(rows)
# ids in file order, like an export
for i, r in enumerate(rows, 1):
    r["id"] = f"AG{i:04d}"

out = __file__.rsplit("/", 1)[0]
with open(f"{out}/skills-roster.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=["id", "name", "gender", "age", "height_cm", "city", "languages",
                                      "skills", "experience_years", "credits", "bio"])
    w.writeheader()
    w.writerows(rows)

with open(f"{out}/skills-briefs.jsonl", "w", encoding="utf-8") as f:
    for bid, text, expect in BRIEFS:
        n = count(expect)
        f.write(json.dumps({"id": bid, "text": text, "expect": expect, "true_matches": n},
                           ensure_ascii=False) + "\n")

print(len(rows), "talents")
for bid, text, expect in BRIEFS:
    print(bid, count(expect), expect["skills"])
