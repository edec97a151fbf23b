#!/usr/bin/env python3
"""Writes the nouns set (issue 14, third stop): a roster whose typed talents say who they are in
their bios, with the skills column filled for only some of them, and talents of other types who
list the same skills. Seeded: re-running it reproduces the files byte for byte.

    python3 benches/nouns/gen_nouns.py     # writes nouns-roster.csv and nouns-truth.csv here

Written before any code for the stop, by the engineer of the stop, without reading the parser's
word lists for these words; briefs are in nouns-briefs.jsonl (hand written).
"""
import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
R = random.Random(1414)

FIRST_M = "Aarav Kunal Rohit Imran Sandeep Vikas Faisal Gurpreet Anil Mahesh Suresh Tejas Nikhil Ravi Omkar Jatin Farhan Deepak Prakash Salim Harish Yusuf Manoj Arjun".split()
FIRST_F = "Ananya Pooja Sneha Farah Kavita Meera Ritu Shabnam Neha Lata Priya Sunita Zoya Rekha Anjali Bhavna Nazia Komal Swati Geeta Simran Tanvi Rubina Asha".split()
LAST = "Patil Shaikh Kulkarni Yadav Singh Iyer Menon Chauhan Gill Naik Pawar Qureshi Rao Joshi Bhosale Khan Das Sawant Jadhav Mishra Reddy Thakur Dsouza Gaikwad".split()
CITIES = ["Mumbai", "Pune", "Thane", "Nashik", "Nagpur", "Delhi", "Kolhapur"]
LANGS = ["Hindi", "Marathi", "English", "Gujarati", "Punjabi", "Urdu"]
OTHER_SKILLS = ["theatre", "kathak", "singing", "yoga", "guitar", "car driving", "mimicry",
                "horse riding", "bhangra", "tabla", "improv", "voice-over"]

# Who each type is, in the bio's own words: (sentence templates, the column skill, share of the
# type whose skills column holds it). {c} a city or state team, {n} a number.
TYPES = {
    "cricketer": (["Opened the batting for {c} in the Ranji Trophy for {n} seasons.",
                   "A former left-arm spinner who played two seasons of first-class cricket.",
                   "Kept wicket for {c} at the under-19 level before an injury ended it.",
                   "Spent {n} years as a professional cricketer on the county circuit in England.",
                   "Was a net bowler for an IPL franchise and still bowls at 130 clicks.",
                   "Captained his university's cricket team to a zonal title.",
                   "Played club cricket in {c} every weekend for over a decade."],
                  "cricket", 0.4),
    "footballer": (["Played as a striker for a {c} club in the I-League.",
                    "A former goalkeeper who turned out for {c} in the Santosh Trophy.",
                    "Spent {n} seasons as a central defender in the Goa professional league.",
                    "Trained at a football academy in Kolkata and played semi-pro for years.",
                    "Was the top scorer of the {c} district football league twice.",
                    "Played midfield for a second-division football club before acting."],
                   "football", 0.4),
    "boxer": (["A former national-level boxer with {n} bouts in the ring.",
               "Boxed at welterweight for {c} and won a state gold.",
               "Fought {n} amateur fights before hanging up her gloves.",
               "Trained as a boxer at an army sports institute and still spars daily.",
               "Won the {c} Golden Gloves tournament as a light heavyweight.",
               "Spent her twenties in the ring as a professional boxer."],
              "boxing", 0.4),
    "wrestler": (["Grew up in an akhada in Kolhapur and wrestled in the mud pits for {n} years.",
                  "A former freestyle wrestler who competed at the national games.",
                  "Was a pehlwan in a Haryana akhada before moving to films.",
                  "Wrestled for {c} at the junior nationals in the 74 kg class.",
                  "Spent a decade on the kushti circuit of rural Maharashtra.",
                  "Competed as a Greco-Roman wrestler for the railways."],
                 "wrestling", 0.4),
    "swimmer": (["A competitive swimmer who represented {c} at the state aquatics meet.",
                 "Swam the 200 m butterfly at the national championships.",
                 "Was a backstroke specialist on her college swimming team.",
                 "Trained as a distance swimmer and crossed the English Channel.",
                 "Held the {c} state record in the 100 m freestyle for {n} years.",
                 "Spent {n} years in the pool as a national-level swimmer."],
                "swimming", 0.4),
    "restaurateur": (["Runs a busy Punjabi dhaba on the Mumbai-Nashik highway.",
                      "Owns a small Udupi eatery in {c} and still works the counter.",
                      "Has run her family's Irani cafe for {n} years.",
                      "Manages a roadside food stall that is famous for its vada pav.",
                      "Started a tiffin service that grew into a thirty-seat restaurant.",
                      "Runs a mess for students near the university in {c}."],
                     None, 0.0),
    "business owner": (["Founded a logistics start-up and runs it as managing director.",
                        "Runs his family's textile company in {c} with {n} employees.",
                        "Owns and manages a mid-sized pharma distribution business.",
                        "Built a chain of {n} electronics shops and runs it himself.",
                        "Is the proprietor of an export house dealing in spices.",
                        "Runs a software services firm she started after her MBA."],
                       None, 0.0),
    "farmer": (["Grows sugarcane on the family land near {c}.",
                "Runs the family's dairy farm with {n} buffaloes.",
                "A grape grower from Nashik who still works his own vineyard.",
                "Spends the monsoon sowing paddy on her ancestral fields.",
                "Has farmed cotton in Vidarbha all his life.",
                "Tends an orchard of alphonso mangoes in Ratnagiri."],
               None, 0.0),
    "runner": (["Runs the Mumbai Marathon every January and has {n} finishes.",
                "A long-distance runner who has done {n} ultra-marathons.",
                "Ran the 1500 m for {c} at the state athletics meet.",
                "Trains for half-marathons six days a week.",
                "A former sprinter who ran the 100 m for her college."],
               "athletics", 0.5),
}
NEUTRAL = ["Known for warm supporting parts in Marathi television.",
           "A theatre actor with a strong voice and easy screen presence.",
           "Has done {n} ads for national brands.",
           "Comfortable with long shoot days and night schedules.",
           "Trained at a Pune acting school and has done short films.",
           "A fresh face with a background in modelling.",
           "Has worked as a dubbing artist for animated shows.",
           "Plays character parts in regional cinema.",
           "Did street theatre in college and now does web series.",
           "An easy improviser who takes direction well."]
# Talents of no type or another type who list a type's skill (a lawyer who plays weekend cricket).
DISTRACTOR_SKILLS = ["cricket", "football", "boxing", "wrestling", "swimming", "athletics"]


def fill(s):
    return s.format(c=R.choice(["Mumbai", "Vidarbha", "Maharashtra", "Delhi", "Punjab", "Goa", "Bengal"]),
                    n=R.randint(2, 12))


def person(i, gender):
    first = R.choice(FIRST_M if gender == "male" else FIRST_F)
    return f"{first} {R.choice(LAST)}"


def main():
    rows, truth = [], []
    i = 0

    def add(kind, bio, skills, gender=None, age=None):
        nonlocal i
        i += 1
        g = gender or R.choice(["male", "female"])
        a = age or R.randint(19, 66)
        rid = f"NS{i:04d}"
        langs = ";".join(R.sample(LANGS, R.randint(1, 3)))
        credits = f"tv:Show {R.randint(1, 90)} ({R.randint(2012, 2025)})"
        rows.append([rid, person(i, g), g, a, R.randint(150, 190), R.choice(CITIES), langs,
                     ";".join(skills), R.randint(0, min(20, a - 16)), credits, bio])
        truth.append([rid, kind])

    for kind, (sentences, skill, share) in TYPES.items():
        for k in range(16):
            sentence = fill(sentences[k % len(sentences)])
            neutral = fill(R.choice(NEUTRAL))
            bio = f"{sentence} {neutral}" if k % 2 == 0 else f"{neutral} {sentence}"
            skills = R.sample(OTHER_SKILLS, R.randint(0, 2))
            if skill and R.random() < share:
                skills.append(skill)
            add(kind, bio, skills)
    for k in range(170):
        bio = f"{fill(R.choice(NEUTRAL))} {fill(R.choice(NEUTRAL))}"
        skills = R.sample(OTHER_SKILLS, R.randint(0, 2))
        if k % 2 == 0:  # half the others list a sport: they can play, but it is not who they are
            skills.append(DISTRACTOR_SKILLS[k // 2 % len(DISTRACTOR_SKILLS)])
        add("none", bio, skills)
    order = list(range(len(rows)))
    R.shuffle(order)
    with open(os.path.join(HERE, "nouns-roster.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "gender", "age", "height_cm", "city", "languages", "skills",
                    "experience_years", "credits", "bio"])
        for j in order:
            w.writerow(rows[j])
    with open(os.path.join(HERE, "nouns-truth.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "type"])
        for j in order:
            w.writerow(truth[j])


if __name__ == "__main__":
    main()
