//! The brief parser's dictionary: every phrase it knows (from `vocab` plus its own function
//! words, markers and role nouns) and what each one means, looked up longest match first.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::roster::Gender;
use crate::vocab;

use super::tokens::{Kind, Token};

/// A field of `Requirements` a refinement can name ("forget the city").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Field {
    Gender,
    Age,
    Height,
    Languages,
    Skills,
    Cities,
    Look,
}

/// What a known phrase means to the parser.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Lexeme {
    Language(&'static str),
    City(&'static str),
    Skill(&'static str),
    /// A word that names the role's gender ("mother", "hero").
    Gender(Gender),
    /// A pronoun: a weak hint, used only when nothing names the gender.
    Pronoun(Gender),
    /// "F" / "M": a gender only when it stands alone or next to an age ("F, 25-30", "25M").
    GenderLetter(Gender),
    /// "any gender", "male or female".
    AnyGender,
    /// An age band named by a word ("teenager", "elderly"); max None = open.
    AgeBand(u32, Option<u32>),
    /// Look or type, kept as a note ("tall", "bearded").
    Look(&'static str),
    /// Known but not placeable as a requirement (a state, "martial arts"): reported back.
    Unplaced,
    /// A noun that turns a preceding language into a community ("Marwari family").
    Community,
    /// Marks what is near it as wanted, not required ("a plus", "ideally").
    Prefer,
    /// Marks what is near it as required ("must", "mandatory").
    Require,
    /// Negates what follows in its clause ("no", "not", "without").
    Negate,
    /// Negates what precedes it in its clause ("not required", "no bar").
    NegateBefore,
    /// Clears what follows ("drop", "forget", "remove").
    Clear,
    /// "swap X for Y", "replace X with Y": X goes, Y comes.
    Swap,
    /// Names a field, for clearing ("the city", "age range").
    Field(Field),
    /// Dance in general: "drop the dance" clears every dance-family skill.
    Dance,
    /// "any age", "anywhere": clears that field.
    AnyOf(Field),
    /// Adds to the standing brief ("also", "add", "as well").
    Also,
    /// Replaces the standing value ("actually", "instead", "only").
    Instead,
    /// Starts a new role, at the start of a turn ("next", "new role").
    NextRole,
    /// Clears the whole brief ("start over").
    Reset,
    Older,
    Younger,
    /// "much", "a lot": a bigger age shift.
    Much,
    /// Words after which a gender or age describes someone else ("mother of a boy").
    Relational,
    Or,
    /// Ends a clause ("but", "however").
    Break,
    /// Known words with no bearing on the requirements.
    Filler,
}

/// Longest phrase, in words, that the dictionary holds.
pub(crate) const MAX_PHRASE_WORDS: usize = 6;

/// Lower case, hyphens as spaces, single spaces: the key form of every phrase.
pub(crate) fn key(phrase: &str) -> String {
    vocab::normalise(&phrase.replace(['-', '\u{2013}'], " "))
}

fn dictionary() -> &'static HashMap<String, Vec<Lexeme>> {
    static MAP: OnceLock<HashMap<String, Vec<Lexeme>>> = OnceLock::new();
    MAP.get_or_init(build)
}

fn build() -> HashMap<String, Vec<Lexeme>> {
    let mut map: HashMap<String, Vec<Lexeme>> = HashMap::new();
    let mut add = |phrase: &str, lexeme: Lexeme| {
        let entry = map.entry(key(phrase)).or_default();
        if !entry.contains(&lexeme) {
            entry.push(lexeme);
        }
    };
    for (words, lexeme) in OWN_WORDS {
        for w in words.split('|') {
            add(w, *lexeme);
        }
    }
    for (words, g) in GENDER_WORDS {
        for w in words.split('|') {
            add(w, Lexeme::Gender(*g));
        }
    }
    for (words, min, max) in AGE_BANDS {
        for w in words.split('|') {
            add(w, Lexeme::AgeBand(*min, *max));
        }
    }
    for look in LOOKS {
        add(look, Lexeme::Look(look));
    }
    for e in vocab::LANGUAGES {
        for n in std::iter::once(&e.name).chain(e.synonyms) {
            add(n, Lexeme::Language(e.name));
        }
    }
    for e in vocab::CITIES {
        for n in std::iter::once(&e.name).chain(e.synonyms) {
            add(n, Lexeme::City(e.name));
        }
    }
    for e in vocab::SKILLS {
        for n in std::iter::once(&e.name).chain(e.synonyms) {
            add(n, Lexeme::Skill(e.name));
        }
    }
    // Entries for the vocabulary words also listed above as fillers: the meaning wins.
    for entry in map.values_mut() {
        if entry.len() > 1 {
            entry.retain(|l| *l != Lexeme::Filler);
        }
    }
    map
}

/// The longest known phrase starting at token `i`: (meanings, index after the phrase).
/// Hyphens between words are skipped, so "stand-up" and "stand up" are one phrase.
pub(crate) fn longest_match(tokens: &[Token], i: usize) -> Option<(&'static [Lexeme], usize)> {
    let dict = dictionary();
    let mut phrase = String::new();
    let mut best = None;
    let mut j = i;
    for words in 0..MAX_PHRASE_WORDS {
        let Some(t) = tokens.get(j).filter(|t| t.kind == Kind::Word) else {
            break;
        };
        if words > 0 {
            phrase.push(' ');
        }
        phrase.push_str(&t.text);
        j += 1;
        if let Some(found) = dict.get(&phrase) {
            best = Some((found.as_slice(), j));
        }
        if tokens.get(j).is_some_and(|d| d.is_punct('-')) {
            j += 1;
        }
    }
    best
}

/// Whether a skill belongs to a dance family.
pub(crate) fn is_dance(skill: &str) -> bool {
    vocab::skill(skill).is_some_and(|e| e.family.is_dance())
}

/// Whether a skill is vocal (singing styles).
pub(crate) fn is_vocal(skill: &str) -> bool {
    vocab::skill(skill).is_some_and(|e| e.family == vocab::SkillFamily::Vocal)
}

use Gender::{Female, Male, Nonbinary};

static GENDER_WORDS: &[(&str, Gender)] = &[
    ("woman|women|female|females|girl|girls|actress|actresses|heroine|mother|mothers|mom|mum|mommy|mummy|maa|ma|amma|aai|grandmother|grandma|granny|grandmom|dadi|nani|sister|sisters|didi|daughter|daughters|daughter in law|wife|wives|bride|aunt|aunty|auntie|chachi|mausi|bua|lady|ladies|girlfriend|housewife|homemaker|queen|princess|waitress|hostess|air hostess|stewardess|policewoman|businesswoman|saleswoman|sportswoman|horsewoman|chairwoman|nun|widow|niece|mother in law|sister in law|bhabhi|saas|bahu|beti|ladki|aurat|maid|maidservant|madam|matriarch|fiancee|schoolgirl|landlady|tomboy", Female),
    ("man|men|male|males|boy|boys|guy|guys|gentleman|gentlemen|hero|father|fathers|dad|daddy|papa|pitaji|baba|grandfather|grandpa|grandad|granddad|dadaji|nanaji|dada|nana|brother|brothers|bhai|bhaiya|son|sons|son in law|husband|husbands|groom|bridegroom|uncle|chacha|mamaji|boyfriend|king|prince|waiter|policeman|businessman|salesman|fisherman|watchman|milkman|postman|chairman|fireman|sportsman|horseman|henchman|conman|widower|nephew|father in law|brother in law|beta|ladka|mard|patriarch|fiance|schoolboy|sardarji|landlord|monk", Male),
    ("nonbinary|non binary|enby|genderqueer|gender queer|genderfluid|gender fluid|agender", Nonbinary),
];

static AGE_BANDS: &[(&str, u32, Option<u32>)] = &[
    ("child|children|kid|kids|child artist|child actor|little girl|little boy|young child|school kid|schoolkid", 5, Some(12)),
    ("toddler|toddlers", 2, Some(4)),
    ("teenager|teenagers|teen|teens|teenage|adolescent|in their teens|in his teens|in her teens", 13, Some(19)),
    ("college student|college students|college going|college kid|college girl|college boy|collegian|undergrad|undergraduate", 18, Some(23)),
    ("senior|seniors|senior citizen|senior citizens|elderly|old man|old woman|old lady|aged man|aged woman|retired|retiree|pensioner|oldie|old age", 60, None),
    ("middle aged|middle age", 40, Some(55)),
];

static LOOKS: &[&str] = &[
    "tall",
    "short",
    "petite",
    "fair",
    "fair skinned",
    "dusky",
    "dark skinned",
    "wheatish",
    "slim",
    "thin",
    "lean",
    "fit",
    "athletic",
    "muscular",
    "well built",
    "chubby",
    "plump",
    "fat",
    "heavy",
    "heavyset",
    "overweight",
    "plus size",
    "curvy",
    "bald",
    "bearded",
    "beard",
    "moustache",
    "mustache",
    "clean shaven",
    "tattoos",
    "tattooed",
    "long hair",
    "short hair",
    "curly hair",
    "glasses",
    "spectacles",
    "good looking",
    "handsome",
    "beautiful",
    "pretty",
    "cute",
    "attractive",
    "muslim",
    "hindu",
    "christian",
    "catholic",
    "jain",
    "buddhist",
    "brahmin",
    "rough",
    "wiry",
    "bubbly",
    "rugged looking",
    "rough looking",
    "dignified",
    "aristocratic",
    "nerdy",
    "geeky",
    "city folks",
    "city people",
    "city bred",
    "city type",
    "urban type",
    "village type",
    "small town",
    "comic timing",
    "girl next door",
    "boy next door",
    "rugged",
    "sharp features",
    "innocent",
    "sikh",
    "parsi",
    "north indian",
    "south indian",
    "northeastern",
    "north eastern",
    "maharashtrian",
    "gujju",
    "rustic",
    "urban",
    "corporate",
    "sophisticated",
    "middle class",
    "upper class",
    "bhadralok",
    "turban",
    "dimples",
    "freckles",
    "grey hair",
    "gray hair",
    "salt and pepper",
    "salt pepper",
    "six pack",
    "six pack abs",
    "abs",
    "intense",
    "charming",
    "funny",
    "serious",
    "elegant",
    "graceful",
    "expressive",
    "tough",
    "menacing",
    "villainous",
    "lanky",
    "stocky",
    "burly",
    "toned",
    "sporty",
    "glamorous",
    "homely",
    "simple",
    "fresh faced",
    "fresh face",
    "new face",
    "deglam",
    "de glam",
    "boyish",
    "girlish",
    "androgynous",
    "mature",
    "youthful",
    "conventionally attractive",
];

/// The parser's own words: markers, cues, role nouns, function words and extra synonyms.
static OWN_WORDS: &[(&str, Lexeme)] = &[
    ("hinglish", Lexeme::Language("hindi")),
    ("hinglish", Lexeme::Language("english")),
    ("bihari|bhojpuri speaking", Lexeme::Language("bhojpuri")),
    ("malayali|malayalee|mallu", Lexeme::Language("malayalam")),
    ("tamilian", Lexeme::Language("tamil")),
    ("kannadiga", Lexeme::Language("kannada")),
    ("odiya", Lexeme::Language("odia")),
    ("non binary person", Lexeme::Gender(Nonbinary)),
    ("old lady|old woman|aged woman|elderly woman|elderly lady|old women", Lexeme::Gender(Female)),
    ("old man|aged man|elderly man|old men|elderly gentleman|old gentleman", Lexeme::Gender(Male)),
    ("elderly woman|elderly lady|elderly man|old men|old women|elderly gentleman|old gentleman", Lexeme::AgeBand(60, None)),
    ("girl next door|kudi|kudiyan", Lexeme::Gender(Female)),
    ("f", Lexeme::GenderLetter(Female)),
    ("m", Lexeme::GenderLetter(Male)),
    ("munda|mundas|banda|bande", Lexeme::Gender(Male)),
    ("bandi", Lexeme::Gender(Female)),
    ("bhai log|dosto|friends|team|folks|guys and girls", Lexeme::Filler),
    ("bullock cart|bullock cart driving|tractor|tractor driving|auto rickshaw|rickshaw", Lexeme::Unplaced),
    ("boy next door", Lexeme::Gender(Male)),
    ("college girl|little girl|schoolgirl|teen girl|teenage girl|baby girl", Lexeme::Gender(Female)),
    ("college boy|little boy|schoolboy|teen boy|teenage boy|baby boy", Lexeme::Gender(Male)),
    ("teen girl|teenage girl|teen boy|teenage boy", Lexeme::AgeBand(13, Some(19))),
    ("he|him|his|himself", Lexeme::Pronoun(Male)),
    ("she|her|hers|herself", Lexeme::Pronoun(Female)),
    ("any gender|either gender|all genders|any sex|gender no bar|gender neutral|gender open|gender fluid casting|open gender|gender not specified|gender doesn't matter|gender does not matter|gender is open|gender agnostic|male or female|female or male|man or woman|woman or man|boy or girl|girl or boy|men or women|women or men|male female|female male|any gender identity|of any gender|gender any", Lexeme::AnyGender),
    ("a plus|is a plus|big plus|a big plus|added plus|plus point|a plus point|preferred|preferable|preferably|prefer|would prefer|we prefer|ideally|ideal|would be a bonus|bonus|a bonus|is a bonus|nice to have|good to have|would be nice|would be good|would be great|great if|advantage|an advantage|added advantage|an added advantage|desirable|desired|optional|if possible|not mandatory|not compulsory|not a must|not essential|would help|helps|welcome|appreciated|extra points|brownie points|bonus points|good if|better if|if any|is preferred|are preferred|a big bonus|huge plus|definite plus|pref|preferrable|preferred but not necessary|preferred but not mandatory|good to know|plus if|would be an asset|an asset|asset|would be lovely|lovely|would be best|toh best|to best|then best|best if|ho toh|ho to|if they can|if she can|if he can|if possible then|will be a plus|will be an advantage|is an added advantage", Lexeme::Prefer),
    ("must|must be|must have|mandatory|compulsory|required|essential|necessary|needed|need|needs|should|should be|has to|have to|a must|non negotiable|strictly|important", Lexeme::Require),
    ("no|not|without|except|excluding|exclude|non|never|nobody|avoid|other than|instead of|in place of|rather than|anyone but|don't want|do not want|dont want|no need of|no need for|doesn't need|does not need|doesnt need|don't need|do not need|dont need|need not|needn't|doesn't have to|does not have to|don't have to|do not have to|must not|mustn't|should not|shouldn't|cannot|can't|not from|none from", Lexeme::Negate),
    ("not required|not needed|not necessary|not important|doesn't matter|does not matter|dont matter|no bar|not a requirement|is not required|isn't required|isnt required|not needed anymore|no longer needed|no longer required|not relevant|irrelevant|is fine either way|either way", Lexeme::NegateBefore),
    ("drop|remove|forget|forget about|ignore|scrap|skip|lose|delete|clear|cancel|get rid of|take out|take off|leave out|remove the|never mind|nevermind|lift|relax|loosen|no need", Lexeme::Clear),
    ("city|cities|location|locations|place|base|city requirement|location requirement|city filter|location filter|based requirement", Lexeme::Field(Field::Cities)),
    ("age|ages|age range|age limit|age bracket|age requirement|age filter|playing age|age group", Lexeme::Field(Field::Age)),
    ("height|height requirement|height limit|height filter", Lexeme::Field(Field::Height)),
    ("language|languages|language requirement|accent requirement|languages requirement|dialect requirement", Lexeme::Field(Field::Languages)),
    ("skill|skills|skill requirement|skills requirement|special skills", Lexeme::Field(Field::Skills)),
    ("gender|sex|gender requirement", Lexeme::Field(Field::Gender)),
    ("look|looks|look requirement", Lexeme::Field(Field::Look)),
    ("dance|dancing|dancer|dancers|dance requirement|dance skills|dance skill|dance form|dance forms|trained dancer|dance training", Lexeme::Dance),
    ("any age|all ages|age no bar|no age limit|no age bar|any age group|age open|age is open|age doesn't matter|age does not matter", Lexeme::AnyOf(Field::Age)),
    ("anywhere|any city|any location|all cities|location no bar|city no bar|pan india|all india|all over india|anywhere in india|any place|location open|city open|location doesn't matter|city doesn't matter|location does not matter|city does not matter|from anywhere", Lexeme::AnyOf(Field::Cities)),
    ("any height|height no bar|height doesn't matter|height does not matter|height open", Lexeme::AnyOf(Field::Height)),
    ("any language|any languages|language no bar|languages no bar|language doesn't matter|language does not matter", Lexeme::AnyOf(Field::Languages)),
    ("also|add|plus|as well|too|additionally|in addition|on top|and also|also add|also needs|also need|include|including|along with", Lexeme::Also),
    ("actually|instead|rather|only|change to|change it to|switch to|make it|make that|make them|correction|sorry|i mean|scratch that|wait", Lexeme::Instead),
    ("swap|replace|substitute|exchange|change|switch|swap out|trade", Lexeme::Swap),
    ("next|next role|new role|another role|next up|next character|new character|moving on|now for|second role|another character|new brief|next brief", Lexeme::NextRole),
    ("start over|start again|reset|clear all|clear everything|from scratch|new search|start afresh|begin again|forget everything|scrap everything", Lexeme::Reset),
    ("older|elder|more mature", Lexeme::Older),
    ("younger", Lexeme::Younger),
    ("much|a lot|lot|way|significantly|considerably|far|quite a bit|a good bit", Lexeme::Much),
    ("of|to|with|opposite|whose|has|have|having|raising|against|alongside|married to|paired with|playing opposite|romancing", Lexeme::Relational),
    ("or|either", Lexeme::Or),
    ("but|however|although|though|whereas|while", Lexeme::Break),
    ("family|families|household|community|clan|caste|descent|origin|heritage|roots|lineage|businessman family|joint family|background family|wedding|home|seth|trader|traders|businessmen", Lexeme::Community),
    ("martial arts|martial artist|classical dance|classical dancer|folk dance|folk dancer|western dance|acrobatics|acrobat|instrument|musician|music|sports|sportsperson|athlete|athletic skills|kerala|tamil nadu|karnataka|maharashtra|gujarat|punjab|haryana|rajasthan|west bengal|bengal|bihar|uttar pradesh|odisha|orissa|assam|andhra|andhra pradesh|telangana|madhya pradesh|himachal|uttarakhand|jharkhand|chhattisgarh|northeast|north east|abroad|overseas|nri|outstation", Lexeme::Unplaced),
    // Extra skill phrases (verb forms and trade names) the shared vocabulary does not list.
    ("sing|can sing|singers|vocalist|sings well|trained singer|trained vocalist|playback singer|good singer|singing voice", Lexeme::Skill("singing")),
    ("hindustani classical vocals|hindustani classical singing|hindustani classical singer|hindustani classical vocalist|hindustani singer|hindustani vocalist|hindustani classical music|classical hindustani", Lexeme::Skill("hindustani classical")),
    ("carnatic singer|carnatic vocalist|carnatic classical vocals|carnatic classical singing|carnatic classical music|carnatic singing", Lexeme::Skill("carnatic classical")),
    ("rabindra sangeet singer|tagore songs", Lexeme::Skill("rabindra sangeet")),
    ("bollywood dancer|bollywood style dance|bollywood style dancing|filmy dance", Lexeme::Skill("bollywood dance")),
    ("contemporary dancer|contemporary dancing", Lexeme::Skill("contemporary dance")),
    ("hip hop dancer|b boy|b girl|bboy|bgirl|breakdancer|break dancer|break dancing|breakdancing", Lexeme::Skill("hip hop")),
    ("bharathanatyam|bharatnatyam dancer|bharatanatyam dancer|bharathnatyam", Lexeme::Skill("bharatanatyam")),
    ("kathak dancer|kathak dance|kathak trained", Lexeme::Skill("kathak")),
    ("horse rider|horseriding|rides horses|ride horses|riding horses|horse riding skills|riding a horse|can ride horses|knows horse riding|horseback", Lexeme::Skill("horse riding")),
    ("motorcycle|motorbike|bike|rides a motorcycle|ride a motorcycle|ride a motorbike|ride a bike|riding a bike|riding a motorbike|motorcycling|biking|two wheeler|bike rider|rides bike|rides bikes|can ride a bike|bullet rider", Lexeme::Skill("motorcycle riding")),
    ("drive|drive a car|drives a car|can drive a car|knows driving|knows how to drive|driving licence|driving license|car driver|driving skills", Lexeme::Skill("car driving")),
    ("bicycle|rides a bicycle|ride a bicycle|cycle|cycles", Lexeme::Skill("cycling")),
    ("stand up comic|standup comic|stand up comedians|stand up artist|stand up comedy artist", Lexeme::Skill("stand-up comedy")),
    ("theatre background|theater background|theatre actor|theater actor|theatre artist|theatre experience|theater experience|stage experience|stage actor|nsd|nsd graduate|theatre training|stage", Lexeme::Skill("theatre")),
    ("voice artist|voice over artist|vo artist|dubbing artist|voiceover artist", Lexeme::Skill("voice-over")),
    ("swim well|swimming skills|good swimmer", Lexeme::Skill("swimming")),
    ("mma fighter|mma experience", Lexeme::Skill("mma")),
    ("yoga instructor|yoga teacher|yogi", Lexeme::Skill("yoga")),
    ("tabla player|tabla vadak", Lexeme::Skill("tabla")),
    ("guitar player|plays the guitar|guitar playing", Lexeme::Skill("guitar")),
    ("cricket player|plays cricket", Lexeme::Skill("cricket")),
    ("football player|plays football", Lexeme::Skill("football")),
    ("kalaripayattu trained|kalari trained|kalarippayattu", Lexeme::Skill("kalaripayattu")),
    ("stunt performer|stuntwoman|stunt artist|action scenes|does stunts|own stunts", Lexeme::Skill("stunts")),
    // Role nouns and context: known, but they say nothing about the fields.
    (CONTEXT, Lexeme::Filler),
    (FUNCTION_WORDS, Lexeme::Filler),
];

/// Role nouns and production context.
const CONTEXT: &str = "lead|leads|actor|actors|performer|performers|talent|talents|artist|artists|artiste|artistes|cast|casting|character artist|supporting|protagonist|antagonist|villain|cameo|extra|extras|junior artist|junior artists|cop|cops|stunt double|body double|double|police|police officer|officer|inspector|constable|soldier|army|doctor|nurse|lawyer|teacher|professor|student|students|principal|engineer|scientist|journalist|reporter|politician|minister|leader|goon|gangster|don|thief|driver role|servant|shopkeeper|vendor|farmer|villager|labourer|worker|manager|boss|ceo|executive|receptionist|secretary|clerk|chef|cook|waiter role|priest|pandit|maulvi|sadhu|baba ji|guru|coach|trainer|athlete role|patient|neighbour|neighbor|friend|friends|best friend|sidekick|rival|lover|love interest|couple|spouse|partner|parent|parents|grandparent|grandparents|sibling|siblings|relative|relatives|cousin|in laws|influencer|youtuber|vlogger|host role|entrepreneur|founder|tech|techie|professional|working professional|corporate type|housekeeper|security guard|guard|bodyguard|detective|spy|agent|lawyer role|judge|advocate|commando|fighter|pilot|captain|sailor|fisherman role|tribal|villain role|anchor role|ad|ads|advert|advertisement|commercial|commercials|tvc|film|films|feature|feature film|movie|movies|short film|short|web series|webseries|series|show|tv show|serial|daily soap|soap|episode|episodes|season|music video|video|campaign|brand|brands|product|print|print ad|photoshoot|photo shoot|shoot|shooting|audition|auditions|project|production|schedule|detergent|soap ad|shampoo|toothpaste|cooking oil|insurance|bank|telecom|jewellery|jewelry|saree|sari|fashion|fmcg|car ad|bike ad|ecommerce|app|biscuit|tea|coffee|chocolate|cold drink|skincare|cosmetics|ott|netflix|amazon|prime|hotstar|jiocinema|zee|sony|star|colors|youtube|instagram|reel|reels|digital|theatrical|period drama|drama|thriller|comedy film|horror|biopic|comedy|college|school|romance|romcom|action|action film|action sequences|sequences|scene|scenes|sequence|bollywood|tollywood|kollywood|mollywood|sandalwood|hindi film|marathi film|regional|experience|experienced|years of experience|background|backgrounds|bilingual|trilingual|multilingual|runway|ramp|ramp walk|yrs of experience|exp|fresher|freshers|newcomer|newcomers|new comer|debutant|debut|established|known face|known|face|profile|profiles|portfolio|showreel|reel link|headshots|headshot|photos|pics|self tape|selftape|tape|tapes|union|cintaa|daily|day|days|rate|budget|paid|unpaid|fees|fee|remuneration|lakh|lakhs|crore|k|inr|rs|rupees|per day|dates|date|available|availability|timing|weekend|weekends|month|months|week|weeks|hours|hour|morning|evening|night";

/// English and Hinglish function words and verbs common in briefs.
const FUNCTION_WORDS: &str = "who's|she's|he's|it's|they're|i'm|we're|you're|that's|there's|what's|someone's|a|an|the|and|&|for|in|on|at|by|from|as|is|are|was|were|be|been|being|am|i|we|us|our|you|your|they|them|their|it|its|this|that|these|those|who|whom|which|what|where|when|how|why|someone|somebody|anyone|anybody|person|people|persons|individual|one|ones|looking|look for|looking for|seeking|searching|search|find|want|wanted|wants|require|requires|requirement|requirements|needing|can|could|would|will|shall|may|might|do|does|did|done|doing|know|knows|knowing|knowledge|of knowing|speak|speaks|speaking|spoken|speaker|speakers|fluent|fluently|fluency|native|mother tongue|good|great|excellent|decent|basic|working|strong|perfect|proper|authentic|clear|neutral|accent|accents|diction|dialect|dialects|tongue|command|command over|proficient|proficiency|conversational|read|write|reading|writing|understand|understands|trained|training|train|formally|formal|professional training|professionally|skilled|skill in|expert|expertise|expert in|talented|able|ability|capable|comfortable|comfortable with|familiar|familiarity|some|any|all|each|every|other|another|such|same|very|really|quite|bit|a bit|little|a little|slightly|somewhat|just|even|more|less|most|least|well|so|too much|also known|based|based in|based out of|based out|located|located in|living|lives|living in|lives in|resident|residing|staying|stays|from|local|locals|locally|near|nearby|around there|origin from|hailing|hails|belongs|belonging|born|raised|grew up|settled|currently|current|now|then|there|here|yet|still|already|again|please|pls|plz|kindly|thanks|thank|thank you|hi|hello|hey|ok|okay|fine|sure|yes|yeah|alright|right|got it|great thanks|let's|lets|let|us|go|going|get|got|give|make|made|keep|try|trying|see|show me|show|tell|want to see|like|likes|love|loves|enjoy|into|onto|upon|about|above|below|under|over|up|down|out|off|within|between|through|across|after|before|during|until|till|since|per|via|than|then|if|else|whether|because|so that|such as|e|g|eg|e g|ie|i e|etc|and so on|like that|type of|kind of|sort of|some kind|similar|similar to|who can|who is|who are|who has|who have|that can|able to|capable of|play|plays|playing the|portray|portraying|essay|fit|fits|suit|suits|suitable|perfect for|ideal for|right for|young|youngish|new|fresh|old|real|actual|genuine|natural|naturally|true|typical|classic|classical|traditional|modern|western|indian|desi|folk|regional language|languages spoken|ji|wala|wali|wale|chahiye|chahie|chaiye|hona|hone|hai|hain|ho|ka|ki|ke|ko|se|mein|me|aur|ya|nahi|nahin|bhi|sirf|koi|ek|do|acha|accha|achha|bolne|bolna|bol|sake|sakti|sakta|sakte|yrs|yr|years|year|year old|years old|yo|old|aged|age wise|around|approx|approximately|roughly|about|circa|aprox|abt|min|max|minimum|maximum|range|between|at least|atleast|at most|upto|up to|tall|height wise|ft|feet|foot|inch|inches|cm|cms|centimetres|centimeters|metre|meter|metres|meters|m|mtr|number|numbers|nos|no of|count|role of|part of|character of|capable|requirement for|brief|briefs|note|notes|details|detail|info|information|description|describe|character brief|role|part|character|type|kind|sort|roles|parts|characters|cast as|essaying|role brief|casting brief|casting call|call|open call|urgent|urgently|asap|immediately|quick|quickly|soon|today|tomorrow|for a|for an|for the|role for|working on|need for|needed for|required for|wanted for|casting for|cast for|looking to cast|to cast|to play|playing a|as a|as an|the role|a role|someone who|somebody who|person who|people who|either of|any of|one of|both|each of|together|pair|duo|trio|group|team|set|lot of|lots of|many|few|several|couple of|such|things|thing|stuff|etc|and more|more details|dm|contact|email|whatsapp|send|share|apply|submit|revert|respond|reply";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::tokens::tokenise;

    fn first(text: &str) -> Option<Vec<Lexeme>> {
        let tokens = tokenise(text);
        longest_match(&tokens, 0).map(|(l, _)| l.to_vec())
    }

    #[test]
    fn longest_match_wins_and_hyphens_are_spaces() {
        assert_eq!(
            first("hindustani classical vocals"),
            Some(vec![Lexeme::Skill("hindustani classical")])
        );
        assert_eq!(
            first("stand-up comedian"),
            Some(vec![Lexeme::Skill("stand-up comedy")])
        );
        assert_eq!(
            first("Hinglish"),
            Some(vec![Lexeme::Language("hindi"), Lexeme::Language("english")])
        );
        assert_eq!(first("Bombay"), Some(vec![Lexeme::City("mumbai")]));
    }

    #[test]
    fn vocabulary_beats_filler() {
        assert_eq!(first("mother"), Some(vec![Lexeme::Gender(Gender::Female)]));
        assert_eq!(first("stage"), Some(vec![Lexeme::Skill("theatre")]));
    }
}
