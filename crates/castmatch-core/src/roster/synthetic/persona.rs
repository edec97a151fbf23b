//! Who a synthetic talent is beyond the fields: a persona (a past career or the parts they are
//! cast in), the bio sentences that say so in varied words, and casting-sheet look tags.
//!
//! Written as a Mumbai casting agency writes profiles: one sentence of standing and training,
//! one that says who the person is (a real background, "spent fifteen years with the BSF", or
//! typecasting, "the go-to face for stern cops"), and agency copy. About half the adults have
//! a persona; the rest, and most children, have only the neutral sentences, as real rosters do.

use super::Generator;
use crate::roster::{Gender, Talent};

/// A kind of person a brief may ask for.
pub(super) struct Persona {
    pub(super) name: &'static str,
    /// Youngest and oldest plausible age.
    ages: (u32, u32),
    /// Relative weight among men and among women (0: never).
    men: u32,
    women: u32,
    /// Sentences that say who the person is; `{n}` is a number of years (fewer than the
    /// person's working life), `{city}` the home town, `{they}`/`{their}` pronouns. A leading
    /// `^` marks a sentence only people of 45 and over get ("retired ...").
    says: &'static [&'static str],
    /// Look tags casting sheets add for this kind of person.
    looks: &'static [&'static str],
}

pub(super) static PERSONAS: &[Persona] = &[
    Persona {
        name: "military",
        ages: (30, 80),
        men: 8,
        women: 2,
        says: &[
            "^Served {n} years in the Indian Army and retired as a major.",
            "Spent {n} years with the Border Security Force before turning to acting.",
            "A former naval officer who commanded a patrol vessel off the Andaman coast.",
            "^Retired subedar, {n} years in uniform, and it still shows in the way {they} stands.",
            "Did two tenures in Siachen with an infantry battalion before leaving the service.",
            "An ex-serviceman who joined theatre after hanging up the uniform.",
            "Flew transport aircraft for the Indian Air Force for {n} years.",
            "Commissioned from the NDA; a decade as an artillery officer.",
            "Known for playing stern colonels and battle-hardened soldiers in war films.",
            "The go-to face for army officers in patriotic ad films.",
            "Served with the CRPF in the North-East for {n} years.",
        ],
        looks: &[
            "military bearing",
            "ex-army",
            "upright posture",
            "clipped moustache",
        ],
    },
    Persona {
        name: "police",
        ages: (26, 70),
        men: 7,
        women: 3,
        says: &[
            "^Retired sub-inspector of the Maharashtra Police, {n} years on the beat.",
            "Worked in the Crime Branch in {city} before a late start in films.",
            "A former constable who now plays the cops {they} once worked beside.",
            "Has played hard-nosed inspectors in {n} crime serials.",
            "The go-to face for tough cops in crime shows.",
            "Spent {n} years in the railway police at Dadar station.",
            "Known for the encounter-specialist inspector in a gritty web series.",
        ],
        looks: &["cop look", "khaki-ready", "stern", "thick moustache"],
    },
    Persona {
        name: "doctor",
        ages: (26, 75),
        men: 5,
        women: 5,
        says: &[
            "A practising paediatrician who acts on weekends.",
            "Studied medicine in Nagpur and ran a clinic in {city} for {n} years.",
            "MBBS from Manipal; left hospital work for theatre.",
            "A qualified surgeon who still takes shifts at a trauma centre.",
            "Practised as a general physician for {n} years before acting full time.",
            "Known for playing the calm family doctor in hospital dramas.",
            "A dentist by training, an actor by choice.",
            "Worked as a resident in the casualty ward of a municipal hospital.",
        ],
        looks: &["bespectacled", "doctor look", "reassuring"],
    },
    Persona {
        name: "nurse",
        ages: (22, 65),
        men: 1,
        women: 5,
        says: &[
            "Worked as a staff nurse in a {city} hospital for {n} years.",
            "Trained in nursing and spent years on night shifts in an ICU.",
            "Has played nurses and matrons in medical shows.",
        ],
        looks: &["gentle", "caring"],
    },
    Persona {
        name: "comedian",
        ages: (18, 70),
        men: 6,
        women: 4,
        says: &[
            "Cut {their} teeth doing stand-up in Mumbai's comedy clubs.",
            "A regular on the open-mic circuit with razor-sharp comic timing.",
            "Known for deadpan humour and impeccable timing on screen.",
            "Runs a sketch-comedy channel with a loyal following.",
            "A mimicry artist who toured with orchestra shows for {n} years.",
            "Plays the hero's funny friend in family entertainers.",
            "Has a knack for improv and keeps the whole set laughing.",
            "Wrote and performed a one-person comic show at Prithvi.",
        ],
        looks: &["comic face", "expressive", "chubby cheeks", "goofy smile"],
    },
    Persona {
        name: "journalist",
        ages: (24, 72),
        men: 5,
        women: 5,
        says: &[
            "Spent {n} years as a crime reporter for a Marathi daily.",
            "A former TV news anchor who switched to acting.",
            "Worked in a Delhi newsroom as a sub-editor before moving to Mumbai.",
            "Known for playing fearless reporters and news anchors.",
            "Was a photojournalist covering elections across the Hindi belt.",
        ],
        looks: &["intense", "urban", "sharp features"],
    },
    Persona {
        name: "farmer",
        ages: (22, 80),
        men: 6,
        women: 4,
        says: &[
            "Grew up on the family's sugarcane farm near {city} and still farms in the off-season.",
            "Comes from a family of cotton growers in Vidarbha and knows the fields first-hand.",
            "At home with tractors, cattle and the paddy harvest.",
            "Often cast as the villager or the farmer in rural dramas.",
            "Runs a small dairy and an orchard between shoots.",
        ],
        looks: &["rustic", "weathered", "village look", "sunburnt"],
    },
    Persona {
        name: "lawyer",
        ages: (26, 75),
        men: 5,
        women: 5,
        says: &[
            "A practising advocate at the Bombay High Court.",
            "Studied law in Pune and argued criminal cases for {n} years.",
            "Known for courtroom dramas, usually as the defence lawyer.",
            "Worked at a corporate law firm before taking up acting.",
        ],
        looks: &["sharp", "formal", "authoritative"],
    },
    Persona {
        name: "chef",
        ages: (22, 70),
        men: 6,
        women: 4,
        says: &[
            "Ran a dhaba on the Mumbai-Pune highway for {n} years.",
            "A trained pastry chef who worked in five-star hotel kitchens.",
            "Cooks for a living: owns a small restaurant in {city}.",
            "Started as a line cook and still caters weddings between shoots.",
            "Plays the halwai or the family cook in period dramas.",
        ],
        looks: &["homely", "warm"],
    },
    Persona {
        name: "teacher",
        ages: (25, 80),
        men: 5,
        women: 5,
        says: &[
            "Taught mathematics at a municipal school for {n} years.",
            "^A retired schoolteacher who found acting after retirement.",
            "Lectured in English literature at a college in {city}.",
            "Often cast as the strict headmaster or the kindly teacher.",
            "Runs tuition classes for board students in the mornings.",
        ],
        looks: &["bespectacled", "kindly", "simple"],
    },
    Persona {
        name: "sportsperson",
        ages: (16, 55),
        men: 6,
        women: 4,
        says: &[
            "Played Ranji Trophy cricket for Mumbai as a fast bowler.",
            "A state-level kabaddi player before acting.",
            "Boxed at the national championships for {n} years.",
            "A former sprinter who still trains every morning.",
            "Played football for a Goa club in the I-League.",
            "Wrestled in the akhadas of Kolhapur as a teenager.",
        ],
        looks: &["athletic", "fit", "sporty"],
    },
    Persona {
        name: "politician",
        ages: (32, 80),
        men: 7,
        women: 3,
        says: &[
            "^A former municipal corporator in {city}.",
            "Spent {n} years as a party worker before theatre took over.",
            "Often cast as the local neta or the scheming MLA.",
            "^Was sarpanch of {their} village for two terms.",
        ],
        looks: &["white kurta", "imposing", "neta look"],
    },
    Persona {
        name: "executive",
        ages: (26, 70),
        men: 5,
        women: 5,
        says: &[
            "Left a banking career after {n} years in investment banking.",
            "A former marketing manager at an FMCG company.",
            "Plays CEOs, bosses and boardroom roles with ease.",
            "Chartered accountant turned actor.",
            "Worked in a software company's sales team before modelling.",
        ],
        looks: &["corporate look", "suave", "polished"],
    },
    Persona {
        name: "priest",
        ages: (30, 85),
        men: 8,
        women: 2,
        says: &[
            "Trained in Vedic chanting and still performs pujas in {city}.",
            "Grew up in a temple town; {their} father was a pujari.",
            "Often plays the temple priest or the family pandit.",
            "Spent years in an ashram before coming to Mumbai.",
        ],
        looks: &["serene", "tilak", "spiritual"],
    },
    Persona {
        name: "gangster",
        ages: (22, 70),
        men: 9,
        women: 1,
        says: &[
            "Known for menacing villain roles in action films.",
            "Has played gangsters and henchmen in {n} crime thrillers.",
            "The face for underworld dons and local goons.",
            "Plays the dreaded dacoit in rural revenge dramas.",
        ],
        looks: &["menacing", "scarred", "intense eyes", "rough"],
    },
    Persona {
        name: "driver",
        ages: (22, 70),
        men: 9,
        women: 1,
        says: &[
            "Drove a taxi in Mumbai for {n} years before acting.",
            "A former truck driver who knows every highway dhaba.",
            "Has played auto-rickshaw drivers and chauffeurs in several ads.",
        ],
        looks: &["street-smart", "everyman"],
    },
    Persona {
        name: "shopkeeper",
        ages: (25, 80),
        men: 6,
        women: 4,
        says: &[
            "Runs the family kirana shop in {city}.",
            "A cloth merchant who acts when the season is slow.",
            "Often plays the friendly neighbourhood shopkeeper.",
        ],
        looks: &["everyman", "paunchy"],
    },
    Persona {
        name: "pilot",
        ages: (25, 65),
        men: 5,
        women: 5,
        says: &[
            "A former commercial pilot with {n} years of flying.",
            "Flew as cabin crew for a domestic airline for {n} years.",
        ],
        looks: &["smart", "well-groomed"],
    },
    Persona {
        name: "sailor",
        ages: (20, 75),
        men: 8,
        women: 2,
        says: &[
            "Comes from a Koli fishing family in Versova and knows boats well.",
            "Worked on merchant navy ships for {n} years.",
            "Grew up in a fishing village on the Konkan coast.",
        ],
        looks: &["weathered", "sunburnt", "coastal"],
    },
    Persona {
        name: "scientist",
        ages: (24, 70),
        men: 5,
        women: 5,
        says: &[
            "A software engineer who does theatre on weekends.",
            "Did a PhD in physics before choosing the stage.",
            "Worked as a research scientist in a Bengaluru laboratory.",
        ],
        looks: &["geeky", "bespectacled"],
    },
    Persona {
        name: "homemaker",
        ages: (35, 85),
        men: 0,
        women: 1,
        says: &[
            "Plays warm mothers and doting grandmothers in family dramas.",
            "A homemaker who started acting after {their} children grew up.",
        ],
        looks: &["motherly", "homely"],
    },
    Persona {
        name: "labourer",
        ages: (20, 70),
        men: 8,
        women: 2,
        says: &[
            "Worked as a mill worker in Parel before acting.",
            "A trained carpenter who builds sets between roles.",
            "Spent {n} years as a construction worker in {city}.",
        ],
        looks: &["wiry", "rugged", "everyman"],
    },
    Persona {
        name: "security guard",
        ages: (25, 70),
        men: 8,
        women: 2,
        says: &[
            "Worked as a security guard at a Powai housing society.",
            "Was a watchman at a mill compound for {n} years.",
        ],
        looks: &["everyman"],
    },
    Persona {
        name: "fitness trainer",
        ages: (20, 50),
        men: 6,
        women: 4,
        says: &[
            "A certified fitness trainer who runs a gym in Andheri.",
            "Teaches yoga and Pilates to film actors.",
            "Worked as a lifeguard at Juhu beach for {n} years.",
        ],
        looks: &["athletic", "toned", "fit"],
    },
    Persona {
        name: "student",
        ages: (13, 24),
        men: 5,
        women: 5,
        says: &[
            "A college student in {city} who does theatre at the college fest.",
            "School debating champion and an avid quizzer.",
            "Studies commerce and does ads on weekends.",
        ],
        looks: &["youthful", "college look"],
    },
];

/// Agency copy that says nothing about who a person is.
const NEUTRAL: &[&str] = &[
    "Comfortable in front of the camera and quick with lines.",
    "Has a warm, easy screen presence.",
    "Brings quiet intensity to every role.",
    "Available for shoots across Maharashtra at short notice.",
    "Good with improvisation and takes direction well.",
    "Has a distinctive voice that suits dubbing.",
    "Known on set for punctuality and preparation.",
    "Has a lived-in, expressive face.",
    "Equally at ease on stage and on screen.",
    "Has done workshops in voice and movement.",
    "Reads scripts in Hindi and English.",
    "Has worked with several casting agencies in Andheri.",
    "Enjoys character parts more than leads.",
    "Natural, understated performer.",
    "Has done print and catalogue work.",
    "Travels for outdoor schedules without fuss.",
];

/// Look tags any profile may carry, by who may carry them.
const LOOK_ANY: &[&str] = &[
    "expressive eyes",
    "lean",
    "tall",
    "medium build",
    "curly hair",
    "glasses",
    "dimples",
    "sharp jawline",
    "soft-spoken",
    "intense",
    "approachable",
    "urban",
    "small-town look",
];
const LOOK_MEN: &[&str] = &[
    "boy next door",
    "rugged",
    "bearded",
    "stubble",
    "moustache",
    "broad-shouldered",
    "lanky",
    "chiselled",
    "paunchy",
];
const LOOK_WOMEN: &[&str] = &[
    "girl next door",
    "long hair",
    "short hair",
    "elegant",
    "petite",
    "graceful",
    "plus-size",
    "traditional look",
    "bold",
];
const LOOK_OLDER_MEN: &[&str] = &[
    "salt-and-pepper hair",
    "grey beard",
    "grandfatherly",
    "dignified",
    "balding",
    "silver hair",
];
const LOOK_OLDER_WOMEN: &[&str] = &[
    "silver hair",
    "grandmotherly",
    "dignified",
    "graceful",
    "salt-and-pepper hair",
];
const LOOK_YOUNG: &[&str] = &["youthful", "fresh face", "chubby", "cute"];

const YEARS: &[(&str, u32)] = &[
    ("three", 3),
    ("five", 5),
    ("six", 6),
    ("eight", 8),
    ("ten", 10),
    ("twelve", 12),
    ("fifteen", 15),
    ("eighteen", 18),
    ("twenty", 20),
    ("twenty-two", 22),
];

impl Generator {
    /// A persona for a talent of this age and gender, or none (a little under half of adults).
    pub(super) fn persona(&mut self, gender: Gender, age: u32) -> Option<&'static Persona> {
        let rate = match age {
            0..13 => 0,
            13..18 => 300,
            _ => 550,
        };
        if !self.chance(rate) {
            return None;
        }
        let weight = |p: &Persona| -> u32 {
            let fits = (p.ages.0..=p.ages.1).contains(&age);
            let by_gender = match gender {
                Gender::Male => p.men,
                Gender::Female => p.women,
                Gender::Nonbinary => (p.men + p.women).div_ceil(2),
            };
            if fits {
                by_gender
            } else {
                0
            }
        };
        let total: u32 = PERSONAS.iter().map(weight).sum();
        (total > 0).then(|| self.weighted(PERSONAS, weight))
    }

    /// The persona's sentence, its slots filled.
    pub(super) fn persona_sentence(&mut self, persona: &Persona, t: &Talent, city: &str) -> String {
        let senior = t.age >= 45;
        let fitting: Vec<&str> = persona
            .says
            .iter()
            .copied()
            .filter(|s| senior || !s.starts_with('^'))
            .collect();
        let template = self.one_of(&fitting).trim_start_matches('^');
        let (they, their) = match t.gender {
            Gender::Female => ("she", "her"),
            Gender::Male => ("he", "his"),
            Gender::Nonbinary => ("they", "their"),
        };
        let working_life = t.age.saturating_sub(20).max(3);
        let years: Vec<&str> = YEARS
            .iter()
            .filter(|(_, n)| *n <= working_life)
            .map(|(w, _)| *w)
            .collect();
        let years = self.one_of(&years);
        template
            .replace("{n}", years)
            .replace("{city}", city)
            .replace("{they}", they)
            .replace("{their}", their)
    }

    pub(super) fn neutral_sentence(&mut self) -> &'static str {
        self.one_of(NEUTRAL)
    }

    /// Two or three look tags: general ones for the age and gender, and often the persona's.
    pub(super) fn look(
        &mut self,
        persona: Option<&Persona>,
        gender: Gender,
        age: u32,
    ) -> Vec<String> {
        let mut tags: Vec<&'static str> = Vec::with_capacity(3);
        if let Some(p) = persona {
            if self.chance(700) {
                tags.push(self.one_of(p.looks));
            }
        }
        let first = match (age, gender) {
            (0..18, _) => LOOK_YOUNG,
            (55.., Gender::Female) => LOOK_OLDER_WOMEN,
            (55.., _) => LOOK_OLDER_MEN,
            (_, Gender::Male) => LOOK_MEN,
            (_, Gender::Female) => LOOK_WOMEN,
            (_, Gender::Nonbinary) => LOOK_ANY,
        };
        let wanted = self.between(2, 3) as usize;
        for bank in [first, LOOK_ANY, LOOK_ANY] {
            let tag = self.one_of(bank);
            if tags.len() < wanted && !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        tags.into_iter().map(str::to_string).collect()
    }
}
