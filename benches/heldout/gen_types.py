"""Generates types-roster.csv, types-truth.csv and types-briefs.jsonl (seeded, deterministic)."""

import csv
import json
import random
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from gen_common import CITY_OF, GENDER_SPELL, LANG_SPELL, credits, height, person  # noqa: E402
from src_types import GENERIC, NONE_KID, NONE_WHO, PROFILE, REGION_FOR, TYPES  # noqa: E402
from score import canon_row, meets  # noqa: E402
from src_skills_briefs import E  # noqa: E402

rng = random.Random(4122026)

BRIEFS = [
 ("T01", "army", "Retired major for a Republic Day ad - man, 50 to 70.", E("male", 50, 70)),
 ("T02", "army", "Need an ex-serviceman, someone who has really served the country, 40-65, any gender, for a veterans' brand film.", E(None, 40, 65)),
 ("T03", "army", "Old soldier type for a war-memorial short film, male, 45+.", E("male", 45, None)),
 ("T04", "doctor", "A doctor for a medical drama, 30-60, any gender.", E(None, 30, 60)),
 ("T05", "doctor", "Woman who has actually practised medicine - she'll play a senior physician. 28-55.", E("female", 28, 55)),
 ("T06", "doctor", "Surgeon type for a hospital web series, male, 35-65, someone who has really held a scalpel.", E("male", 35, 65)),
 ("T07", "comedian", "A funny man with great timing, 22-45.", E("male", 22, 45)),
 ("T08", "comedian", "Someone from the open-mic circuit who can land a punchline, 20-40, any gender.", E(None, 20, 40)),
 ("T09", "comedian", "Comic relief for a sitcom: a woman who has done live comedy, 22-40.", E("female", 22, 40)),
 ("T10", "journalist", "Hard-nosed reporter for a political thriller, 25-55, any gender.", E(None, 25, 55)),
 ("T11", "journalist", "A woman who has worked in a newsroom, 25-50, to play an editor.", E("female", 25, 50)),
 ("T12", "journalist", "Investigative journalist type, man, 30-60.", E("male", 30, 60)),
 ("T13", "farmer", "Kisan type for a tractor ad - man, 35-70, someone who has worked real land.", E("male", 35, 70)),
 ("T14", "farmer", "Someone who has actually farmed, rural look, any gender, 25-65.", E(None, 25, 65)),
 ("T15", "farmer", "Farm woman for a dairy brand film, 30-60.", E("female", 30, 60)),
 ("T16", "lawyer", "Defence counsel for a courtroom drama, male, 35-65.", E("male", 35, 65)),
 ("T17", "lawyer", "Advocate type, woman, 28-55, who can carry a court scene.", E("female", 28, 55)),
 ("T18", "lawyer", "Someone who has argued cases for real, any gender, 30-65.", E(None, 30, 65)),
 ("T19", "chef", "A chef for a food-delivery ad, any gender, 25-50.", E(None, 25, 50)),
 ("T20", "chef", "Cook who has run a restaurant kitchen, man, 25-55.", E("male", 25, 55)),
 ("T21", "chef", "Woman who cooks professionally - caterer vibe - 28-55.", E("female", 28, 55)),
 ("T22", "teacher", "School teacher for a coaching-institute ad, woman, 28-55.", E("female", 28, 55)),
 ("T23", "teacher", "Professor type, someone who has taught for real, man, 35-65.", E("male", 35, 65)),
 ("T24", "teacher", "Strict but kind schoolmaster, any gender, 30-65.", E(None, 30, 65)),
 ("T25", "police", "A cop with real beat experience, male, 30-55.", E("male", 30, 55)),
 ("T26", "police", "Someone who has actually been in the force - constable or havaldar, any gender, 30-60.", E(None, 30, 60)),
 ("T27", "police", "Inspector for a crime procedural, 28-55, man or woman, ideally ex-police.", E(None, 28, 55)),
 ("T28", "cricketer", "Former Ranji player type for a bat-brand film, male, 20-40.", E("male", 20, 40)),
 ("T29", "cricketer", "Someone who has bowled at state level, 18-38, any gender.", E(None, 18, 38)),
 ("T30", "cricketer", "Veteran of the maidan circuit, weathered sportsman, male, 30-50.", E("male", 30, 50)),
 ("T31", "sarpanch", "Village sarpanch type for a rural drama, male, 45-70.", E("male", 45, 70)),
 ("T32", "sarpanch", "Someone who has led a village panchayat, any gender, 35-70.", E(None, 35, 70)),
 ("T33", "sarpanch", "Gaon ka mukhiya - a village headman with authority, man, 40+.", E("male", 40, None)),
 ("T34", "corporate", "CEO type for a bank ad, man, 40-60.", E("male", 40, 60)),
 ("T35", "corporate", "Woman who has sat in boardrooms - senior executive, 35-55.", E("female", 35, 55)),
 ("T36", "corporate", "Someone with real corporate leadership experience, any gender, 35-60.", E(None, 35, 60)),
 ("T37", "pilot", "Airline captain for an aviation drama, male, 35-58.", E("male", 35, 58)),
 ("T38", "pilot", "Someone who has actually flown planes, any gender, 28-58.", E(None, 28, 58)),
 ("T39", "pilot", "Woman pilot for an airline ad, 28-45.", E("female", 28, 45)),
 ("T40", "priest", "Temple priest for a wedding scene, male, 40-70.", E("male", 40, 70)),
 ("T41", "priest", "Someone who conducts pujas and rituals for a living, any gender, 30-75.", E(None, 30, 75)),
 ("T42", "priest", "Pandit-ji type for a matrimonial site ad, man, 45+.", E("male", 45, None)),
]

SKILLS = ["singing", "Swimming", "car driving", "Driving", "theatre", "Theater", "yoga", "bollywood dance",
          "horse riding", "motorcycle riding", "guitar", "tabla", "harmonium", "kathak", "mimicry", "voice-over",
          "Voice Over", "badminton", "trekking", "chess", "football", "garba", "bhangra", "lavani"]
TYPE_SKILLS = {"comedian": ["stand-up comedy", "Stand-up", "improv", "mimicry"], "cricketer": ["cricket", "Cricket"]}

rows, truth = [], []


def bio(who):
    other = rng.choice(GENERIC)
    return f"{who} {other}" if rng.random() < 0.6 else f"{other} {who}"


def add(kind, gender, age, who):
    region = next((r for k, r in REGION_FOR.items() if who.startswith(k)), None)
    name, region, city, spelling, base = person(rng, gender, region)
    L = list(base)
    if "hindi" not in L and rng.random() < 0.85:
        L.append("hindi")
    if rng.random() < 0.65:
        L.append("english")
    rng.shuffle(L)
    S = []
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        s = rng.choice(SKILLS)
        if s not in S:
            S.append(s)
    if kind in TYPE_SKILLS and rng.random() < (0.5 if kind == "cricketer" else 0.4):
        S.insert(0, rng.choice(TYPE_SKILLS[kind]))
    exp = max(0, min(age - 5, rng.choice([0, 1, 2, 3, 5, 8])))
    rows.append({
        "id": "", "name": name, "gender": rng.choice(GENDER_SPELL[gender]), "age": age,
        "height_cm": height(rng, gender, age), "city": spelling,
        "languages": ";".join(rng.choice(LANG_SPELL.get(l, [l])) for l in L), "skills": ";".join(S),
        "experience_years": exp, "credits": credits(rng, age, exp), "bio": bio(who)})
    truth.append(kind)


def type_ok(kind, people):
    for bid, k, text, expect in BRIEFS:
        if k != kind:
            continue
        n = sum(1 for g, a in people if (expect["gender"] in (None, g)) and
                (expect["age_min"] is None or a >= expect["age_min"]) and
                (expect["age_max"] is None or a <= expect["age_max"]))
        if n < 10:
            return False
    return True


for kind, sentences in TYPES.items():
    n_male, mlo, mhi, flo, fhi = PROFILE[kind]
    fixed = {i: s[1] for i, s in enumerate(sentences) if isinstance(s, tuple)}
    for attempt in range(10000):
        free = [i for i in range(len(sentences)) if i not in fixed]
        males_needed = n_male - sum(1 for g in fixed.values() if g == "male")
        male_idx = set(rng.sample(free, males_needed))
        people = []
        for i in range(len(sentences)):
            g = fixed.get(i, "male" if i in male_idx else "female")
            a = rng.randint(mlo, mhi) if g == "male" else rng.randint(flo, fhi)
            people.append((g, a))
        if type_ok(kind, people):
            break
    else:
        raise SystemExit(f"cannot place {kind}")
    for s, (g, a) in zip(sentences, people):
        add(kind, g, a, s[0] if isinstance(s, tuple) else s)

for i in range(200):
    g = rng.choices(["male", "female", "nonbinary"], weights=[48, 48, 4])[0]
    age = rng.choices([rng.randint(6, 14), rng.randint(15, 24), rng.randint(25, 45), rng.randint(46, 80)],
                      weights=[10, 20, 40, 30])[0]
    who = rng.choice(NONE_KID) if age < 15 else rng.choice(NONE_WHO)
    add("none", g, age, who)

order = list(range(len(rows)))
rng.shuffle(order)
rows = [rows[i] for i in order]
truth = [truth[i] for i in order]
for i, r in enumerate(rows, 1):
    r["id"] = f"CT{i:04d}"

out = __file__.rsplit("/", 1)[0]
with open(f"{out}/types-roster.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=["id", "name", "gender", "age", "height_cm", "city", "languages",
                                      "skills", "experience_years", "credits", "bio"])
    w.writeheader()
    w.writerows(rows)
with open(f"{out}/types-truth.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "type"])
    for r, t in zip(rows, truth):
        w.writerow([r["id"], t])

canon = [canon_row(r) for r in rows]
with open(f"{out}/types-briefs.jsonl", "w", encoding="utf-8") as f:
    for bid, kind, text, expect in BRIEFS:
        passing = [i for i, c in enumerate(canon) if meets(c, expect)]
        of_type = sum(1 for i in passing if truth[i] == kind)
        f.write(json.dumps({"id": bid, "type": kind, "text": text, "expect": expect,
                            "passing_filters": len(passing), "of_type_passing": of_type}, ensure_ascii=False) + "\n")
        flag = "" if of_type >= 10 else "  <-- fewer than 10"
        print(f"{bid} {kind:<11} passing={len(passing):<4} of_type={of_type:<3} chance={of_type/len(passing):.2f}{flag}")
print(len(rows), "talents")
