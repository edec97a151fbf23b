//! The casting assistant: a catalog and a director's memory session together, answering each
//! turn with the refined brief, personalised matches, what changed and a reply.
//!
//! This is the loop the pages and the CLI drive; the wasm facade only converts its values.

use std::cell::{Ref, RefCell};

use serde::Serialize;

use crate::brief::{self, Change, ToolInputError, Turn};
use crate::catalog::Catalog;
use crate::memory::{self, Decision, Personalisation, Session, UndoCommand, Undone};
use crate::pool::{self, Listing, PoolCommand};
use crate::rank::{self, Match};
use crate::requirements::Requirements;
use crate::revision::Revision;

/// Matches returned per turn unless the caller asks for another number.
pub const DEFAULT_RESULTS: usize = 10;

/// Talents "why is <name> not in the list?" answers for when several share the name.
const NAMESAKES_SHOWN: usize = 4;

/// The reply to a turn that leaves the brief asking for nothing.
pub const ASK_FOR_A_BRIEF: &str = "Tell me about the role first: who they are, gender, age, \
languages, skills, city (e.g. \"female lead, 25-32, Marathi and Hindi, Kathak, Mumbai\"). \
I list talent once the brief asks for something.";

/// What one turn produced.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Answer {
    /// The standing brief after the turn.
    pub requirements: Requirements,
    /// What the turn changed, field by field.
    pub changes: Vec<Change>,
    /// Phrases the turn held that could not be placed.
    pub unrecognised: Vec<String>,
    /// Phrases read as something they do not name outright ("read 'MMA fighter' as skill
    /// mma"), each with how sure the reading is: shown so the director can correct them.
    pub readings: Vec<brief::Interpretation>,
    /// The best matches, memory applied.
    pub matches: Vec<Match>,
    /// How many talents meet every hard constraint.
    pub matching: usize,
    /// A short reply written from the changes and the matches.
    pub reply: String,
    /// The turn started a new role.
    pub new_role: bool,
    /// Set when the turn was an undo ("undo", "undo that reject"): what it took back, oldest
    /// change last. The brief is unchanged and `matches` is empty: the cards on screen stay.
    pub undone: Option<Vec<Undone>>,
    /// Set when the turn was about the list ("show me more", "why is Kabir not in the
    /// list?"): the brief is unchanged, `matches` is empty and the cards on screen stay.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listing: Option<Listing>,
}

/// A roster with its index, and the memory of the director using it.
pub struct Assistant {
    pub catalog: Catalog,
    pub session: Session,
    /// The open role's personalisation, kept between queries: building it reads the whole
    /// director, so it is rebuilt only when memory or the catalog has changed.
    kept: RefCell<Kept>,
}

/// A personalisation and the memory and catalog revisions it was built from.
#[derive(Default)]
struct Kept {
    built_from: Option<(Revision, Revision)>,
    personalisation: Personalisation,
}

impl Assistant {
    pub fn new(catalog: Catalog) -> Self {
        Assistant::with_session(catalog, Session::new())
    }

    /// A roster with an existing memory (restored from a file or a snapshot).
    pub fn with_session(catalog: Catalog, session: Session) -> Self {
        Assistant {
            catalog,
            session,
            kept: RefCell::default(),
        }
    }

    /// The best `k` talents for `r`, with the open role's memory applied.
    pub fn search(&self, r: &Requirements, k: usize) -> Vec<Match> {
        rank::rank(&self.catalog, r, k, &self.personalisation())
    }

    /// The open role's personalisation: the kept one while memory and catalog are as they
    /// were when it was built, else built afresh (and kept).
    pub fn personalisation(&self) -> Ref<'_, Personalisation> {
        let now = Some((self.session.revision(), self.catalog.revision()));
        if self.kept.borrow().built_from != now {
            *self.kept.borrow_mut() = Kept {
                built_from: now,
                personalisation: self.session.personalisation(&self.catalog),
            };
        }
        Ref::map(self.kept.borrow(), |k| &k.personalisation)
    }

    /// One turn of the open role's conversation, at time `now` (ms since the epoch).
    pub fn say(&mut self, now: i64, text: &str, k: usize) -> Answer {
        if let Some(command) = memory::read_undo(text) {
            return self.undo(now, command);
        }
        if let Some(command) = pool::read_command(text) {
            return self.pool_answer(command);
        }
        let turn = self.session.say_in(now, text, self.catalog.vocabulary());
        self.answer(now, text, turn, k)
    }

    /// Replaces the open role's standing brief (a removed chip) and answers as for a turn.
    pub fn set_requirements(&mut self, now: i64, r: Requirements, k: usize) -> Answer {
        let turn = self.session.conversation_mut(now).replace(r);
        self.answer(now, "(brief edited)", turn, k)
    }

    /// Runs Claude's `search_talent` tool call: validates its input, makes it the standing
    /// brief of the open role, and answers with the matches.
    pub fn tool_search(
        &mut self,
        now: i64,
        input: &serde_json::Value,
    ) -> Result<Answer, ToolInputError> {
        let search = brief::tool::search_input_from_tool_input(input, self.catalog.vocabulary())?;
        let turn = self
            .session
            .conversation_mut(now)
            .replace(search.requirements);
        Ok(self.answer(
            now,
            "(search_talent)",
            turn,
            search.k.unwrap_or(DEFAULT_RESULTS),
        ))
    }

    /// Forgets the open role's standing brief (its episodes stay in memory).
    pub fn reset_conversation(&mut self, now: i64) {
        self.session.conversation_mut(now).reset();
    }

    /// An undo asked for in the chat: reverts up to `command.count` decisions of the open role.
    fn undo(&mut self, now: i64, command: UndoCommand) -> Answer {
        let mut undone = Vec::new();
        let mut stopped = None;
        for _ in 0..command.count {
            match self.session.undo(now, command.only) {
                Ok(u) => undone.push(u),
                Err(e) => {
                    stopped = Some(e.to_string());
                    break;
                }
            }
        }
        let mut lines: Vec<String> = undone.iter().map(|u| self.undone_text(u)).collect();
        lines.extend(stopped.map(|why| capitalised(&why)));
        Answer {
            undone: Some(undone),
            ..self.standing_answer(lines.join(". ") + ".")
        }
    }

    /// The open role's standing brief.
    fn standing_brief(&self) -> Requirements {
        self.session
            .current_role()
            .map(|r| r.conversation.requirements().clone())
            .unwrap_or_default()
    }

    /// An answer that leaves the brief and the cards on screen as they are.
    fn standing_answer(&self, reply: String) -> Answer {
        let requirements = self.standing_brief();
        Answer {
            matching: self.catalog.count_matching(&requirements),
            requirements,
            changes: Vec::new(),
            unrecognised: Vec::new(),
            readings: Vec::new(),
            matches: Vec::new(),
            reply,
            new_role: false,
            undone: None,
            listing: None,
        }
    }

    /// "show me more" (the page shows the next page) or "why is <name> not in the list?"
    /// (the talents so named, each with the constraints they fail: the page words it).
    fn pool_answer(&self, command: PoolCommand) -> Answer {
        let r = self.standing_brief();
        let listing = match command {
            PoolCommand::More => Listing::More,
            PoolCommand::WhyNot(name) => {
                let found = pool::talents_named(&self.catalog, &name);
                let talents = found
                    .iter()
                    .take(NAMESAKES_SHOWN)
                    .map(|t| pool::absent(t, &r))
                    .collect();
                Listing::WhyNot {
                    name,
                    found: found.len(),
                    talents,
                }
            }
        };
        Answer {
            listing: Some(listing),
            ..self.standing_answer(String::new())
        }
    }

    /// "Undid rejecting Asha Rao: not decided", naming the talent as the roster does.
    fn undone_text(&self, u: &Undone) -> String {
        let name = self
            .catalog
            .get(&u.talent_id)
            .map_or(u.talent_id.as_str(), |t| t.name.as_str());
        let change = match (u.withdrawal, u.decision) {
            (false, Decision::Reject) => format!("rejecting {name}"),
            (false, _) => format!("shortlisting {name}"),
            (true, Decision::Reject) => format!("taking {name} off the rejected list"),
            (true, _) => format!("taking {name} off the shortlist"),
        };
        let now = match u.restored.as_ref().map(|r| r.decision) {
            None => "not decided",
            Some(Decision::Reject) => "rejected again",
            Some(_) => "shortlisted again",
        };
        format!("Undid {change}: {now}")
    }

    fn answer(&mut self, now: i64, text: &str, turn: Turn, k: usize) -> Answer {
        // A brief that asks for nothing would rank the roster at random: ask for one instead.
        let asks = !turn.requirements.is_empty();
        let matches = if asks {
            self.search(&turn.requirements, k)
        } else {
            Vec::new()
        };
        let matching = self.catalog.count_matching(&turn.requirements);
        let reply = if asks {
            brief::reply(&turn, matching, matches.first())
        } else {
            ASK_FOR_A_BRIEF.to_string()
        };
        let shown: Vec<String> = matches.iter().map(|m| m.id.clone()).collect();
        self.session
            .record_turn(now, text, &turn.requirements, &shown);
        Answer {
            requirements: turn.requirements,
            changes: turn.changes,
            unrecognised: turn.unrecognised,
            readings: turn.readings,
            matches,
            matching,
            reply,
            new_role: turn.new_role,
            undone: None,
            listing: None,
        }
    }
}

/// The engine's own (ASCII) messages with a capital first letter.
fn capitalised(text: &str) -> String {
    let mut text = text.to_string();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::synthetic;

    fn assistant() -> Assistant {
        Assistant::new(Catalog::new(synthetic(3_000, 5)).unwrap())
    }

    /// The synthetic roster with two "Kabir Khan"s: a Delhi man of 45 and a Mumbai man of 30.
    fn with_namesakes() -> Assistant {
        let mut talents = synthetic(2_000, 5);
        for (i, (age, city)) in [(45, "delhi"), (30, "mumbai")].into_iter().enumerate() {
            let t = &mut talents[i];
            t.name = "Kabir Khan".to_string();
            (t.age, t.city, t.gender) = (age, city.to_string(), crate::Gender::Male);
            (t.playing_age_min, t.playing_age_max) = (None, None);
        }
        Assistant::new(Catalog::new(talents).unwrap())
    }

    #[test]
    fn more_and_why_not_leave_the_brief_and_the_cards() {
        let mut a = with_namesakes();
        let brief = a.say(1, "male lead, 28-35, Mumbai", 12);
        let more = a.say(2, "show me more", 12);
        assert_eq!(more.listing, Some(Listing::More));
        assert!(more.matches.is_empty());
        assert_eq!(more.requirements, brief.requirements);
        let why = a.say(3, "why is kabir khan not in the list?", 12);
        assert_eq!(why.requirements, brief.requirements);
        assert!(why.matches.is_empty());
        let Some(Listing::WhyNot {
            name,
            found,
            talents,
        }) = why.listing
        else {
            panic!("not a why-not: {:?}", why.listing);
        };
        assert_eq!((name.as_str(), found), ("kabir khan", 2));
        let failed: Vec<&[String]> = talents.iter().map(|t| t.failed.as_slice()).collect();
        assert_eq!(
            failed,
            [&["age".to_string(), "cities".to_string()][..], &[]]
        );
        let Some(Listing::WhyNot { found, .. }) = a.say(4, "where is Zzyzx Qwerty?", 12).listing
        else {
            panic!("not a why-not");
        };
        assert_eq!(found, 0);
    }

    #[test]
    fn a_turn_refines_ranks_and_is_remembered() {
        let mut a = assistant();
        let first = a.say(1, "Female lead, 25-32, speaks Hindi", 10);
        assert_eq!(first.requirements.age_min, Some(25));
        assert!(first.matching >= first.matches.len() && !first.matches.is_empty());
        assert!(first
            .matches
            .iter()
            .all(|m| first.requirements.admits(&m.talent)));
        let older = a.say(2, "a bit older", 10);
        assert_eq!(
            (older.requirements.age_min, older.requirements.age_max),
            (Some(30), Some(37))
        );
        assert_eq!(older.changes.len(), 1);
        assert!(older.reply.contains("30-37"), "{}", older.reply);
        assert_eq!(
            a.session.role_episodes().len(),
            2,
            "each turn is an episode"
        );
    }

    #[test]
    fn tool_input_becomes_the_standing_brief_and_bad_input_changes_nothing() {
        let mut a = assistant();
        a.say(1, "male, 40-50", 5);
        let input =
            serde_json::json!({"gender": "female", "age_min": 20, "cities": ["Bombay"], "k": 3});
        let answer = a.tool_search(2, &input).unwrap();
        assert!(answer.requirements.cities.contains("mumbai"));
        assert!(answer.matches.len() <= 3);
        let bad = serde_json::json!({"age_min": "thirty"});
        assert!(a.tool_search(3, &bad).is_err());
        let standing = a
            .session
            .current_role()
            .map(|r| r.conversation.requirements().clone());
        assert_eq!(standing, Some(answer.requirements));
    }

    /// The three quick decisions, then "undo" twice and "undo that reject" in the chat.
    #[test]
    fn undo_in_the_chat_takes_decisions_back_one_by_one() {
        let mut a = assistant();
        let shown = a.say(1, "woman, 20-40", 10).matches;
        let (x, y, z) = (&shown[0].id, &shown[1].id, &shown[2].id);
        a.session.feedback(2, x, Decision::Shortlist, None).unwrap();
        a.session.feedback(3, y, Decision::Reject, None).unwrap();
        a.session.feedback(4, z, Decision::Shortlist, None).unwrap();
        let undo = a.say(5, "undo that reject", 10);
        let undone = undo.undone.expect("an undo turn");
        assert_eq!((undone.len(), &undone[0].talent_id), (1, y));
        assert!(undo.reply.starts_with("Undid rejecting"), "{}", undo.reply);
        assert!(undo.matches.is_empty() && undo.requirements.age_min == Some(20));
        let ids = |a: &Assistant| {
            a.session
                .shortlist()
                .into_iter()
                .map(|r| r.talent_id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&a), vec![x.clone(), z.clone()]);
        assert!(a.session.rejected().is_empty());
        let two = a.say(6, "undo the last two", 10).undone.unwrap();
        assert_eq!(
            two.iter().map(|u| &u.talent_id).collect::<Vec<_>>(),
            vec![z, x]
        );
        assert!(ids(&a).is_empty());
        let none = a.say(7, "undo", 10);
        assert_eq!(none.undone, Some(vec![]));
        assert!(none.reply.contains("Nothing to undo"), "{}", none.reply);
        assert_eq!(a.say(8, "a bit older", 10).undone, None);
    }

    /// Issue 19: no age, or an adult range, lists no minors; a child role lists only minors.
    #[test]
    fn adults_by_default_children_only_when_asked() {
        let mut a = assistant();
        let ages = |answer: &Answer| {
            answer
                .matches
                .iter()
                .map(|m| m.talent.age)
                .collect::<Vec<_>>()
        };
        let adult = |answer: &Answer| ages(answer).into_iter().all(|age| age >= 18);
        let anyone = a.say(1, "comic sidekick, Hindi", 40);
        assert!(
            anyone.matches.len() >= 10 && adult(&anyone),
            "{:?}",
            ages(&anyone)
        );
        let under = a.say(2, "under 28", 40);
        assert!(under.requirements.age_max <= Some(28) && under.requirements.age_min.is_none());
        assert!(
            adult(&under) && !under.matches.is_empty(),
            "{:?}",
            ages(&under)
        );
        let everyone = a.catalog.len();
        let kids = a.catalog.talents().filter(|t| t.age < 18).count();
        assert!(kids > 0, "the synthetic roster has minors");
        assert_eq!(
            a.catalog.count_matching(&Requirements::default()),
            everyone - kids
        );
        a.reset_conversation(3);
        let child = a.say(4, "a child, boy or girl", 40);
        assert!(!child.matches.is_empty());
        assert!(child
            .matches
            .iter()
            .all(|m| m.talent.age < 18 && m.reasons[0].starts_with("minor")));
        a.reset_conversation(5);
        let teen = a.say(6, "teenager", 200);
        assert!(
            teen.matches.iter().any(|m| m.talent.age < 18),
            "{:?}",
            ages(&teen)
        );
    }

    #[test]
    fn an_empty_brief_asks_for_one_instead_of_listing_people() {
        let mut a = assistant();
        let answer = a.say(1, "hello", 10);
        assert!(answer.requirements.is_empty() && answer.matches.is_empty());
        assert_eq!(answer.reply, ASK_FOR_A_BRIEF);
        let some = a.say(2, "woman, Hindi", 10);
        assert!(!some.matches.is_empty());
        assert!(
            some.matches.iter().all(|m| m.fit == 100),
            "hard constraints only: all fit"
        );
    }

    /// Issue 19: "drop the city" lowered every score. Fit counts only what a talent misses of
    /// the pluses and the look, so widening the brief never changes it.
    #[test]
    fn fit_is_0_to_100_and_widening_the_brief_keeps_it() {
        let mut a = assistant();
        let narrow = a.say(1, "woman, 20-40, Hindi, Mumbai, kathak would be a plus", 40);
        assert!(narrow.matches.iter().all(|m| m.fit <= 100));
        let fits = narrow.matches.iter().map(|m| m.fit).collect::<Vec<_>>();
        assert!(
            fits.windows(2).all(|w| w[0] >= w[1]),
            "ordered by fit: {fits:?}"
        );
        assert!(fits.contains(&100) && fits.contains(&85), "{fits:?}");
        let lacking = narrow.matches.iter().find(|m| m.fit == 85).unwrap();
        assert_eq!(lacking.concerns, vec!["no Kathak listed".to_string()]);
        assert!(!lacking.reasons.iter().any(|r| r.starts_with("no ")));
        let wide = a.say(2, "drop the city", 40);
        assert!(wide.requirements.cities.is_empty());
        for m in &wide.matches {
            let expected = if m.talent.has_skill("kathak") {
                100
            } else {
                85
            };
            assert_eq!(m.fit, expected, "{}", m.id);
        }
        for m in narrow
            .matches
            .iter()
            .filter(|m| wide.matches.iter().any(|w| w.id == m.id))
        {
            let again = wide.matches.iter().find(|w| w.id == m.id).unwrap();
            assert_eq!(
                again.fit, m.fit,
                "{}'s fit changed when the brief widened",
                m.id
            );
        }
    }

    #[test]
    fn a_rejected_talent_leaves_the_next_answer() {
        let mut a = assistant();
        let first = a.say(1, "woman, 20-40", 10);
        let rejected = first.matches[0].id.clone();
        let decision = crate::memory::Decision::Reject;
        a.session.feedback(2, &rejected, decision, None).unwrap();
        let next = a.set_requirements(3, first.requirements.clone(), 10);
        assert!(next.matches.iter().all(|m| m.id != rejected));
    }
}
