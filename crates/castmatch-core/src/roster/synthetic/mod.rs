//! A seeded generator of realistic Indian talent, for demos, tests and benchmarks: regional
//! names, languages and skills, believable ages, heights, careers, credits, bios that say who a
//! person is in varied words (see `persona`) and casting-sheet look tags.

mod persona;

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;

use super::{Credit, CreditKind, Gender, Talent};

/// The year the synthetic roster is "as of": careers and credits end here. Fixed, because the
/// core reads no clock and the roster must be the same on every run.
pub const REFERENCE_YEAR: u32 = 2025;

/// `n` talents, the same for the same seed on every platform.
///
/// Every draw goes through `Pcg64Mcg` with 32-bit integer ranges, which rand samples the same
/// way on 32- and 64-bit targets, so the wasm build produces the very roster a native run does.
pub fn synthetic(n: usize, seed: u64) -> Vec<Talent> {
    synthetic_labelled(n, seed)
        .into_iter()
        .map(|(t, _)| t)
        .collect()
}

/// `synthetic(n, seed)` with each talent's persona ("military", "doctor", ...; `None` for
/// none): the truth that evaluations of ranking by meaning score against.
pub fn synthetic_labelled(n: usize, seed: u64) -> Vec<(Talent, Option<&'static str>)> {
    let mut generator = Generator {
        rng: Pcg64Mcg::seed_from_u64(seed),
    };
    (0..n).map(|i| generator.talent(i + 1)).collect()
}

// ---------------------------------------------------------------------------------------------
// Tables

/// A regional background: the mother tongue, name pools and the skills the region is known for.
struct Culture {
    homeland: &'static str,
    mother_tongue: &'static str,
    /// Per mille of people from here who also speak Hindi.
    speaks_hindi: u32,
    female_names: &'static [&'static str],
    male_names: &'static [&'static str],
    surnames: &'static [&'static str],
    /// Extra chance (per mille) of a regional skill, on top of the national rate.
    skills: &'static [(&'static str, u32)],
    /// Weight as the origin of people who moved to a metro.
    migrant_weight: u32,
}

/// A city talent lives in: canonical name, how it is written in prose, its share of the roster
/// (relative weight), the local culture and a local language some residents pick up.
struct City {
    name: &'static str,
    display: &'static str,
    weight: u32,
    culture: usize,
    local_language: Option<&'static str>,
    /// Metros draw talent from all over India.
    is_metro: bool,
}

const MAHARASHTRA: usize = 0;
const GUJARAT: usize = 1;
const PUNJAB: usize = 2;
const HINDI_BELT: usize = 3;
const RAJASTHAN: usize = 4;
const BIHAR: usize = 5;
const BENGAL: usize = 6;
const ODISHA: usize = 7;
const ASSAM: usize = 8;
const TAMIL_NADU: usize = 9;
const KARNATAKA: usize = 10;
const TELUGU_STATES: usize = 11;
const KERALA: usize = 12;
const GOA: usize = 13;

static CULTURES: [Culture; 14] = [
    Culture {
        homeland: "Maharashtra",
        mother_tongue: "marathi",
        speaks_hindi: 920,
        female_names: &[
            "Aditi", "Gauri", "Sayali", "Mrunal", "Ketaki", "Rutuja", "Madhura", "Shruti",
            "Sonali", "Ashwini", "Prajakta", "Manasi",
        ],
        male_names: &[
            "Aniket",
            "Siddharth",
            "Omkar",
            "Sagar",
            "Tejas",
            "Ajinkya",
            "Rohan",
            "Swapnil",
            "Prasad",
            "Mandar",
            "Shreyas",
            "Amol",
        ],
        surnames: &[
            "Deshpande",
            "Kulkarni",
            "Joshi",
            "Patil",
            "Jadhav",
            "Pawar",
            "Gokhale",
            "Sawant",
            "Shinde",
            "Deshmukh",
            "Bhosale",
            "Apte",
        ],
        skills: &[("lavani", 50), ("nukkad natak", 20), ("theatre", 60)],
        migrant_weight: 10,
    },
    Culture {
        homeland: "Gujarat",
        mother_tongue: "gujarati",
        speaks_hindi: 880,
        female_names: &[
            "Hetal", "Krupa", "Dhara", "Khushi", "Riddhi", "Janvi", "Foram", "Nidhi", "Bhavna",
            "Mansi",
        ],
        male_names: &[
            "Hardik", "Parth", "Jignesh", "Chirag", "Dhaval", "Kunal", "Harsh", "Nirav", "Ketan",
            "Yash",
        ],
        surnames: &[
            "Patel", "Shah", "Mehta", "Desai", "Trivedi", "Parikh", "Modi", "Vyas", "Thakkar",
            "Pandya",
        ],
        skills: &[("garba", 350)],
        migrant_weight: 10,
    },
    Culture {
        homeland: "Punjab",
        mother_tongue: "punjabi",
        speaks_hindi: 920,
        female_names: &[
            "Simran", "Harleen", "Jasleen", "Navneet", "Gurleen", "Manpreet", "Amrit", "Rupinder",
            "Sukhmani", "Kiran",
        ],
        male_names: &[
            "Harpreet",
            "Gurpreet",
            "Jaskaran",
            "Manjot",
            "Karan",
            "Rajveer",
            "Sukhwinder",
            "Amandeep",
            "Tejinder",
            "Arjun",
        ],
        surnames: &[
            "Gill",
            "Sandhu",
            "Dhillon",
            "Grewal",
            "Sidhu",
            "Bajwa",
            "Ahluwalia",
            "Bedi",
            "Malhotra",
            "Kapoor",
            "Khanna",
        ],
        skills: &[
            ("bhangra", 300),
            ("giddha", 60),
            ("gatka", 40),
            ("dhol", 40),
        ],
        migrant_weight: 12,
    },
    Culture {
        homeland: "Uttar Pradesh",
        mother_tongue: "hindi",
        speaks_hindi: 1000,
        female_names: &[
            "Ananya", "Priya", "Neha", "Shweta", "Kavya", "Ritika", "Pallavi", "Anjali", "Sakshi",
            "Divya", "Megha", "Swati", "Tanvi",
        ],
        male_names: &[
            "Aarav", "Rahul", "Vikram", "Amit", "Rohit", "Saurabh", "Ankit", "Varun", "Abhishek",
            "Gaurav", "Nitin", "Aditya", "Manish",
        ],
        surnames: &[
            "Sharma",
            "Verma",
            "Gupta",
            "Srivastava",
            "Mishra",
            "Tiwari",
            "Pandey",
            "Yadav",
            "Chauhan",
            "Saxena",
            "Agarwal",
            "Tripathi",
            "Dubey",
        ],
        skills: &[
            ("kathak", 40),
            ("hindustani classical", 40),
            ("wrestling", 15),
        ],
        migrant_weight: 30,
    },
    Culture {
        homeland: "Rajasthan",
        mother_tongue: "rajasthani",
        speaks_hindi: 980,
        female_names: &[
            "Kavita", "Mamta", "Bhavana", "Komal", "Padmini", "Charu", "Gayatri", "Ishita",
        ],
        male_names: &[
            "Mahendra", "Ranveer", "Devendra", "Surendra", "Pratap", "Bhanu", "Yuvraj", "Lokesh",
        ],
        surnames: &[
            "Rathore",
            "Shekhawat",
            "Rajput",
            "Jain",
            "Mathur",
            "Bhati",
            "Solanki",
            "Purohit",
        ],
        skills: &[("ghoomar", 150), ("horse riding", 60)],
        migrant_weight: 7,
    },
    Culture {
        homeland: "Bihar",
        mother_tongue: "hindi",
        speaks_hindi: 1000,
        female_names: &[
            "Ragini", "Sneha", "Nandini", "Archana", "Shalini", "Puja", "Richa", "Smita",
        ],
        male_names: &[
            "Ravi", "Pankaj", "Manoj", "Abhay", "Sanjay", "Prashant", "Vinit", "Kumud",
        ],
        surnames: &[
            "Jha",
            "Sinha",
            "Prasad",
            "Thakur",
            "Choudhary",
            "Kumar",
            "Ojha",
            "Pathak",
        ],
        skills: &[("nukkad natak", 30)],
        migrant_weight: 10,
    },
    Culture {
        homeland: "Bengal",
        mother_tongue: "bengali",
        speaks_hindi: 650,
        female_names: &[
            "Moumita",
            "Riya",
            "Sreya",
            "Paromita",
            "Ishani",
            "Debjani",
            "Rituparna",
            "Sohini",
            "Tanushree",
            "Swastika",
        ],
        male_names: &[
            "Arnab",
            "Sourav",
            "Debashish",
            "Arijit",
            "Anirban",
            "Subhajit",
            "Sayan",
            "Abir",
            "Parambrata",
            "Jisshu",
        ],
        surnames: &[
            "Banerjee",
            "Chatterjee",
            "Mukherjee",
            "Ganguly",
            "Bose",
            "Sen",
            "Dutta",
            "Ghosh",
            "Das",
            "Roy",
            "Chakraborty",
            "Majumdar",
        ],
        skills: &[("rabindra sangeet", 180), ("chhau", 10), ("theatre", 60)],
        migrant_weight: 8,
    },
    Culture {
        homeland: "Odisha",
        mother_tongue: "odia",
        speaks_hindi: 650,
        female_names: &[
            "Subhashree",
            "Lipsa",
            "Sasmita",
            "Pragyan",
            "Elina",
            "Archita",
        ],
        male_names: &[
            "Debasis",
            "Sambit",
            "Soumya",
            "Biswajit",
            "Anubhav",
            "Sabyasachi",
        ],
        surnames: &[
            "Mohanty", "Patnaik", "Behera", "Sahoo", "Panda", "Nayak", "Mishra",
        ],
        skills: &[("odissi", 150), ("chhau", 30)],
        migrant_weight: 3,
    },
    Culture {
        homeland: "Assam",
        mother_tongue: "assamese",
        speaks_hindi: 650,
        female_names: &[
            "Nilakshi",
            "Jonali",
            "Pallabi",
            "Barnali",
            "Priyanka",
            "Gitanjali",
        ],
        male_names: &["Bhaskar", "Pranjal", "Jitul", "Dhruba", "Angshuman", "Adil"],
        surnames: &["Baruah", "Gogoi", "Bora", "Saikia", "Hazarika", "Kalita"],
        skills: &[("bihu", 250)],
        migrant_weight: 3,
    },
    Culture {
        homeland: "Tamil Nadu",
        mother_tongue: "tamil",
        speaks_hindi: 300,
        female_names: &[
            "Lakshmi",
            "Keerthana",
            "Aishwarya",
            "Meena",
            "Nithya",
            "Revathi",
            "Sangeetha",
            "Vidya",
            "Janani",
            "Kavitha",
        ],
        male_names: &[
            "Karthik", "Arun", "Vijay", "Surya", "Dinesh", "Senthil", "Vignesh", "Harish",
            "Ramesh", "Sathish",
        ],
        surnames: &[
            "Iyer",
            "Iyengar",
            "Subramanian",
            "Krishnan",
            "Natarajan",
            "Raman",
            "Sundaram",
            "Venkatesan",
            "Murugan",
            "Rajan",
        ],
        skills: &[
            ("bharatanatyam", 150),
            ("carnatic classical", 120),
            ("silambam", 25),
            ("veena", 20),
            ("mridangam", 20),
        ],
        migrant_weight: 6,
    },
    Culture {
        homeland: "Karnataka",
        mother_tongue: "kannada",
        speaks_hindi: 500,
        female_names: &[
            "Shwetha", "Rashmi", "Sahana", "Spoorthi", "Deepa", "Bhavya", "Chaitra", "Ramya",
        ],
        male_names: &[
            "Darshan",
            "Puneeth",
            "Kiran",
            "Sudeep",
            "Rakshit",
            "Chethan",
            "Manjunath",
            "Prajwal",
        ],
        surnames: &[
            "Gowda", "Shetty", "Hegde", "Kamath", "Bhat", "Shenoy", "Rao", "Acharya",
        ],
        skills: &[("bharatanatyam", 80), ("carnatic classical", 60)],
        migrant_weight: 5,
    },
    Culture {
        homeland: "Andhra Pradesh",
        mother_tongue: "telugu",
        speaks_hindi: 550,
        female_names: &[
            "Sravani", "Lavanya", "Harika", "Sindhu", "Keerthi", "Swathi", "Mounika", "Sirisha",
        ],
        male_names: &[
            "Venkatesh",
            "Srikanth",
            "Naveen",
            "Rajesh",
            "Sai",
            "Praveen",
            "Chaitanya",
            "Mahesh",
        ],
        surnames: &[
            "Reddy",
            "Naidu",
            "Chowdary",
            "Varma",
            "Raju",
            "Goud",
            "Sastry",
            "Kondapalli",
        ],
        skills: &[("kuchipudi", 100), ("carnatic classical", 50)],
        migrant_weight: 5,
    },
    Culture {
        homeland: "Kerala",
        mother_tongue: "malayalam",
        speaks_hindi: 400,
        female_names: &[
            "Aswathy", "Nimisha", "Parvathy", "Meera", "Nayana", "Reshma", "Gopika", "Anupama",
        ],
        male_names: &[
            "Vishnu", "Abhijith", "Nivin", "Sreenath", "Jithin", "Akhil", "Tovino", "Sreejith",
        ],
        surnames: &[
            "Nair", "Menon", "Pillai", "Kurup", "Varghese", "Thomas", "Joseph", "Panicker",
            "Warrier",
        ],
        skills: &[
            ("kalaripayattu", 60),
            ("mohiniyattam", 50),
            ("kathakali", 25),
            ("carnatic classical", 60),
        ],
        migrant_weight: 5,
    },
    Culture {
        homeland: "Goa",
        mother_tongue: "konkani",
        speaks_hindi: 750,
        female_names: &["Maria", "Sheryl", "Leona", "Anisha", "Sonia", "Tanya"],
        male_names: &["Joel", "Savio", "Clinton", "Agnelo", "Aaron", "Wilson"],
        surnames: &[
            "Fernandes",
            "D'Souza",
            "Pereira",
            "Rodrigues",
            "Naik",
            "Kamat",
            "Gaonkar",
            "Dias",
        ],
        skills: &[("guitar", 80), ("surfing", 40), ("swimming", 150)],
        migrant_weight: 2,
    },
];

/// Muslim families live in every region; their names come from this pool and many speak Urdu.
static MUSLIM_FEMALE: &[&str] = &[
    "Ayesha", "Zoya", "Sana", "Fatima", "Mehreen", "Nazia", "Rukhsar", "Saba", "Heena", "Farah",
];
static MUSLIM_MALE: &[&str] = &[
    "Imran", "Faisal", "Arif", "Zeeshan", "Salman", "Aamir", "Irfan", "Sameer", "Danish", "Tabrez",
];
static MUSLIM_SURNAMES: &[&str] = &[
    "Khan", "Qureshi", "Shaikh", "Ansari", "Siddiqui", "Sayyed", "Mirza", "Pathan", "Hussain",
    "Rizvi",
];

macro_rules! city {
    ($name:literal, $display:literal, $weight:literal, $culture:expr, $local:expr, $metro:literal) => {
        City {
            name: $name,
            display: $display,
            weight: $weight,
            culture: $culture,
            local_language: $local,
            is_metro: $metro,
        }
    };
}

/// Weighted so Mumbai holds about a third of the roster, as the industry does.
static CITIES: &[City] = &[
    city!("mumbai", "Mumbai", 350, MAHARASHTRA, None, true),
    city!("delhi", "Delhi", 115, HINDI_BELT, Some("punjabi"), true),
    city!("bengaluru", "Bengaluru", 65, KARNATAKA, None, true),
    city!("kolkata", "Kolkata", 55, BENGAL, None, true),
    city!("chennai", "Chennai", 50, TAMIL_NADU, None, true),
    city!(
        "hyderabad",
        "Hyderabad",
        50,
        TELUGU_STATES,
        Some("urdu"),
        true
    ),
    city!("pune", "Pune", 40, MAHARASHTRA, None, true),
    city!("ahmedabad", "Ahmedabad", 28, GUJARAT, None, false),
    city!("jaipur", "Jaipur", 18, RAJASTHAN, None, false),
    city!("lucknow", "Lucknow", 16, HINDI_BELT, Some("awadhi"), false),
    city!("chandigarh", "Chandigarh", 14, PUNJAB, None, false),
    city!("kochi", "Kochi", 14, KERALA, None, false),
    city!(
        "gurugram",
        "Gurugram",
        12,
        HINDI_BELT,
        Some("haryanvi"),
        false
    ),
    city!("noida", "Noida", 10, HINDI_BELT, None, false),
    city!("indore", "Indore", 10, HINDI_BELT, None, false),
    city!("bhopal", "Bhopal", 8, HINDI_BELT, Some("urdu"), false),
    city!("goa", "Goa", 10, GOA, None, false),
    city!("guwahati", "Guwahati", 10, ASSAM, None, false),
    city!("patna", "Patna", 10, BIHAR, Some("bhojpuri"), false),
    city!("nagpur", "Nagpur", 8, MAHARASHTRA, None, false),
    city!("surat", "Surat", 8, GUJARAT, None, false),
    city!("bhubaneswar", "Bhubaneswar", 8, ODISHA, None, false),
    city!("amritsar", "Amritsar", 8, PUNJAB, None, false),
    city!(
        "thiruvananthapuram",
        "Thiruvananthapuram",
        7,
        KERALA,
        None,
        false
    ),
    city!("coimbatore", "Coimbatore", 7, TAMIL_NADU, None, false),
    city!(
        "visakhapatnam",
        "Visakhapatnam",
        7,
        TELUGU_STATES,
        None,
        false
    ),
    city!("vadodara", "Vadodara", 6, GUJARAT, None, false),
    city!("ludhiana", "Ludhiana", 6, PUNJAB, None, false),
    city!(
        "varanasi",
        "Varanasi",
        6,
        HINDI_BELT,
        Some("bhojpuri"),
        false
    ),
    city!("kanpur", "Kanpur", 5, HINDI_BELT, None, false),
    city!("ranchi", "Ranchi", 5, BIHAR, Some("santali"), false),
    city!("mysuru", "Mysuru", 5, KARNATAKA, None, false),
    city!("mangaluru", "Mangaluru", 5, KARNATAKA, Some("tulu"), false),
    city!(
        "dehradun",
        "Dehradun",
        5,
        HINDI_BELT,
        Some("garhwali"),
        false
    ),
    city!("nashik", "Nashik", 5, MAHARASHTRA, None, false),
    city!("madurai", "Madurai", 4, TAMIL_NADU, None, false),
    city!("vijayawada", "Vijayawada", 4, TELUGU_STATES, None, false),
    city!("rohtak", "Rohtak", 4, HINDI_BELT, Some("haryanvi"), false),
    city!("jodhpur", "Jodhpur", 4, RAJASTHAN, None, false),
    city!("udaipur", "Udaipur", 4, RAJASTHAN, None, false),
    city!("shillong", "Shillong", 3, ASSAM, Some("khasi"), false),
];

/// A skill's national rate per mille and the youngest age it is listed at.
struct SkillRate {
    name: &'static str,
    per_mille: u32,
    min_age: u32,
}

macro_rules! rate {
    ($name:literal, $per_mille:literal) => {
        rate!($name, $per_mille, 0)
    };
    ($name:literal, $per_mille:literal, $min_age:literal) => {
        SkillRate {
            name: $name,
            per_mille: $per_mille,
            min_age: $min_age,
        }
    };
}

/// National rates: common screen skills often, rare martial arts seldom.
static SKILL_RATES: &[SkillRate] = &[
    rate!("car driving", 300, 18),
    rate!("bollywood dance", 240),
    rate!("singing", 220),
    rate!("swimming", 200),
    rate!("theatre", 160, 8),
    rate!("yoga", 120),
    rate!("motorcycle riding", 120, 18),
    rate!("cricket", 70),
    rate!("contemporary dance", 60),
    rate!("guitar", 60),
    rate!("hip hop", 50),
    rate!("modelling", 50, 14),
    rate!("horse riding", 50, 10),
    rate!("kathak", 45),
    rate!("football", 40),
    rate!("badminton", 40),
    rate!("cycling", 40),
    rate!("karate", 40),
    rate!("voice-over", 40, 14),
    rate!("hindustani classical", 35),
    rate!("bharatanatyam", 30),
    rate!("anchoring", 30, 16),
    rate!("piano", 25),
    rate!("boxing", 25, 12),
    rate!("gymnastics", 25),
    rate!("mimicry", 25),
    rate!("taekwondo", 20),
    rate!("kickboxing", 20, 14),
    rate!("tabla", 20),
    rate!("salsa", 20, 14),
    rate!("stunts", 20, 18),
    rate!("stand-up comedy", 20, 16),
    rate!("improv", 20, 12),
    rate!("nukkad natak", 15, 14),
    rate!("harmonium", 15),
    rate!("mma", 15, 16),
    rate!("rap", 15, 12),
    rate!("drums", 15),
    rate!("skating", 15),
    rate!("flute", 10),
    rate!("violin", 10),
    rate!("wrestling", 10, 12),
    rate!("parkour", 8, 14),
    rate!("fencing", 6, 12),
    rate!("archery", 5),
    rate!("kalaripayattu", 4, 8),
    rate!("gatka", 3, 8),
    rate!("magic", 3),
];

/// Regional folk forms danced mostly by women; regional rates come from `Culture::skills`.
const WOMENS_FORMS: [&str; 4] = ["lavani", "giddha", "ghoomar", "mohiniyattam"];

/// Skills handed to someone whose draws came up empty: everybody lists something.
const FALLBACK_SKILLS: [&str; 5] = ["singing", "bollywood dance", "swimming", "theatre", "yoga"];

const FOREIGN_LANGUAGES: [&str; 6] = [
    "french", "spanish", "german", "arabic", "japanese", "korean",
];

const TITLE_NOUNS: &[&str] = &[
    "Dhoop", "Safar", "Mitti", "Kahani", "Raat", "Sapna", "Udaan", "Chaand", "Baarish", "Dastak",
    "Aangan", "Parchhai", "Khel", "Zameen", "Aasmaan", "Rishta", "Junoon", "Ehsaas", "Sangam",
    "Toofan", "Kinara", "Musafir", "Roshni", "Saaya", "Dhadkan", "Virasat", "Sarhad", "Basera",
    "Khwaab", "Dariya", "Jugnu",
];
const TITLE_ADJECTIVES: &[&str] = &[
    "Aakhri", "Pehli", "Ek", "Meri", "Laal", "Khamosh", "Adhoori", "Sunehri", "Anokhi", "Nayi",
    "Purani", "Chhoti",
];
const AD_BRANDS: &[&str] = &[
    "Surya", "Kiran", "Ujala", "Sona", "Nirmal", "Vayu", "Amrit", "Tara", "Chetak", "Moti",
];
const AD_PRODUCTS: &[&str] = &[
    "Chai",
    "Masala",
    "Scooter",
    "Shampoo",
    "Biscuits",
    "Paints",
    "Mobile",
    "Cement",
    "Soap",
    "Insurance",
    "Atta",
];

const TRAINING_SCHOOLS: &[&str] = &[
    "the National School of Drama",
    "FTII Pune",
    "Whistling Woods",
    "a Prithvi Theatre workshop",
    "Barry John's acting studio",
    "a local theatre group",
    "Anupam Kher's Actor Prepares",
    "Kishore Namit Kapoor's institute",
];

// ---------------------------------------------------------------------------------------------
// Generation

struct Generator {
    rng: Pcg64Mcg,
}

/// Who a talent is before the details: where they live and where they come from.
struct Background {
    city: &'static City,
    origin: &'static Culture,
    is_muslim: bool,
}

impl Generator {
    fn talent(&mut self, number: usize) -> (Talent, Option<&'static str>) {
        let gender = self.gender();
        let age = self.age();
        let background = self.background();
        let languages = self.languages(&background, age);
        let skills = self.skills(background.origin, gender, age);
        let experience_years = self.experience(age);
        let credits = self.credits(experience_years, skills.iter().any(|s| s == "theatre"));
        let mut talent = Talent::new(
            format!("T{number:06}"),
            self.name(&background, gender),
            gender,
            age,
            self.height(gender, age),
            background.city.name,
            languages,
            skills,
        );
        talent.experience_years = experience_years;
        talent.credits = credits;
        let persona = self.persona(gender, age);
        talent.bio = self.bio(&background, &talent, persona);
        talent.look = self.look(persona, gender, age);
        (talent, persona.map(|p| p.name))
    }

    // -- small draws ------------------------------------------------------------------------

    /// Uniform in `low..=high`.
    fn between(&mut self, low: u32, high: u32) -> u32 {
        self.rng.random_range(low..=high)
    }

    fn chance(&mut self, per_mille: u32) -> bool {
        self.rng.random_range(0..1000) < per_mille
    }

    fn one_of<T: Copy>(&mut self, items: &[T]) -> T {
        // Index through u32 so 32-bit (wasm) and 64-bit targets draw the same numbers.
        items[self.rng.random_range(0..items.len() as u32) as usize]
    }

    fn weighted<'a, T>(&mut self, items: &'a [T], weight: impl Fn(&T) -> u32) -> &'a T {
        let total: u32 = items.iter().map(&weight).sum();
        let mut ticket = self.rng.random_range(0..total);
        for item in items {
            let w = weight(item);
            if ticket < w {
                return item;
            }
            ticket -= w;
        }
        &items[items.len() - 1]
    }

    // -- who --------------------------------------------------------------------------------

    fn gender(&mut self) -> Gender {
        match self.rng.random_range(0..1000) {
            0..490 => Gender::Female,
            490..985 => Gender::Male,
            _ => Gender::Nonbinary,
        }
    }

    /// Mostly 20-45 with a peak near 32; children, teens and seniors all present.
    fn age(&mut self) -> u32 {
        match self.rng.random_range(0..1000) {
            0..70 => self.between(5, 12),
            70..140 => self.between(13, 19),
            140..760 => 20 + self.between(0, 13) + self.between(0, 12),
            760..920 => self.between(46, 60),
            _ => 61 + self.between(0, 12) + self.between(0, 12),
        }
    }

    fn background(&mut self) -> Background {
        let city = self.weighted(CITIES, |c| c.weight);
        // Metros draw people from every region; elsewhere most talent is local.
        let moved_in = city.is_metro && self.chance(400);
        let origin = if moved_in {
            self.weighted(&CULTURES, |c| c.migrant_weight)
        } else {
            &CULTURES[city.culture]
        };
        Background {
            city,
            origin,
            is_muslim: self.chance(120),
        }
    }

    fn name(&mut self, background: &Background, gender: Gender) -> String {
        let as_woman = match gender {
            Gender::Female => true,
            Gender::Male => false,
            Gender::Nonbinary => self.chance(500),
        };
        let (first, last) = if background.is_muslim {
            let first = if as_woman {
                self.one_of(MUSLIM_FEMALE)
            } else {
                self.one_of(MUSLIM_MALE)
            };
            (first, self.one_of(MUSLIM_SURNAMES))
        } else {
            let culture = background.origin;
            let first = if as_woman {
                self.one_of(culture.female_names)
            } else {
                self.one_of(culture.male_names)
            };
            (first, self.one_of(culture.surnames))
        };
        let mut name = String::with_capacity(first.len() + 1 + last.len());
        name.push_str(first);
        name.push(' ');
        name.push_str(last);
        name
    }

    /// Adult height by gender, scaled down for children and a little for the old.
    fn height(&mut self, gender: Gender, age: u32) -> u32 {
        // Sums of three uniforms: bell-shaped, bounded, integer-only (so portable).
        let adult = match gender {
            Gender::Female => 152 + self.between(0, 6) + self.between(0, 6) + self.between(0, 6),
            Gender::Male => 163 + self.between(0, 8) + self.between(0, 8) + self.between(0, 8),
            Gender::Nonbinary => 156 + self.between(0, 7) + self.between(0, 7) + self.between(0, 7),
        };
        let grown = adult * growth_percent(gender, age) / 100;
        grown - age.saturating_sub(60) / 8
    }

    // -- languages and skills ---------------------------------------------------------------

    fn languages(&mut self, background: &Background, age: u32) -> Vec<String> {
        let mut names: Vec<&'static str> = Vec::with_capacity(5);
        let origin = background.origin;
        let local = &CULTURES[background.city.culture];
        names.push(origin.mother_tongue);
        // Hindi is the film industry's language: near universal in the Hindi-speaking west and north.
        let hindi_rate = if local.speaks_hindi >= 900 {
            970
        } else {
            origin.speaks_hindi
        };
        if self.chance(hindi_rate) {
            names.push("hindi");
        }
        if self.chance(if age < 13 { 450 } else { 680 }) {
            names.push("english");
        }
        if !std::ptr::eq(local, origin) && self.chance(600) {
            names.push(local.mother_tongue);
        }
        if let Some(language) = background.city.local_language {
            if self.chance(250) {
                names.push(language);
            }
        }
        if background.is_muslim && self.chance(650) {
            names.push("urdu");
        }
        if self.chance(30) {
            names.push(self.one_of(&FOREIGN_LANGUAGES));
        }
        dedupe_to_strings(names)
    }

    fn skills(&mut self, origin: &Culture, gender: Gender, age: u32) -> Vec<String> {
        let mut names: Vec<&'static str> = Vec::with_capacity(8);
        for rate in SKILL_RATES {
            if age >= rate.min_age && self.chance(rate.per_mille) {
                names.push(rate.name);
            }
        }
        for &(name, per_mille) in origin.skills {
            let allowed = gender == Gender::Female || !WOMENS_FORMS.contains(&name);
            if allowed && self.chance(per_mille) {
                names.push(name);
            }
        }
        if names.is_empty() {
            names.push(self.one_of(&FALLBACK_SKILLS));
        }
        dedupe_to_strings(names)
    }

    // -- career -----------------------------------------------------------------------------

    /// Years working, from an age at which the career started that fits the person's age.
    fn experience(&mut self, age: u32) -> u32 {
        let started_at = match self.rng.random_range(0..100) {
            _ if age < 13 => self.between(4, age),
            0..20 => self.between(6, 16),
            20..90 => self.between(17, 26),
            _ => self.between(27, 50),
        };
        age.saturating_sub(started_at)
    }

    fn credits(&mut self, experience_years: u32, is_theatre_trained: bool) -> Vec<Credit> {
        let most = (1 + experience_years / 2).min(8);
        // Newcomers may have one ad or bit part; anyone working three years or more has credits.
        let count = match experience_years {
            0 => u32::from(self.chance(200)),
            1..=2 => self.between(0, most),
            _ => self.between(1, most),
        };
        let first_year = REFERENCE_YEAR - experience_years;
        let mut credits: Vec<Credit> = (0..count)
            .map(|_| {
                let year = self.between(first_year, REFERENCE_YEAR);
                let kind = self.credit_kind(year, is_theatre_trained);
                let title = self.title(kind);
                // REFERENCE_YEAR bounds the year, so it fits u16.
                Credit {
                    kind,
                    title,
                    year: year as u16,
                }
            })
            .collect();
        credits.sort_by_key(|c| std::cmp::Reverse(c.year));
        credits
    }

    /// A medium that existed that year: no web series before 2015, no TV serials before 1984.
    fn credit_kind(&mut self, year: u32, is_theatre_trained: bool) -> CreditKind {
        let theatre_weight = if is_theatre_trained { 45 } else { 10 };
        let tv_weight = if year >= 1984 { 25 } else { 0 };
        let ott_weight = if year >= 2015 { 20 } else { 0 };
        let kinds = [
            (CreditKind::Film, 20),
            (CreditKind::Tv, tv_weight),
            (CreditKind::Ott, ott_weight),
            (CreditKind::Ad, 20),
            (CreditKind::Theatre, theatre_weight),
        ];
        self.weighted(&kinds, |k| k.1).0
    }

    /// A plausible Hindi title ("Baarish Ki Raat", "Adhoori Dastak"), or a brand for an ad.
    fn title(&mut self, kind: CreditKind) -> String {
        if kind == CreditKind::Ad {
            return join_words(&[self.one_of(AD_BRANDS), self.one_of(AD_PRODUCTS)]);
        }
        match self.rng.random_range(0..100) {
            0..40 => self.one_of(TITLE_NOUNS).to_string(),
            40..65 => join_words(&[self.one_of(TITLE_ADJECTIVES), self.one_of(TITLE_NOUNS)]),
            65..90 => join_words(&[self.one_of(TITLE_NOUNS), "Ki", self.one_of(TITLE_NOUNS)]),
            _ => join_words(&[
                self.one_of(TITLE_NOUNS),
                self.one_of(&["2", "3", "Returns"]),
            ]),
        }
    }

    // -- bio --------------------------------------------------------------------------------

    /// Two or three sentences: standing, craft, where from and training; who the person is
    /// (the persona's sentence, when there is one), sometimes first; and agency copy or the
    /// best-known credit.
    fn bio(
        &mut self,
        background: &Background,
        talent: &Talent,
        persona: Option<&persona::Persona>,
    ) -> String {
        let mut opening = String::with_capacity(120);
        opening.push_str(self.standing(talent.age, talent.experience_years));
        opening.push(' ');
        opening.push_str(self.craft(talent.gender, &talent.skills));
        let city = background.city;
        if !std::ptr::eq(background.origin, &CULTURES[city.culture]) {
            opening.push_str(" from ");
            opening.push_str(background.origin.homeland);
            opening.push_str(", now based in ");
        } else {
            opening.push_str(self.one_of(&[" from ", " based in ", " working out of "]));
        }
        opening.push_str(city.display);
        self.push_training(&mut opening, &talent.skills);
        opening.push('.');
        let mut sentences = vec![opening];
        if let Some(p) = persona {
            let home = if self.chance(500) {
                city.display
            } else {
                background.origin.homeland
            };
            let says = self.persona_sentence(p, talent, home);
            let at = if self.chance(300) { 0 } else { 1 };
            sentences.insert(at, says);
        }
        // Ads are the least memorable credit: name one only when there is nothing else.
        let notable = talent.credits.iter().find(|c| c.kind != CreditKind::Ad);
        match notable.or(talent.credits.first()) {
            Some(best) if self.chance(600) => {
                let lead =
                    self.one_of(&["Known for the ", "Recently seen in the ", "Seen in the "]);
                sentences.push(format!("{lead}{} {}.", credit_noun(best.kind), best.title));
            }
            _ if self.chance(700) => sentences.push(self.neutral_sentence().to_string()),
            _ => {}
        }
        sentences.join(" ")
    }

    fn standing(&mut self, age: u32, experience_years: u32) -> &'static str {
        match experience_years {
            _ if age < 13 => self.one_of(&["Young", "Bright young", "Talented young"]),
            0 => self.one_of(&["Fresh", "Aspiring", "Newly signed"]),
            1..=5 => self.one_of(&["Emerging", "Up-and-coming", "Promising"]),
            6..=15 => self.one_of(&["Versatile", "Dependable", "Experienced"]),
            _ => self.one_of(&["Seasoned", "Veteran", "Much-loved"]),
        }
    }

    fn craft(&mut self, gender: Gender, skills: &[String]) -> &'static str {
        let dances = skills.iter().any(|s| is_dance(s));
        let has = |name: &str| skills.iter().any(|s| s == name);
        match self.rng.random_range(0..10) {
            0..3 if dances => "dancer-actor",
            0..3 if has("singing") => "singer-actor",
            0..3 if has("stand-up comedy") => "comic performer",
            _ if gender == Gender::Female => self.one_of(&["actress", "performer", "screen actor"]),
            _ => self.one_of(&["actor", "performer", "character artist"]),
        }
    }

    fn push_training(&mut self, bio: &mut String, skills: &[String]) {
        if skills.iter().any(|s| s == "theatre") && self.chance(600) {
            bio.push_str(", trained at ");
            bio.push_str(self.one_of(TRAINING_SCHOOLS));
        } else if self.chance(500) {
            bio.push_str(self.one_of(&[
                ", trained in ",
                ", skilled in ",
                ", with a background in ",
            ]));
            bio.push_str(&skills[self.rng.random_range(0..skills.len() as u32) as usize]);
        }
    }
}

/// Percent of adult height reached at an age; girls mature a little earlier than boys.
fn growth_percent(gender: Gender, age: u32) -> u32 {
    const BOYS: [u32; 13] = [66, 69, 72, 75, 78, 81, 84, 87, 90, 93, 96, 98, 99];
    const GIRLS: [u32; 13] = [66, 69, 72, 75, 78, 82, 86, 90, 94, 97, 99, 100, 100];
    let table = if gender == Gender::Female {
        &GIRLS
    } else {
        &BOYS
    };
    match age {
        0..5 => table[0],
        5..18 => table[(age - 5) as usize],
        _ => 100,
    }
}

/// Whether a canonical skill is a dance form. Matches names exactly: `vocab::skill` would
/// normalise (allocate) for every lookup, which showed up in the 100k-talent benchmark.
fn is_dance(skill: &str) -> bool {
    crate::vocab::SKILLS
        .iter()
        .any(|e| e.name == skill && e.family.is_dance())
}

fn credit_noun(kind: CreditKind) -> &'static str {
    match kind {
        CreditKind::Film => "film",
        CreditKind::Tv => "TV serial",
        CreditKind::Ott => "web series",
        CreditKind::Ad => "ad campaign for",
        CreditKind::Theatre => "play",
    }
}

fn join_words(words: &[&str]) -> String {
    words.join(" ")
}

fn dedupe_to_strings(names: Vec<&'static str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        if !out.iter().any(|o| o == name) {
            out.push(name.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_value_is_canonical_vocabulary() {
        for city in CITIES {
            assert_eq!(
                crate::vocab::city(city.name).map(|e| e.name),
                Some(city.name)
            );
            assert_eq!(city.display.to_lowercase(), city.name);
        }
        let languages = CULTURES
            .iter()
            .map(|c| c.mother_tongue)
            .chain(CITIES.iter().filter_map(|c| c.local_language))
            .chain(FOREIGN_LANGUAGES);
        for language in languages {
            assert_eq!(
                crate::vocab::language(language).map(|e| e.name),
                Some(language)
            );
        }
        let skills = SKILL_RATES
            .iter()
            .map(|r| r.name)
            .chain(CULTURES.iter().flat_map(|c| c.skills.iter().map(|s| s.0)))
            .chain(WOMENS_FORMS)
            .chain(FALLBACK_SKILLS);
        for skill in skills {
            assert_eq!(crate::vocab::skill(skill).map(|e| e.name), Some(skill));
        }
    }

    #[test]
    fn children_are_shorter_than_adults() {
        assert!(growth_percent(Gender::Male, 5) < growth_percent(Gender::Male, 12));
        assert_eq!(growth_percent(Gender::Female, 30), 100);
    }

    #[test]
    fn bios_say_who_people_are_in_varied_words() {
        let talents = synthetic_labelled(2_000, 11);
        let typed = talents.iter().filter(|(_, p)| p.is_some()).count();
        assert!(
            (700..1_100).contains(&typed),
            "{typed} of 2000 have a persona"
        );
        let bios: std::collections::HashSet<&str> =
            talents.iter().map(|(t, _)| t.bio.as_str()).collect();
        assert!(bios.len() > 1_990, "bios repeat: {} distinct", bios.len());
        for (t, persona) in &talents {
            assert!((2..=3).contains(&t.look.len()), "{}: {:?}", t.id, t.look);
            assert!(t.bio.ends_with('.') && !t.bio.contains('{'), "{}", t.bio);
            if t.age < 13 {
                assert_eq!(*persona, None);
            }
            if t.age < 18 {
                assert!(!t.look.iter().any(|l| l.contains("beard")), "{}", t.id);
            }
        }
        if std::env::var_os("SHOW_BIOS").is_some() {
            for (t, p) in talents.iter().take(30) {
                println!(
                    "{} {} {:?} {:?}\n  {}\n  look: {:?}",
                    t.id, t.age, t.gender, p, t.bio, t.look
                );
            }
        }
    }

    #[test]
    fn ids_count_from_one() {
        let talents = synthetic(3, 1);
        assert_eq!(
            talents.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
            ["T000001", "T000002", "T000003"]
        );
    }
}
