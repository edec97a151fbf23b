//! The fixed vector layout of a talent and of a requirement set, with soft encodings so that
//! near ages, related skills and nearby regions land near each other (see [`LAYOUT`]).
//!
//! Both vectors live in the same space and are L2-normalised, so cosine similarity is a dot
//! product. A requirement leaves the blocks it says nothing about at zero: they do not count.

use ndarray::Array1;

use crate::requirements::Requirements;
use crate::roster::{CreditKind, Gender, Talent};
use crate::vocab::{self, Region, SkillFamily};

/// Length of every feature vector.
pub const DIM: usize = 64;

/// One named block of the vector: where it starts, how wide it is, how much it weighs.
#[derive(Debug, Clone, Copy)]
pub struct Block {
    pub name: &'static str,
    pub start: usize,
    pub width: usize,
    pub weight: f32,
}

/// The layout, in order. Weights say how much each block moves similarity: the hard filter
/// already enforces requirements, so the vector ranks *within* the matches (age near the
/// middle of the range, related skills, the same region, similar career and bio).
pub const LAYOUT: [Block; 12] = [
    Block {
        name: "gender one-hot",
        start: 0,
        width: 3,
        weight: 1.0,
    },
    Block {
        name: "age, Gaussian bins",
        start: 3,
        width: 8,
        weight: 1.2,
    },
    Block {
        name: "height, Gaussian bins",
        start: 11,
        width: 4,
        weight: 0.6,
    },
    Block {
        name: "city region",
        start: 15,
        width: 7,
        weight: 0.6,
    },
    Block {
        name: "city, hashed",
        start: 22,
        width: 2,
        weight: 0.5,
    },
    Block {
        name: "language regions",
        start: 24,
        width: 7,
        weight: 0.6,
    },
    Block {
        name: "languages, hashed",
        start: 31,
        width: 4,
        weight: 0.5,
    },
    Block {
        name: "skill families",
        start: 35,
        width: 13,
        weight: 1.0,
    },
    Block {
        name: "skills, hashed",
        start: 48,
        width: 4,
        weight: 0.6,
    },
    Block {
        name: "credits by medium",
        start: 52,
        width: 5,
        weight: 0.5,
    },
    Block {
        name: "experience",
        start: 57,
        width: 1,
        weight: 0.4,
    },
    Block {
        name: "bio, hashed bag of words",
        start: 58,
        width: 6,
        weight: 0.4,
    },
];

const AGE_CENTRES: [f32; 8] = [8.0, 17.0, 25.0, 32.0, 40.0, 50.0, 62.0, 76.0];
const AGE_SIGMA: f32 = 5.0;
const HEIGHT_CENTRES: [f32; 4] = [140.0, 158.0, 170.0, 182.0];
const HEIGHT_SIGMA: f32 = 8.0;
/// Ages and heights a requirement's open end extends to, for encoding a range.
const AGE_LIMITS: (u32, u32) = (5, 85);
const HEIGHT_LIMITS: (u32, u32) = (100, 210);

fn block(name: &str) -> Block {
    *LAYOUT
        .iter()
        .find(|b| b.name == name)
        .expect("block names are constants")
}

/// The feature vector of a talent.
pub fn encode_talent(t: &Talent) -> Array1<f32> {
    let mut v = Array1::zeros(DIM);
    one_hot(&mut v, block("gender one-hot"), gender_slot(t.gender));
    // The age a role sees: the middle of the playing ages where the roster gives them.
    let (youngest, oldest) = t.playing_ages();
    gaussian_bins(
        &mut v,
        block("age, Gaussian bins"),
        &AGE_CENTRES,
        AGE_SIGMA,
        &[(youngest + oldest) as f32 / 2.0],
    );
    let heights = [t.height_cm as f32];
    gaussian_bins(
        &mut v,
        block("height, Gaussian bins"),
        &HEIGHT_CENTRES,
        HEIGHT_SIGMA,
        &heights,
    );
    encode_cities(&mut v, std::slice::from_ref(&t.city));
    encode_languages(&mut v, &t.languages);
    encode_skills(&mut v, t.skills.iter(), 1.0);
    encode_credits(&mut v, t);
    encode_bio(&mut v, &t.bio);
    finish(v)
}

/// The feature vector of what a role asks for: the ideal talent, with unknown blocks at zero.
pub fn encode_requirements(r: &Requirements) -> Array1<f32> {
    let mut v = Array1::zeros(DIM);
    if let Some(g) = r.gender {
        one_hot(&mut v, block("gender one-hot"), gender_slot(g));
    }
    if r.age_min.is_some() || r.age_max.is_some() {
        let ages = range_samples(r.age_min, r.age_max, AGE_LIMITS);
        gaussian_bins(
            &mut v,
            block("age, Gaussian bins"),
            &AGE_CENTRES,
            AGE_SIGMA,
            &ages,
        );
    }
    if r.height_min_cm.is_some() || r.height_max_cm.is_some() {
        let heights = range_samples(r.height_min_cm, r.height_max_cm, HEIGHT_LIMITS);
        let b = block("height, Gaussian bins");
        gaussian_bins(&mut v, b, &HEIGHT_CENTRES, HEIGHT_SIGMA, &heights);
    }
    let cities: Vec<String> = r.cities.iter().cloned().collect();
    encode_cities(&mut v, &cities);
    let languages: Vec<String> = r.languages.iter().cloned().collect();
    encode_languages(&mut v, &languages);
    encode_skills(&mut v, r.skills.iter(), 1.0);
    encode_skills(&mut v, r.preferred_skills.iter(), 0.5);
    finish(v)
}

/// Scale every block by its weight, then L2-normalise (a zero vector stays zero). On plain
/// slices: ndarray's slicing machinery cost the chat module more than this whole function.
fn finish(mut v: Array1<f32>) -> Array1<f32> {
    if let Some(values) = v.as_slice_mut() {
        for b in LAYOUT {
            if let Some(part) = values.get_mut(b.start..b.start + b.width) {
                normalise(part);
                part.iter_mut().for_each(|x| *x *= b.weight);
            }
        }
        normalise(values);
    }
    v
}

fn normalise(part: &mut [f32]) {
    let norm = part.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        part.iter_mut().for_each(|x| *x /= norm);
    }
}

fn gender_slot(g: Gender) -> usize {
    Gender::ALL.iter().position(|&x| x == g).unwrap_or(0)
}

fn one_hot(v: &mut Array1<f32>, b: Block, slot: usize) {
    v[b.start + slot.min(b.width - 1)] = 1.0;
}

/// Sum of Gaussian memberships of each value in each bin: 31 and 32 share most of their mass.
fn gaussian_bins(v: &mut Array1<f32>, b: Block, centres: &[f32], sigma: f32, values: &[f32]) {
    for &x in values {
        for (i, c) in centres.iter().enumerate() {
            let z = (x - c) / sigma;
            v[b.start + i] += (-0.5 * z * z).exp();
        }
    }
}

/// Points spread over an inclusive range so a wide range encodes as wide; an open end runs to
/// the limit.
fn range_samples(min: Option<u32>, max: Option<u32>, limits: (u32, u32)) -> Vec<f32> {
    let lo = min.unwrap_or(limits.0) as f32;
    let hi = max.unwrap_or(limits.1).max(min.unwrap_or(limits.0)) as f32;
    const SAMPLES: usize = 5;
    (0..SAMPLES)
        .map(|i| lo + (hi - lo) * i as f32 / (SAMPLES - 1) as f32)
        .collect()
}

fn encode_cities(v: &mut Array1<f32>, cities: &[String]) {
    for c in cities {
        if let Some(entry) = vocab::city(c) {
            v[block("city region").start + entry.region.index()] += 1.0;
        }
        signed_hash(v, block("city, hashed"), c, 1.0);
    }
}

fn encode_languages(v: &mut Array1<f32>, languages: &[String]) {
    for l in languages {
        let region = vocab::language(l).map_or(Region::Abroad, |e| e.region);
        v[block("language regions").start + region.index()] += 1.0;
        signed_hash(v, block("languages, hashed"), l, 1.0);
    }
}

fn encode_skills<'a>(v: &mut Array1<f32>, skills: impl Iterator<Item = &'a String>, weight: f32) {
    for s in skills {
        if let Some(entry) = vocab::skill(s) {
            v[block("skill families").start + family_slot(entry.family)] += weight;
        }
        signed_hash(v, block("skills, hashed"), s, weight);
    }
}

fn family_slot(f: SkillFamily) -> usize {
    f.index()
}

fn encode_credits(v: &mut Array1<f32>, t: &Talent) {
    const KINDS: [CreditKind; 5] = [
        CreditKind::Film,
        CreditKind::Tv,
        CreditKind::Ott,
        CreditKind::Ad,
        CreditKind::Theatre,
    ];
    let b = block("credits by medium");
    for (i, kind) in KINDS.iter().enumerate() {
        let count = t.credits.iter().filter(|c| c.kind == *kind).count();
        v[b.start + i] = (1.0 + count as f32).ln();
    }
    // Saturating: the difference between 2 and 12 years matters more than 22 and 32.
    v[block("experience").start] = 1.0 - (-(t.experience_years as f32) / 8.0).exp();
}

fn encode_bio(v: &mut Array1<f32>, bio: &str) {
    let b = block("bio, hashed bag of words");
    for word in bio
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 3)
    {
        signed_hash(v, b, &word.to_ascii_lowercase(), 1.0);
    }
}

/// The hashing trick: each token adds +-weight to one slot of the block, chosen by a stable
/// hash, so the layout needs no vocabulary and is identical on every platform.
fn signed_hash(v: &mut Array1<f32>, b: Block, token: &str, weight: f32) {
    let h = fnv1a(token.as_bytes());
    let slot = (h % b.width as u64) as usize;
    let sign = if (h >> 63) == 0 { 1.0 } else { -1.0 };
    v[b.start + slot] += sign * weight;
}

/// FNV-1a, 64 bit: stable across platforms and releases, unlike `DefaultHasher`.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn talent(age: u32, skills: &[&str]) -> Talent {
        let skills = skills.iter().map(|s| s.to_string()).collect();
        let mut t = Talent::new(
            "t",
            "T",
            Gender::Female,
            age,
            165,
            "mumbai",
            vec!["hindi".into()],
            skills,
        );
        t.experience_years = 5;
        t.bio = "Trained performer from Mumbai.".into();
        t
    }

    fn cosine(a: &Array1<f32>, b: &Array1<f32>) -> f32 {
        a.dot(b)
    }

    #[test]
    fn layout_blocks_tile_the_vector_exactly() {
        let mut next = 0;
        for b in LAYOUT {
            assert_eq!(b.start, next, "block {} starts at {}", b.name, b.start);
            next += b.width;
        }
        assert_eq!(next, DIM);
        assert_eq!(block("skill families").width, SkillFamily::ALL.len());
        assert_eq!(block("city region").width, Region::ALL.len());
    }

    #[test]
    fn vectors_are_unit_length() {
        let v = encode_talent(&talent(30, &["kathak"]));
        assert!((v.dot(&v) - 1.0).abs() < 1e-5);
        assert!(encode_requirements(&Requirements::default())
            .iter()
            .all(|&x| x == 0.0));
    }

    #[test]
    fn near_ages_are_near() {
        let a31 = encode_talent(&talent(31, &[]));
        let a32 = encode_talent(&talent(32, &[]));
        let a60 = encode_talent(&talent(60, &[]));
        assert!(cosine(&a31, &a32) > cosine(&a31, &a60) + 0.05);
    }

    #[test]
    fn kathak_sits_nearer_odissi_than_boxing() {
        let kathak = encode_talent(&talent(30, &["kathak"]));
        let odissi = encode_talent(&talent(30, &["odissi"]));
        let boxing = encode_talent(&talent(30, &["boxing"]));
        assert!(cosine(&kathak, &odissi) > cosine(&kathak, &boxing) + 0.05);
    }

    #[test]
    fn requirement_prefers_the_middle_of_its_age_range() {
        let r = Requirements {
            age_min: Some(25),
            age_max: Some(32),
            ..Default::default()
        };
        let q = encode_requirements(&r);
        let mid = encode_talent(&talent(28, &[]));
        let far = encode_talent(&talent(50, &[]));
        assert!(cosine(&q, &mid) > cosine(&q, &far));
    }
}
