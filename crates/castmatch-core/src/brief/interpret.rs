//! The last pass of a reading: each scoped item to what it states. A language is required,
//! preferred or removed by its scope; a gender or age after "of" / "with" is someone else's;
//! "Bengali type" is a look; words nothing placed are reported.

use crate::roster::Gender;
use crate::vocab::{self, Named, SkillEntry, SkillGroup};

use super::age::AgeSpan;
use super::clause::Clause;
use super::conversation::{BriefField, Interpretation};
use super::height::HeightSpan;
use super::lexicon::{is_vocal, Field, Form, Lexeme};
use super::morph::stem;
use super::reading::{Op, Reading, SetField};
use super::scope::{Polarity, Scope, Strength};
use super::tag::{Item, Piece};
use super::terms::Term;
use super::tokens::{Kind, Token};

/// How firmly a word names the role's gender.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// A noun: "mother", "hero", "F".
    Strong,
    /// A pronoun: "make her older".
    Weak,
}

/// What the items of one text state, gathered before they are folded into a `Reading`.
pub(crate) struct Interpreter<'t> {
    text: &'t str,
    tokens: &'t [Token],
    reading: Reading,
    genders: Vec<(Gender, Cue)>,
    ages: Vec<AgeSpan>,
    /// Lone numbers read as ages ("Female, 30"): used only when no age phrase is found.
    bare_ages: Vec<AgeSpan>,
    bands: Vec<AgeSpan>,
    heights: Vec<HeightSpan>,
}

/// Where an item sits: its clause, its index there, and its scope.
struct Ctx<'c> {
    clause: &'c [Item],
    k: usize,
    scope: Scope,
}

impl Ctx<'_> {
    /// Denied or waived: not asked for.
    fn negated(&self) -> bool {
        self.scope.polarity != Polarity::Affirmed
    }
    fn item(&self) -> Item {
        self.clause[self.k]
    }
    fn next(&self) -> Option<&Item> {
        self.clause.get(self.k + 1)
    }
    fn prev(&self) -> Option<&Item> {
        self.k.checked_sub(1).map(|p| &self.clause[p])
    }
}

/// What interpreting an item did to the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    Read,
    /// The next item was part of this one's meaning ("Marwari *family*", "Bengali *type*").
    Consumed,
}

impl Next {
    fn or(self, other: Next) -> Next {
        if self == Next::Consumed {
            self
        } else {
            other
        }
    }
}

impl<'t> Interpreter<'t> {
    pub fn new(text: &'t str, tokens: &'t [Token]) -> Self {
        Interpreter {
            text,
            tokens,
            reading: Reading::default(),
            genders: Vec::new(),
            ages: Vec::new(),
            bare_ages: Vec::new(),
            bands: Vec::new(),
            heights: Vec::new(),
        }
    }

    /// Turn-level cues: new role at the start, reset, additive and replacing words.
    pub fn cues(&mut self, items: &[Item]) {
        let first_content = items.iter().find(|it| {
            !(matches!(it.piece, Piece::Break(_))
                || it.has(|l| matches!(l, Lexeme::Filler | Lexeme::Context)))
        });
        self.reading.new_role = first_content.is_some_and(|it| it.is(Lexeme::NextRole));
        for it in items {
            self.reading.reset |= it.is(Lexeme::Reset);
            self.reading.additive |= it.is(Lexeme::Also);
            self.reading.replacing |= it.is(Lexeme::Instead);
        }
    }

    /// Reads one clause with the scope of each of its items.
    pub fn clause(&mut self, clause: &Clause, scopes: &[Scope]) {
        let items = clause.items;
        let spans = look_spans(items);
        let mut next = Next::Read;
        for (k, item) in items.iter().enumerate() {
            if std::mem::replace(&mut next, Next::Read) == Next::Consumed {
                continue;
            }
            let ctx = Ctx {
                clause: items,
                k,
                scope: scopes[k],
            };
            if let Some(span) = spans.iter().find(|s| s.contains(&k)) {
                // One look or type phrase: its words are not looks or unknowns of their own,
                // but a gender word in it still names the role ("girl next door type").
                if k == span.start && !ctx.negated() {
                    let phrase = self.phrase(items[span.start].start, items[span.end - 1].end);
                    let look = phrase.to_ascii_lowercase();
                    self.reading.ops.push(Op::Add(SetField::Look, look));
                }
                if let Piece::Lex(lexemes) = item.piece {
                    let rest: Vec<Lexeme> = lexemes
                        .iter()
                        .filter(|l| !matches!(l, Lexeme::Look(_)))
                        .copied()
                        .collect();
                    self.lexemes(&rest, &ctx);
                }
                continue;
            }
            match item.piece {
                Piece::Lex(lexemes) => next = self.lexemes(lexemes, &ctx),
                Piece::Age(span) if !self.relational(items, k) && !age_of_an_owner(items, k) => {
                    match ctx.scope.polarity {
                        Polarity::Affirmed => self.ages.push(span),
                        Polarity::Negated => self.ages.push(span.denied()),
                        Polarity::Waived => {}
                    }
                }
                Piece::Height(span) => self.heights.push(span),
                Piece::Terms(Term::Days(days)) => self.reading.days = Some(days),
                Piece::Terms(Term::Rate(rate)) => self.reading.rate = Some(rate),
                Piece::Number(n) => self.bare_number(items, k, n),
                Piece::Unknown => self.unknown(items, k),
                _ => {}
            }
        }
    }

    /// Applies a known phrase.
    fn lexemes(&mut self, lexemes: &[Lexeme], ctx: &Ctx) -> Next {
        let mut next = Next::Read;
        for lexeme in lexemes {
            match *lexeme {
                Lexeme::Language(l) => next = next.or(self.language(l, ctx)),
                Lexeme::Skill(s) => next = next.or(self.skill(s, ctx)),
                Lexeme::City(c) => self.city(c, ctx),
                Lexeme::Gender(g)
                    if !ctx.negated() && !self.relational(ctx.clause, ctx.k) && !possessor(ctx) =>
                {
                    self.genders.push((g, Cue::Strong));
                }
                Lexeme::Pronoun(g) if !self.relational(ctx.clause, ctx.k) => {
                    self.genders.push((g, Cue::Weak))
                }
                Lexeme::GenderLetter(g) if letter_stands_for_gender(ctx) => {
                    self.genders.push((g, Cue::Strong))
                }
                Lexeme::AnyGender => self.reading.gender = Some(None),
                Lexeme::AgeBand(min, max)
                    if !ctx.negated()
                        && !self.relational(ctx.clause, ctx.k)
                        && !possessor(ctx)
                        && !ranks(ctx) =>
                {
                    self.bands.push(AgeSpan::band(min, max));
                }
                Lexeme::Look(look) if !ctx.negated() => self
                    .reading
                    .ops
                    .push(Op::Add(SetField::Look, look.to_string())),
                Lexeme::Field(f) if ctx.negated() => self.clear(f),
                Lexeme::AnyOf(Field::Gender) => self.reading.gender = Some(None),
                Lexeme::AnyOf(f) => self.clear(f),
                Lexeme::Generic(group) => self.generic(group, ctx),
                Lexeme::Older | Lexeme::Younger => self.shift(*lexeme, ctx),
                Lexeme::Unplaced => self.report(ctx.item().start, ctx.item().end),
                _ => {}
            }
        }
        next
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

    /// Records how the items `first..=last` were read, when not as written.
    fn note(&mut self, items: (&Item, &Item), field: SetField, value: &str, form: Form) {
        let field = match field {
            SetField::Languages => BriefField::Languages,
            SetField::Skills => BriefField::Skills,
            SetField::Cities => BriefField::Cities,
            SetField::PreferredLanguages => BriefField::PreferredLanguages,
            SetField::PreferredSkills => BriefField::PreferredSkills,
            SetField::PreferredCities => BriefField::PreferredCities,
            SetField::SkillGroups => BriefField::SkillGroups,
            SetField::PreferredSkillGroups => BriefField::PreferredSkillGroups,
            SetField::Look => BriefField::Look,
        };
        let phrase = self.phrase(items.0.start, items.1.end).to_string();
        let reading = Interpretation {
            phrase,
            field,
            value: value.to_string(),
            confidence: form.confidence(),
        };
        if !self.reading.readings.contains(&reading) {
            self.reading.readings.push(reading);
        }
    }

    /// Pushes the op for a set value, noting a reading when the words were not the term's.
    fn place(&mut self, op: Op, items: (&Item, &Item), form: Form) {
        if let Op::Add(field, value) | Op::Remove(field, value) = &op {
            if form != Form::Exact {
                self.note(items, *field, value, form);
            }
        }
        self.reading.ops.push(op);
    }

    /// A language, unless it names a community ("Marwari family") or a type ("Bengali type").
    fn language(&mut self, language: &'static str, ctx: &Ctx) -> Next {
        let item = ctx.item();
        if let Some(next) = ctx.next() {
            if next.is(Lexeme::Community) {
                self.report(item.start, next.end);
                return Next::Consumed;
            }
            if is_type_word(next) {
                let look = format!(
                    "{language} {}",
                    self.phrase(next.start, next.end).to_ascii_lowercase()
                );
                self.reading.ops.push(Op::Add(SetField::Look, look));
                return Next::Consumed;
            }
        }
        let op = set_op(ctx.scope, SetField::Languages, SetField::PreferredLanguages);
        self.place(op(language.to_string()), (&item, &item), item.form);
        Next::Read
    }

    /// A skill; "sings" next to a named vocal style means that style only. A skill named as
    /// what the role is ("MMA fighter type", "yoga instructor") is the skill. A practice that
    /// is no performing art (a sport, a fight, riding) is said two more ways:
    /// - by a noun for who practises it ("a cricketer", "taxi driver"): who the role is, as a
    ///   look the bio is ranked by, and the skill a plus the skills column shows, unless the
    ///   brief insists ("must"): a player's bio says so more often than a skills column;
    /// - by a verb with an object ("runs a dhaba", "drives a hard bargain"): not the skill at
    ///   all; the object's words say who the role is. "Runs marathons" is the skill.
    fn skill(&mut self, skill: &'static str, ctx: &Ctx) -> Next {
        if skill == "singing" && next_to_vocal_style(ctx) {
            return Next::Read;
        }
        let item = ctx.item();
        let practice = vocab::skill(skill).filter(|e| !e.family.is_performing());
        if practice.is_some() && governs_an_object(ctx) {
            return Next::Read;
        }
        let practitioner = practice.is_some_and(|e| self.names_a_practitioner(e, &item));
        let scope = match practitioner && ctx.scope.strength != Strength::Hard {
            true => Scope {
                strength: Strength::Soft,
                ..ctx.scope
            },
            false => ctx.scope,
        };
        let op = set_op(scope, SetField::Skills, SetField::PreferredSkills);
        let type_noun = ctx
            .next()
            .filter(|n| n.has(|l| matches!(l, Lexeme::TypeNoun | Lexeme::Practitioner)));
        if practitioner && !ctx.negated() {
            let phrase = self.phrase(item.start, type_noun.unwrap_or(&item).end);
            let look = phrase.to_ascii_lowercase();
            self.reading.ops.push(Op::Add(SetField::Look, look));
        }
        match type_noun {
            Some(next) => {
                let form = if item.form == Form::Exact {
                    Form::Derived
                } else {
                    item.form
                };
                self.place(op(skill.to_string()), (&item, next), form);
                Next::Consumed
            }
            None => {
                self.place(op(skill.to_string()), (&item, &item), item.form);
                Next::Read
            }
        }
    }

    /// Whether the word that named a skill is a noun for who practises it: an agent noun whose
    /// stem begins a word of the skill that is no agent noun itself ("cricketer": cricket,
    /// "runner": running, "car driver": driving; not "soccer", "drives", "boxing").
    fn names_a_practitioner(&self, skill: &SkillEntry, item: &Item) -> bool {
        let agent = |w: &str| ["er", "ers", "ist", "ists"].iter().any(|e| w.ends_with(e));
        let word = &self.tokens[item.end - 1].text;
        let root = stem(word);
        agent(word)
            && skill
                .words()
                .filter_map(|w| w.rsplit(' ').next())
                .any(|w| !agent(w) && w.starts_with(root.as_str()))
    }

    /// A generic skill: any of its forms, unless the text names one ("Kathak dancer").
    fn generic(&mut self, group: SkillGroup, ctx: &Ctx) {
        if ctx.negated() {
            self.reading.ops.push(Op::ClearGroup(group));
            return;
        }
        let item = ctx.item();
        // "an athlete", "a fit sportsman": who the role is (a look, by the role type's span),
        // the group a plus, as for a noun of one practice.
        let field = match ctx.scope.strength {
            Strength::Soft => SetField::PreferredSkillGroups,
            Strength::Plain if item.is(Lexeme::RoleType) => SetField::PreferredSkillGroups,
            _ => SetField::SkillGroups,
        };
        self.note((&item, &item), field, group.describe(), item.form);
        self.reading
            .ops
            .push(Op::Add(field, group.name().to_string()));
    }

    fn city(&mut self, city: &'static str, ctx: &Ctx) {
        if ctx.negated() {
            self.reading
                .ops
                .push(Op::Remove(SetField::Cities, city.to_string()));
            if ctx.scope.polarity == Polarity::Negated {
                self.reading.ops.push(Op::ExcludeCity(city.to_string()));
            }
        } else {
            let op = set_op(ctx.scope, SetField::Cities, SetField::PreferredCities);
            let item = ctx.item();
            self.place(op(city.to_string()), (&item, &item), item.form);
        }
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
                _ if prev.is(Lexeme::Much) => amount = 10,
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
            (it.has(|l| matches!(l, Lexeme::Gender(_))) && !is_plural(&self.tokens[it.start].text))
                || it.has(|l| l.is_set_value() || matches!(l, Lexeme::Look(_)))
        });
        if (1..=99).contains(&n) && next_ok && !self.relational(clause, k) {
            self.bare_ages.push(AgeSpan::about_exactly(n));
        } else {
            self.unknown(clause, k);
        }
    }

    /// Whether a gender or age at `k` describes someone else ("mother of a 10-year-old boy").
    fn relational(&self, clause: &[Item], k: usize) -> bool {
        // Relational words sit within a few words ("mother of two little boys"); looking
        // no further keeps reading linear on pathological input.
        for (p, prev) in clause[..k].iter().enumerate().rev().take(6) {
            let modifier = matches!(prev.piece, Piece::Number(_) | Piece::Age(_))
                || prev.has(|l| {
                    matches!(
                        l,
                        Lexeme::Modifier
                            | Lexeme::Pronoun(_)
                            | Lexeme::AgeBand(..)
                            | Lexeme::Look(_)
                            | Lexeme::Older
                            | Lexeme::Younger
                    )
                });
            if !modifier {
                return prev.is(Lexeme::Relational) && !introduces_role(clause, p);
            }
        }
        false
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

    /// Folds what was gathered into the reading.
    pub fn finish(mut self, items: &[Item]) -> Reading {
        self.drop_generic_singing();
        self.drop_named_groups();
        self.resolve_gender(items);
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

    /// "dancer ... hip hop": a named form makes the generic skill redundant.
    fn drop_named_groups(&mut self) {
        let named: Vec<SkillGroup> = self
            .reading
            .ops
            .iter()
            .filter_map(|op| match op {
                Op::Add(SetField::Skills | SetField::PreferredSkills, s) => Some(s),
                _ => None,
            })
            .flat_map(|s| SkillGroup::ALL.into_iter().filter(|g| g.includes(s)))
            .collect();
        self.reading.ops.retain(|op| match op {
            Op::Add(SetField::SkillGroups | SetField::PreferredSkillGroups, g) => {
                SkillGroup::parse(g).is_none_or(|g| !named.contains(&g))
            }
            _ => true,
        });
        let dropped: Vec<&str> = named.iter().map(|g| g.describe()).collect();
        self.reading.readings.retain(|r| {
            !(matches!(
                r.field,
                BriefField::SkillGroups | BriefField::PreferredSkillGroups
            ) && dropped.contains(&r.value.as_str()))
        });
    }

    /// Strong gender words decide; "male/female" or conflicting words say any; pronouns are hints.
    fn resolve_gender(&mut self, items: &[Item]) {
        let of = |cue: Cue| -> Vec<Gender> {
            self.genders
                .iter()
                .filter(|g| g.1 == cue)
                .map(|g| g.0)
                .collect()
        };
        let (strong, weak) = (of(Cue::Strong), of(Cue::Weak));
        if self.reading.gender.is_none() {
            if let Some(&first) = strong.first() {
                let conflicting = strong.iter().any(|g| *g != first);
                self.reading.gender = Some(if conflicting && self.or_between_genders(items) {
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
    fn or_between_genders(&self, items: &[Item]) -> bool {
        let gender = |it: &Item| match it.piece {
            Piece::Lex(l) => l.iter().find_map(|x| match x {
                Lexeme::Gender(g) | Lexeme::GenderLetter(g) => Some(*g),
                _ => None,
            }),
            _ => None,
        };
        let or = |it: &Item| {
            it.is(Lexeme::Or)
                || (it.piece == Piece::Conjunction && self.tokens[it.start].is_punct('/'))
        };
        items.windows(3).any(|w| {
            matches!((gender(&w[0]), or(&w[1]), gender(&w[2])), (Some(a), true, Some(b)) if a != b)
        })
    }
}

/// Runs of a clause that read as one look or type phrase: describing words (looks, role
/// types, "great", unknown words) before "type" / "look" / "vibe" ("retired major type"), around
/// a role type ("comic sidekick", "retired army major"), or after "great" ("great comic
/// timing"). Other looks stay separate ("tall, bearded Sikh"). An age word in the run still
/// gives its age band ("retired").
fn look_spans(items: &[Item]) -> Vec<std::ops::Range<usize>> {
    let describes = |it: &Item| {
        it.piece == Piece::Unknown
            || it.has(|l| {
                matches!(
                    l,
                    Lexeme::Look(_) | Lexeme::RoleType | Lexeme::Quality | Lexeme::AgeBand(..)
                )
            })
    };
    let mut spans = Vec::new();
    let mut k = 0;
    while k < items.len() {
        if !describes(&items[k]) {
            k += 1;
            continue;
        }
        let start = k;
        while k < items.len() && describes(&items[k]) {
            k += 1;
        }
        let run = &items[start..k];
        let content = |it: &Item| !it.is(Lexeme::Quality);
        let typed = items.get(k).is_some_and(|n| n.is(Lexeme::TypeNoun)) && run.iter().any(content);
        let role = run.iter().any(|it| it.is(Lexeme::RoleType));
        let sharpened = run
            .iter()
            .position(|it| it.is(Lexeme::Quality))
            .filter(|&q| {
                run[q..]
                    .iter()
                    .any(|it| it.has(|l| matches!(l, Lexeme::Look(_))))
            });
        if typed {
            spans.push(start..k + 1);
            k += 1;
        } else if role {
            spans.push(start..k);
        } else if let Some(q) = sharpened {
            spans.push(start + q..k);
        }
    }
    spans
}

/// The op for a set value in this scope: removed when negated, preferred when soft.
fn set_op(scope: Scope, required: SetField, preferred: SetField) -> impl Fn(String) -> Op {
    move |value| match (scope.polarity, scope.strength) {
        (Polarity::Negated | Polarity::Waived, _) => Op::Remove(required, value),
        (Polarity::Affirmed, Strength::Soft) => Op::Add(preferred, value),
        (Polarity::Affirmed, _) => Op::Add(required, value),
    }
}

/// "runs a dhaba", "drives a hard bargain", "runs their own little eatery": the skill's word
/// is a verb with an object (after a determiner) that names nothing the brief can hold.
fn governs_an_object(ctx: &Ctx) -> bool {
    let rest = &ctx.clause[ctx.k + 1..];
    let determiner = |it: &Item| it.is(Lexeme::Determiner) || it.is(Lexeme::Modifier);
    let object = rest.iter().find(|it| !determiner(it));
    rest.first().is_some_and(|it| it.is(Lexeme::Determiner))
        && object.is_some_and(|it| {
            it.piece == Piece::Unknown
                || it.has(|l| matches!(l, Lexeme::Community | Lexeme::Context | Lexeme::RoleType))
        })
}

/// "senior surgeon", "senior police officer": an age word that also sharpens a role names its
/// rank, not an age ("seniors", "a senior, 65+" are ages).
fn ranks(ctx: &Ctx) -> bool {
    ctx.item().is(Lexeme::Quality)
        && ctx
            .next()
            .is_some_and(|n| n.piece == Piece::Unknown || n.is(Lexeme::RoleType))
}

/// "type", "look", "build", or a look word: what precedes it describes a look.
fn is_type_word(item: &Item) -> bool {
    item.has(|l| {
        matches!(
            l,
            Lexeme::TypeNoun | Lexeme::Look(_) | Lexeme::Field(Field::Look)
        )
    })
}

fn next_to_vocal_style(ctx: &Ctx) -> bool {
    let vocal_style =
        |it: &Item| it.has(|l| matches!(l, Lexeme::Skill(s) if *s != "singing" && is_vocal(s)));
    ctx.prev().is_some_and(vocal_style) || ctx.next().is_some_and(vocal_style)
}

/// "age group of 25-30", "role of a mother": the relational word follows a field or role
/// noun, so what comes after it is the role itself.
fn introduces_role(clause: &[Item], relational_at: usize) -> bool {
    let before = relational_at.checked_sub(1).map(|k| clause[k]);
    before.is_some_and(|b| b.has(|l| matches!(l, Lexeme::Field(_) | Lexeme::RoleNoun)))
}

/// "girls", "women": a plural names people counted, not an age ("2 girls").
fn is_plural(word: &str) -> bool {
    word.ends_with('s') || matches!(word, "men" | "women")
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
    beside(ctx.prev()) && beside(ctx.next())
}

/// "heroine's father", "बेटे की माँ": the word before `'s` or a possessive postposition is
/// someone else, unless what it owns is the role itself ("माँ का रोल", the mother's role).
fn possessor(ctx: &Ctx) -> bool {
    owns_someone(ctx.clause, ctx.k)
}

fn owns_someone(clause: &[Item], k: usize) -> bool {
    let possessive = clause
        .get(k + 1)
        .is_some_and(|it| it.piece == Piece::Possessive || it.is(Lexeme::Possessive));
    let owned_is_role = clause
        .get(k + 2)
        .is_some_and(|it| it.has(|l| matches!(l, Lexeme::RoleNoun | Lexeme::RoleType)));
    possessive && !owned_is_role
}

/// "10 साल के बेटे की माँ": an age joined to a gender word that is itself an owner describes
/// that other person.
fn age_of_an_owner(clause: &[Item], k: usize) -> bool {
    let joined = clause
        .get(k + 1)
        .is_some_and(|it| it.is(Lexeme::Possessive));
    let person = clause
        .get(k + 2)
        .is_some_and(|it| it.has(|l| matches!(l, Lexeme::Gender(_))));
    joined && person && owns_someone(clause, k + 2)
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
