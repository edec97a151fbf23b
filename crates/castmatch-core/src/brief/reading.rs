//! Reading one piece of text (a brief or a refinement turn) into what it states: gender, age,
//! height, set additions and removals, cues like "also" or "next", and words it could not place.

use crate::roster::Gender;

use super::age::{is_decade_word, match_age, money_before, AgeSpan};
use super::height::{match_height, HeightSpan};
use super::lexicon::{is_vocal, longest_match, Field, Lexeme};
use super::tokens::{tokenise, Kind, Token};

/// A set-valued field an operation touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum SetField {
    Languages,
    Skills,
    Cities,
    PreferredLanguages,
    PreferredSkills,
    PreferredCities,
    Look,
}

/// One edit a text makes to the set fields, in text order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    Add(SetField, String),
    /// Removes a value from the field and its preferred twin ("no Kathak", "not Delhi").
    Remove(SetField, String),
    /// A city the talent must not be from ("not from Delhi").
    ExcludeCity(String),
    Clear(Field),
    /// "drop the dance": every dance-family skill goes.
    ClearDance,
}

/// What one text states.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Reading {
    /// Some(None) when the text says any gender; None when it says nothing.
    pub gender: Option<Option<Gender>>,
    /// A pronoun's hint ("make her older"), used only when no gender is known.
    pub weak_gender: Option<Gender>,
    pub age: Option<AgeSpan>,
    pub height: Option<HeightSpan>,
    pub ops: Vec<Op>,
    /// "a bit older" (+5), "younger" (-5), "10 years older" (+10).
    pub age_shift: Option<i32>,
    pub new_role: bool,
    pub reset: bool,
    /// "also", "add": set values join the standing brief.
    pub additive: bool,
    /// "actually", "instead", "only": set values replace the standing ones.
    pub replacing: bool,
    pub unrecognised: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Piece {
    Lex(&'static [Lexeme]),
    Age(AgeSpan),
    Height(HeightSpan),
    /// A whole number nothing else claimed.
    Number(u32),
    Unknown,
    Possessive,
    /// "and", "&", "/", "or": splits a clause that mixes "must" and "a plus".
    Conjunction,
    /// Ends a clause; true when it also ends a sentence (". ; ! ?" or a new line).
    Break(bool),
}

#[derive(Debug, Clone, Copy)]
struct Item {
    piece: Piece,
    /// Token range.
    start: usize,
    end: usize,
}

impl Item {
    fn has(&self, pred: impl Fn(&Lexeme) -> bool) -> bool {
        matches!(self.piece, Piece::Lex(l) if l.iter().any(pred))
    }

    fn is_word_in(&self, tokens: &[Token], words: &[&str]) -> bool {
        self.end == self.start + 1 && words.contains(&tokens[self.start].text.as_str())
    }

    fn is_filler_word(&self, tokens: &[Token], words: &[&str]) -> bool {
        self.has(|l| *l == Lexeme::Filler)
            && self.end == self.start + 1
            && words.contains(&tokens[self.start].text.as_str())
    }
}

/// Reads a text. Never panics, linear in the length of the text.
pub(crate) fn read(text: &str) -> Reading {
    let tokens = tokenise(text);
    let items = items(&tokens);
    let mut reader = Reader {
        text,
        tokens: &tokens,
        reading: Reading::default(),
        genders: Vec::new(),
        ages: Vec::new(),
        bare_ages: Vec::new(),
        bands: Vec::new(),
        heights: Vec::new(),
    };
    reader.cues(&items);
    let mut carry_soft = false;
    for (clause, ends_sentence) in clauses(&items) {
        carry_soft = reader.clause(clause, carry_soft) && !ends_sentence;
    }
    reader.finish()
}

const ABBREVIATIONS: &[&str] = &[
    "approx", "min", "max", "ft", "yrs", "yr", "no", "e", "g", "i", "vs", "etc", "mr", "mrs", "ms",
    "dr", "st", "cm", "in", "y", "o", "sr", "jr",
];

/// Turns tokens into items: heights and ages first, then the longest known phrase.
fn items(tokens: &[Token]) -> Vec<Item> {
    let next_number = next_number_index(tokens);
    let mut items = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        // Age and height phrases hold a number (or a decade word) within a few tokens;
        // elsewhere their readers need not run.
        let numeric = next_number[i] < i + NUMBER_REACH;
        let (piece, end) = item_at(tokens, i, numeric);
        if let Some(piece) = piece {
            items.push(Item {
                piece,
                start: i,
                end,
            });
        }
        i = end.max(i + 1);
    }
    items
}

/// Farthest a qualifier reaches before its number ("in the age group of 25").
const NUMBER_REACH: usize = 8;

/// For each token, the index of the next number or decade word at or after it.
fn next_number_index(tokens: &[Token]) -> Vec<usize> {
    let mut next = vec![usize::MAX; tokens.len() + 1];
    for i in (0..tokens.len()).rev() {
        let t = &tokens[i];
        let numeric = t.kind == Kind::Number || (t.kind == Kind::Word && is_decade_word(&t.text));
        next[i] = if numeric { i } else { next[i + 1] };
    }
    next
}

fn item_at(tokens: &[Token], i: usize, numeric: bool) -> (Option<Piece>, usize) {
    if numeric {
        if let Some((span, end)) = match_height(tokens, i) {
            return (Some(Piece::Height(span)), end);
        }
        if let Some((span, end)) = match_age(tokens, i) {
            return (Some(Piece::Age(span)), end);
        }
    }
    let t = &tokens[i];
    match t.kind {
        Kind::Word if t.text == "'s" => (Some(Piece::Possessive), i + 1),
        Kind::Word => match longest_match(tokens, i) {
            Some(_) if t.text == "and" && !tokens.get(i + 1).is_some_and(|n| n.is_word("also")) => {
                (Some(Piece::Conjunction), i + 1)
            }
            Some((lexemes, end)) => (Some(Piece::Lex(lexemes)), end),
            None => (Some(Piece::Unknown), i + 1),
        },
        Kind::Number => match t.whole() {
            Some(n) if !money_before(tokens, i) => (Some(Piece::Number(n)), i + 1),
            _ => (Some(Piece::Unknown), i + 1),
        },
        Kind::Punct => (punct_piece(tokens, i), i + 1),
    }
}

fn punct_piece(tokens: &[Token], i: usize) -> Option<Piece> {
    match tokens[i].text.as_str() {
        // Parentheses do not break a clause: "Kathak (preferred)" keeps its marker.
        "," | ":" | "|" => Some(Piece::Break(false)),
        ";" | "!" | "?" | "\n" => Some(Piece::Break(true)),
        "." => {
            let abbreviation = i
                .checked_sub(1)
                .is_some_and(|p| ABBREVIATIONS.contains(&tokens[p].text.as_str()));
            (!abbreviation).then_some(Piece::Break(true))
        }
        "&" | "/" => Some(Piece::Conjunction),
        "-" if is_dash_between_words(tokens, i) => Some(Piece::Break(false)),
        _ => None,
    }
}

/// " - " or " — " between words (not numbers) separates clauses: "Bengali - Kolkata preferred".
fn is_dash_between_words(tokens: &[Token], i: usize) -> bool {
    let spaced_after = tokens.get(i + 1).is_some_and(|n| n.spaced);
    let numeric = |t: Option<&Token>| t.is_some_and(|t| t.kind != Kind::Word);
    tokens[i].spaced
        && spaced_after
        && !numeric(i.checked_sub(1).map(|p| &tokens[p]))
        && !numeric(tokens.get(i + 1))
}

/// Splits items into clauses at punctuation and at "but", "however"; each clause comes with
/// whether it ends a sentence.
fn clauses(items: &[Item]) -> Vec<(&[Item], bool)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (k, it) in items.iter().enumerate() {
        let ends = match it.piece {
            Piece::Break(sentence) => Some(sentence),
            _ if it.has(|l| *l == Lexeme::Break) => Some(false),
            _ => None,
        };
        if let Some(sentence) = ends {
            if k > start {
                out.push((&items[start..k], sentence));
            } else if sentence {
                // An empty clause still ends the sentence: mark the previous one.
                if let Some(last) = out.last_mut() {
                    last.1 = true;
                }
            }
            start = k + 1;
        }
    }
    if start < items.len() {
        out.push((&items[start..], true));
    }
    out
}

struct Reader<'t> {
    text: &'t str,
    tokens: &'t [Token],
    reading: Reading,
    /// Every gender word that names the role, and whether it is strong (a noun, not a pronoun).
    genders: Vec<(Gender, bool)>,
    ages: Vec<AgeSpan>,
    /// Lone numbers read as ages ("Female, 30"): used only when no age phrase is found.
    bare_ages: Vec<AgeSpan>,
    bands: Vec<AgeSpan>,
    heights: Vec<HeightSpan>,
}

/// How a clause or segment marks what it names.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Strength {
    Plain,
    Soft,
    Hard,
}

impl Reader<'_> {
    /// Turn-level cues: new role at the start, reset, additive and replacing words.
    fn cues(&mut self, items: &[Item]) {
        let first_content = items
            .iter()
            .find(|it| !(matches!(it.piece, Piece::Break(_)) || it.has(|l| *l == Lexeme::Filler)));
        self.reading.new_role = first_content.is_some_and(|it| it.has(|l| *l == Lexeme::NextRole));
        for it in items {
            self.reading.reset |= it.has(|l| *l == Lexeme::Reset);
            self.reading.additive |= it.has(|l| *l == Lexeme::Also);
            self.reading.replacing |= it.has(|l| *l == Lexeme::Instead);
        }
    }

    /// Reads one clause; returns whether a bare preference marker carries to the next clause
    /// ("Nice to have: kathak, singing").
    fn clause(&mut self, clause: &[Item], carry_soft: bool) -> bool {
        let strengths = self.strengths(clause, carry_soft);
        let negate_before = clause
            .iter()
            .rposition(|it| it.has(|l| *l == Lexeme::NegateBefore));
        let mut negating = false;
        let mut swapping = false;
        let mut placed_any = false;
        let mut skip_next = false;
        for (k, item) in clause.iter().enumerate() {
            if std::mem::take(&mut skip_next) {
                continue;
            }
            let negated = negating || negate_before.is_some_and(|n| k < n);
            match item.piece {
                Piece::Lex(lexemes) => {
                    if lexemes
                        .iter()
                        .any(|l| matches!(l, Lexeme::Negate | Lexeme::Clear | Lexeme::Swap))
                    {
                        negating = true;
                        swapping |= lexemes.contains(&Lexeme::Swap);
                        continue;
                    }
                    // "swap Bhangra for Kathak": what follows "for" / "with" / "to" comes in.
                    if swapping
                        && item.is_word_in(self.tokens, &["for", "with", "to", "by", "into"])
                    {
                        negating = false;
                        swapping = false;
                        continue;
                    }
                    if lexemes.iter().any(|l| {
                        matches!(
                            l,
                            Lexeme::Also | Lexeme::Require | Lexeme::Instead | Lexeme::Prefer
                        )
                    }) {
                        negating = false;
                    }
                    let ctx = Ctx {
                        clause,
                        k,
                        negated,
                        strength: strengths[k],
                    };
                    let (placed, skip) = self.lexemes(lexemes, &ctx);
                    placed_any |= placed;
                    skip_next = skip;
                }
                Piece::Age(span) if !self.relational(clause, k) => self.ages.push(span),
                Piece::Height(span) => self.heights.push(span),
                Piece::Number(n) => self.bare_number(clause, k, n),
                Piece::Unknown => self.unknown(clause, k),
                _ => {}
            }
        }
        let only_marker = !placed_any && clause.iter().any(|it| it.has(|l| *l == Lexeme::Prefer));
        let hard = clause.iter().any(|it| it.has(|l| *l == Lexeme::Require));
        only_marker || (carry_soft && !hard)
    }

    /// The strength each item of a clause gets from "must" / "a plus" markers near it.
    fn strengths(&self, clause: &[Item], carry_soft: bool) -> Vec<Strength> {
        let marker = |it: &Item| {
            if it.has(|l| *l == Lexeme::Prefer) {
                Some(Strength::Soft)
            } else if it.has(|l| *l == Lexeme::Require) {
                Some(Strength::Hard)
            } else {
                None
            }
        };
        let marks: Vec<Option<Strength>> = clause.iter().map(marker).collect();
        let soft = marks.contains(&Some(Strength::Soft));
        let hard = marks.contains(&Some(Strength::Hard));
        if !(soft && hard) {
            let whole = if soft || (carry_soft && !hard) {
                Strength::Soft
            } else {
                Strength::Plain
            };
            return vec![whole; clause.len()];
        }
        // Both kinds: each stretch between conjunctions takes its own marker, or its neighbour's.
        let mut segments: Vec<(usize, usize, Option<Strength>)> = Vec::new();
        let mut start = 0;
        for (k, it) in clause.iter().enumerate() {
            if it.piece == Piece::Conjunction || k + 1 == clause.len() {
                let end = if it.piece == Piece::Conjunction {
                    k
                } else {
                    k + 1
                };
                let mark = marks[start..end].iter().flatten().next().copied();
                segments.push((start, end, mark));
                start = k + 1;
            }
        }
        // A segment without a marker takes the previous segment's, or else the next one's.
        let mut previous = None;
        let from_before: Vec<Option<Strength>> = segments
            .iter()
            .map(|seg| {
                previous = seg.2.or(previous);
                previous
            })
            .collect();
        let mut next = None;
        let mut from_after: Vec<Option<Strength>> = segments
            .iter()
            .rev()
            .map(|seg| {
                next = seg.2.or(next);
                next
            })
            .collect();
        from_after.reverse();
        let mut out = vec![Strength::Plain; clause.len()];
        for (n, &(s, e, _)) in segments.iter().enumerate() {
            out[s..e].fill(from_before[n].or(from_after[n]).unwrap_or(Strength::Plain));
        }
        out
    }

    /// Applies a known phrase; returns (whether it placed a set value, whether to skip the next item).
    fn lexemes(&mut self, lexemes: &[Lexeme], ctx: &Ctx) -> (bool, bool) {
        let mut placed = false;
        let mut skip = false;
        for lexeme in lexemes {
            match *lexeme {
                Lexeme::Language(l) => {
                    let (p, s) = self.language(l, ctx);
                    placed |= p;
                    skip |= s;
                }
                Lexeme::Skill(s) => placed |= self.skill(s, ctx),
                Lexeme::City(c) => {
                    placed = true;
                    self.city(c, ctx);
                }
                Lexeme::Gender(g)
                    if !ctx.negated && !self.relational(ctx.clause, ctx.k) && !possessor(ctx) =>
                {
                    self.genders.push((g, true));
                }
                Lexeme::Pronoun(g) if !self.relational(ctx.clause, ctx.k) => {
                    self.genders.push((g, false))
                }
                Lexeme::GenderLetter(g) if letter_stands_for_gender(ctx) => {
                    self.genders.push((g, true))
                }
                Lexeme::AnyGender => self.reading.gender = Some(None),
                Lexeme::AgeBand(min, max)
                    if !ctx.negated && !self.relational(ctx.clause, ctx.k) =>
                {
                    self.bands.push(AgeSpan::band(min, max));
                }
                Lexeme::Look(look) if !ctx.negated => self
                    .reading
                    .ops
                    .push(Op::Add(SetField::Look, look.to_string())),
                Lexeme::Field(f) if ctx.negated => self.clear(f),
                Lexeme::AnyOf(Field::Gender) => self.reading.gender = Some(None),
                Lexeme::AnyOf(f) => self.clear(f),
                Lexeme::Dance if ctx.negated => self.reading.ops.push(Op::ClearDance),
                Lexeme::Older | Lexeme::Younger => self.shift(*lexeme, ctx),
                Lexeme::Unplaced => self.report(ctx.clause[ctx.k].start, ctx.clause[ctx.k].end),
                _ => {}
            }
        }
        (placed, skip)
    }

    fn clear(&mut self, field: Field) {
        match field {
            Field::Gender => self.reading.gender = Some(None),
            Field::Age => {
                self.ages.clear();
                self.bare_ages.clear();
                self.bands.clear();
                self.reading.ops.push(Op::Clear(Field::Age));
            }
            Field::Height => {
                self.heights.clear();
                self.reading.ops.push(Op::Clear(Field::Height));
            }
            f => self.reading.ops.push(Op::Clear(f)),
        }
    }

    /// A language, unless it names a community ("Marwari family") or a type ("Bengali type").
    fn language(&mut self, language: &'static str, ctx: &Ctx) -> (bool, bool) {
        let item = ctx.clause[ctx.k];
        if let Some(next) = ctx.clause.get(ctx.k + 1) {
            if next.has(|l| *l == Lexeme::Community) {
                self.report(item.start, next.end);
                return (false, true);
            }
            if self.is_type_word(next) {
                let look = format!(
                    "{language} {}",
                    self.phrase(next.start, next.end).to_ascii_lowercase()
                );
                self.reading.ops.push(Op::Add(SetField::Look, look));
                return (false, true);
            }
        }
        let op = match (ctx.negated, ctx.strength) {
            (true, _) => Op::Remove(SetField::Languages, language.to_string()),
            (false, Strength::Soft) => Op::Add(SetField::PreferredLanguages, language.to_string()),
            (false, _) => Op::Add(SetField::Languages, language.to_string()),
        };
        self.reading.ops.push(op);
        (true, false)
    }

    /// "type", "look", "build", or a look word: what precedes it describes a look.
    fn is_type_word(&self, item: &Item) -> bool {
        item.is_filler_word(
            self.tokens,
            &[
                "type", "look", "looking", "features", "face", "build", "physique", "vibe",
                "energy",
            ],
        ) || item.has(|l| matches!(l, Lexeme::Look(_) | Lexeme::Field(Field::Look)))
    }

    /// A skill; "sings" next to a named vocal style means that style only, and "wrestler type"
    /// is a look, not a skill.
    fn skill(&mut self, skill: &'static str, ctx: &Ctx) -> bool {
        if skill == "singing" && self.next_to_vocal_style(ctx) {
            return false;
        }
        if let Some(next) = ctx.clause.get(ctx.k + 1).filter(|n| self.is_type_word(n)) {
            let item = ctx.clause[ctx.k];
            let look = self.phrase(item.start, next.end).to_ascii_lowercase();
            self.reading.ops.push(Op::Add(SetField::Look, look));
            return false;
        }
        let op = match (ctx.negated, ctx.strength) {
            (true, _) => Op::Remove(SetField::Skills, skill.to_string()),
            (false, Strength::Soft) => Op::Add(SetField::PreferredSkills, skill.to_string()),
            (false, _) => Op::Add(SetField::Skills, skill.to_string()),
        };
        self.reading.ops.push(op);
        true
    }

    fn next_to_vocal_style(&self, ctx: &Ctx) -> bool {
        let vocal_style =
            |it: &Item| it.has(|l| matches!(l, Lexeme::Skill(s) if *s != "singing" && is_vocal(s)));
        let prev = ctx.k.checked_sub(1).and_then(|p| ctx.clause.get(p));
        prev.is_some_and(vocal_style) || ctx.clause.get(ctx.k + 1).is_some_and(vocal_style)
    }

    fn city(&mut self, city: &'static str, ctx: &Ctx) {
        let ops = match (ctx.negated, ctx.strength) {
            (true, _) => vec![
                Op::Remove(SetField::Cities, city.to_string()),
                Op::ExcludeCity(city.to_string()),
            ],
            (false, Strength::Soft) => vec![Op::Add(SetField::PreferredCities, city.to_string())],
            (false, _) => vec![Op::Add(SetField::Cities, city.to_string())],
        };
        self.reading.ops.extend(ops);
    }

    /// "older" / "younger", by 5 years, 10 after "much", or by a stated number of years.
    fn shift(&mut self, lexeme: Lexeme, ctx: &Ctx) {
        let mut amount = 5;
        for prev in ctx.clause[..ctx.k].iter().rev().take(3) {
            match prev.piece {
                Piece::Number(n) if n <= 30 => {
                    amount = n as i32;
                    break;
                }
                _ if prev.has(|l| *l == Lexeme::Much) => amount = 10,
                _ => {}
            }
        }
        let signed = if lexeme == Lexeme::Older {
            amount
        } else {
            -amount
        };
        self.reading.age_shift = Some(self.reading.age_shift.unwrap_or(0) + signed);
    }

    /// A number standing alone ("Female, 30, Mumbai", "girl 22 Pune") is an age.
    fn bare_number(&mut self, clause: &[Item], k: usize, n: u32) {
        // "2 girls" counts people; "girl 22 Pune" gives an age.
        let next_ok = clause.get(k + 1).is_none_or(|it| {
            let plural = self.tokens[it.start].text.ends_with('s')
                || matches!(self.tokens[it.start].text.as_str(), "men" | "women");
            (it.has(|l| matches!(l, Lexeme::Gender(_))) && !plural)
                || it.has(|l| {
                    matches!(
                        l,
                        Lexeme::City(_) | Lexeme::Language(_) | Lexeme::Skill(_) | Lexeme::Look(_)
                    )
                })
        });
        if (1..=99).contains(&n) && next_ok && !self.relational(clause, k) {
            self.bare_ages.push(AgeSpan::about_exactly(n));
        } else {
            self.unknown(clause, k);
        }
    }

    /// Whether a gender or age at `k` describes someone else ("mother of a 10-year-old boy").
    fn relational(&self, clause: &[Item], k: usize) -> bool {
        const MODIFIERS: &[&str] = &[
            "a", "an", "the", "young", "little", "small", "newborn", "baby", "grown", "adult",
            "two", "three", "own", "new", "old", "elder", "infant",
        ];
        // Relational words sit within a few words ("mother of two little boys"); looking
        // no further keeps reading linear on pathological input.
        for (p, prev) in clause[..k].iter().enumerate().rev().take(6) {
            let modifier = matches!(prev.piece, Piece::Number(_) | Piece::Age(_))
                || prev.is_filler_word(self.tokens, MODIFIERS)
                || prev.has(|l| {
                    matches!(
                        l,
                        Lexeme::Pronoun(_)
                            | Lexeme::AgeBand(..)
                            | Lexeme::Look(_)
                            | Lexeme::Older
                            | Lexeme::Younger
                    )
                });
            if !modifier {
                return prev.has(|l| *l == Lexeme::Relational) && !self.introduces_role(clause, p);
            }
        }
        false
    }

    /// "age group of 25-30", "role of a mother": the relational word follows a field or role
    /// noun, so what comes after it is the role itself.
    fn introduces_role(&self, clause: &[Item], relational_at: usize) -> bool {
        let before = relational_at.checked_sub(1).map(|k| clause[k]);
        before.is_some_and(|b| {
            b.has(|l| matches!(l, Lexeme::Field(_)))
                || b.is_filler_word(
                    self.tokens,
                    &["role", "part", "character", "type", "kind", "sort"],
                )
        })
    }

    /// Reports a run of unknown words (with numbers inside it) once, at its first word.
    fn unknown(&mut self, clause: &[Item], k: usize) {
        let is_unknown = |it: &Item| matches!(it.piece, Piece::Unknown | Piece::Number(_));
        let starts_run = k == 0 || !is_unknown(&clause[k - 1]);
        if !starts_run {
            return;
        }
        let run_end = clause[k..].iter().take_while(|it| is_unknown(it)).count() + k;
        let has_word = clause[k..run_end]
            .iter()
            .any(|it| self.tokens[it.start].kind == Kind::Word);
        if has_word {
            self.report(clause[k].start, clause[run_end - 1].end);
        }
    }

    fn report(&mut self, start: usize, end: usize) {
        let phrase = self.phrase(start, end).to_string();
        if !phrase.is_empty() && !self.reading.unrecognised.contains(&phrase) {
            self.reading.unrecognised.push(phrase);
        }
    }

    /// The original text of tokens `start..end`.
    fn phrase(&self, start: usize, end: usize) -> &str {
        let (Some(first), Some(last)) = (
            self.tokens.get(start),
            end.checked_sub(1).and_then(|e| self.tokens.get(e)),
        ) else {
            return "";
        };
        self.text
            .get(first.span.start..last.span.end)
            .unwrap_or("")
            .trim()
    }

    fn finish(mut self) -> Reading {
        self.drop_generic_singing();
        self.resolve_gender();
        self.reading.age = AgeSpan::fold(&self.ages)
            .or_else(|| AgeSpan::fold(&self.bare_ages))
            .or_else(|| union_bands(&self.bands));
        self.reading.height = HeightSpan::fold(&self.heights);
        self.reading
    }

    /// "Female singer ... Hindustani vocals": a named vocal style makes plain singing redundant.
    fn drop_generic_singing(&mut self) {
        let styled =
            self.reading.ops.iter().any(
                |op| matches!(op, Op::Add(SetField::Skills, s) if s != "singing" && is_vocal(s)),
            );
        if styled {
            self.reading
                .ops
                .retain(|op| !matches!(op, Op::Add(SetField::Skills, s) if s == "singing"));
        }
    }

    /// Strong gender words decide; "male/female" or conflicting words say any; pronouns are hints.
    fn resolve_gender(&mut self) {
        let strong: Vec<Gender> = self.genders.iter().filter(|g| g.1).map(|g| g.0).collect();
        let weak: Vec<Gender> = self.genders.iter().filter(|g| !g.1).map(|g| g.0).collect();
        if self.reading.gender.is_none() {
            if let Some(&first) = strong.first() {
                let conflicting = strong.iter().any(|g| *g != first);
                self.reading.gender = Some(if conflicting && self.or_between_genders() {
                    None
                } else {
                    Some(first)
                });
            }
        }
        if let Some(&first) = weak.first() {
            self.reading.weak_gender = weak.iter().all(|g| *g == first).then_some(first);
        }
    }

    /// "male / female", "boy or girl": a gender word, "or" / "/", and a different gender word.
    fn or_between_genders(&self) -> bool {
        let words: Vec<(usize, Option<Gender>, bool)> = self
            .tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let g = longest_match(self.tokens, i).and_then(|(l, _)| {
                    l.iter().find_map(|x| match x {
                        Lexeme::Gender(g) | Lexeme::GenderLetter(g) => Some(*g),
                        _ => None,
                    })
                });
                (i, g, t.is_word("or") || t.is_punct('/'))
            })
            .collect();
        words
            .windows(3)
            .any(|w| matches!((w[0].1, w[1].2, w[2].1), (Some(a), true, Some(b)) if a != b))
    }
}

/// Where an item sits: its clause, its index there, and the marks on it.
struct Ctx<'c> {
    clause: &'c [Item],
    k: usize,
    negated: bool,
    strength: Strength,
}

/// "F, 25-30", "25M", "M/F": a lone letter next to nothing but an age or another letter.
fn letter_stands_for_gender(ctx: &Ctx) -> bool {
    let beside = |it: Option<&Item>| {
        it.is_none_or(|it| {
            matches!(
                it.piece,
                Piece::Age(_) | Piece::Number(_) | Piece::Conjunction
            ) || it.has(|l| matches!(l, Lexeme::GenderLetter(_)))
        })
    };
    let prev = ctx.k.checked_sub(1).and_then(|p| ctx.clause.get(p));
    beside(prev) && beside(ctx.clause.get(ctx.k + 1))
}

/// "heroine's father": the word before `'s` is someone else.
fn possessor(ctx: &Ctx) -> bool {
    ctx.clause
        .get(ctx.k + 1)
        .is_some_and(|it| it.piece == Piece::Possessive)
}

/// "kid or teenager": the union of the bands named.
fn union_bands(bands: &[AgeSpan]) -> Option<AgeSpan> {
    let mut bands = bands.iter();
    let mut acc = *bands.next()?;
    for b in bands {
        acc.min = acc.min.min(b.min);
        acc.max = match (acc.max, b.max) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
    }
    Some(acc)
}
