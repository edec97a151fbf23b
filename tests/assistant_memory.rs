//! The assistant keeps the open role's personalisation between queries. These tests hold it to
//! two promises: every change of memory or roster reaches the next answer (the kept one is
//! never stale), and the kept one ranks exactly as a freshly built one would.

use castmatch_core::assistant::Assistant;
use castmatch_core::memory::{Decision, Session};
use castmatch_core::rank::rank;
use castmatch_core::roster::synthetic;
use castmatch_core::{Catalog, Match, Requirements, Talent};

const K: usize = 10;

fn assistant() -> Assistant {
    Assistant::new(Catalog::new(synthetic(3_000, 5)).unwrap())
}

/// The ranking with a personalisation built just now, bypassing the kept one.
fn fresh(a: &Assistant, r: &Requirements) -> Vec<Match> {
    rank(&a.catalog, r, K, &a.session.personalisation(&a.catalog))
}

/// Checks that `change` alters the assistant's next answer for `r`, and that the answer is the
/// one a fresh personalisation gives: a stale kept personalisation would fail one or the other.
fn reaches_the_next_answer(
    a: &mut Assistant,
    r: &Requirements,
    what: &str,
    change: impl FnOnce(&mut Assistant),
) {
    let before = a.search(r, K);
    change(a);
    let after = a.search(r, K);
    assert_ne!(after, before, "{what}: the ranking should change");
    assert_eq!(
        after,
        fresh(a, r),
        "{what}: kept and fresh personalisations differ"
    );
}

fn ids(matches: &[Match]) -> Vec<&str> {
    matches.iter().map(|m| m.id.as_str()).collect()
}

/// The first talent among the top 200 for `r` that `pick` accepts.
fn find(a: &Assistant, r: &Requirements, pick: impl Fn(&Talent) -> bool) -> String {
    let pool = rank(&a.catalog, r, 200, &a.session.personalisation(&a.catalog));
    pool.into_iter()
        .find(|m| pick(&m.talent))
        .expect("a talent to pick")
        .id
}

#[test]
fn a_conversation_turn_keeps_the_memory_revision() {
    let mut a = assistant();
    a.session
        .remember(1, "I prefer theatre-trained actors")
        .unwrap();
    let revision = a.session.revision();
    let first = a.say(2, "woman, 20-40, speaks Hindi", K);
    a.say(3, "a bit older", K);
    a.set_requirements(4, first.requirements.clone(), K);
    let input = serde_json::json!({"gender": "male", "age_min": 30});
    a.tool_search(5, &input).unwrap();
    a.reset_conversation(6);
    assert_eq!(
        a.session.revision(),
        revision,
        "turns do not invalidate the kept personalisation"
    );
    a.session
        .feedback(7, &first.matches[0].id, Decision::Note, Some("call back"))
        .unwrap();
    assert_ne!(a.session.revision(), revision, "a decision does");
}

#[test]
fn decisions_and_preferences_reach_the_next_answer() {
    let mut a = assistant();
    let r = a.say(1, "woman, 20-40", K).requirements;
    let top = a.search(&r, K)[0].id.clone();
    reaches_the_next_answer(&mut a, &r, "reject", |a| {
        a.session.feedback(2, &top, Decision::Reject, None).unwrap()
    });
    assert!(a.search(&r, 3_000).iter().all(|m| m.id != top));
    let theatre = find(&a, &r, |t| t.has_theatre_background());
    reaches_the_next_answer(&mut a, &r, "shortlist", |a| {
        a.session
            .feedback(3, &theatre, Decision::Shortlist, None)
            .unwrap()
    });
    let mut preference = String::new();
    reaches_the_next_answer(&mut a, &r, "remember", |a| {
        preference = a
            .session
            .remember(4, "avoid theatre-trained actors")
            .unwrap()
            .id
    });
    reaches_the_next_answer(&mut a, &r, "forget", |a| {
        a.session.forget(5, &preference).unwrap();
    });
    reaches_the_next_answer(&mut a, &r, "show rejected", |a| {
        a.session.show_rejected(7, true)
    });
    assert!(a.search(&r, 3_000).iter().any(|m| m.id == top));
    reaches_the_next_answer(&mut a, &r, "never", |a| {
        a.session
            .remember(6, "never show me anyone over 30")
            .unwrap();
    });
    assert!(a.search(&r, 50).iter().all(|m| m.talent.age <= 30));
}

#[test]
fn moving_between_roles_projects_and_directors_reaches_the_next_answer() {
    let mut a = assistant();
    let r = a.say(1, "man, 25-50", K).requirements;
    let top = a.search(&r, K)[0].id.clone();
    a.session.feedback(2, &top, Decision::Reject, None).unwrap();
    reaches_the_next_answer(&mut a, &r, "open role", |a| {
        a.session.open_role(3, "Brother").unwrap();
    });
    assert!(
        a.search(&r, K).iter().any(|m| m.id == top),
        "a rejection is per role"
    );
    let second = a.search(&r, K)[1].id.clone();
    a.session
        .feedback(4, &second, Decision::Reject, None)
        .unwrap();
    reaches_the_next_answer(&mut a, &r, "open project", |a| {
        a.session.open_project("Sequel").unwrap()
    });
    a.session.remember(5, "prefer Marathi speakers").unwrap();
    reaches_the_next_answer(&mut a, &r, "switch director", |a| {
        a.session.switch_director("Anita").unwrap()
    });
}

#[test]
fn restored_and_imported_memory_reaches_the_next_answer() {
    let mut a = assistant();
    let r = a.say(1, "woman, 20-40", K).requirements;
    let mut other = Session::new();
    other
        .remember(2, "I prefer theatre-trained actors")
        .unwrap();
    other
        .feedback(3, &a.search(&r, K)[0].id, Decision::Reject, None)
        .unwrap();
    let bytes = other.snapshot();
    reaches_the_next_answer(&mut a, &r, "restore", |a| {
        a.session.restore(&bytes).unwrap()
    });
    reaches_the_next_answer(&mut a, &r, "replace the session", |a| {
        a.session = Session::new()
    });

    let mut anita = Session::new();
    anita.switch_director("Anita").unwrap();
    anita.remember(4, "avoid theatre-trained actors").unwrap();
    let json = anita.export_director(None).unwrap();
    a.session.switch_director("Anita").unwrap();
    reaches_the_next_answer(&mut a, &r, "import", |a| {
        a.session.import_director(&json).unwrap();
    });
}

#[test]
fn roster_changes_reach_the_next_answer() {
    let mut a = assistant();
    let r = a.say(1, "woman, 20-40", K).requirements;
    let top = a.search(&r, K)[0].clone();
    reaches_the_next_answer(&mut a, &r, "remove", |a| {
        a.catalog.remove(&top.id).unwrap();
    });
    let mut twin = top.talent.clone();
    twin.id = "TWIN".into();
    reaches_the_next_answer(&mut a, &r, "add", |a| a.catalog.add(twin).unwrap());
    // A shortlisted talent's vector moves the query: changing or removing it moves it again.
    let shortlisted = a.search(&r, K)[1].id.clone();
    a.session
        .feedback(2, &shortlisted, Decision::Shortlist, None)
        .unwrap();
    let mut moved = a.catalog.get(&shortlisted).unwrap().clone();
    (moved.age, moved.skills) = (60, vec!["boxing".into()]);
    reaches_the_next_answer(&mut a, &r, "update", |a| a.catalog.update(moved).unwrap());
    reaches_the_next_answer(&mut a, &r, "remove a shortlisted talent", |a| {
        a.catalog.remove(&shortlisted).unwrap();
    });

    // A rejection follows the talent's id, not the slot it had: re-added, it stays hidden.
    let rejected = a.search(&r, K)[0].clone();
    a.session
        .feedback(3, &rejected.id, Decision::Reject, None)
        .unwrap();
    a.search(&r, K);
    a.catalog.remove(&rejected.id).unwrap();
    a.search(&r, K);
    a.catalog.add(rejected.talent.clone()).unwrap();
    let after = a.search(&r, 3_000);
    assert!(!ids(&after).contains(&rejected.id.as_str()));
    assert_eq!(a.search(&r, K), fresh(&a, &r));
}

#[test]
fn kept_and_fresh_personalisations_rank_alike_over_many_turns() {
    let mut a = assistant();
    for (i, text) in [
        "prefer Marathi speakers",
        "avoid boxers",
        "never show me anyone over 55 for mother roles",
    ]
    .iter()
    .enumerate()
    {
        a.session.remember(i as i64, text).unwrap();
    }
    let turns = [
        "female lead, 25-45, speaks Hindi",
        "a bit older",
        "must know kathak",
        "drop the kathak",
        "based in Mumbai",
    ];
    for role in ["Lead", "Mother of the bride"] {
        a.session.open_role(10, role).unwrap();
        for (i, text) in turns.iter().enumerate() {
            let now = 100 + i as i64;
            let answer = a.say(now, text, K);
            assert_eq!(
                answer.matches,
                fresh(&a, &answer.requirements),
                "{role}: {text}"
            );
            // Feedback as a director gives it: reject one shown, shortlist a theatre actor.
            a.session
                .feedback(now, &answer.matches[0].id, Decision::Reject, None)
                .unwrap();
            let theatre = find(&a, &answer.requirements, |t| t.has_theatre_background());
            a.session
                .feedback(now, &theatre, Decision::Shortlist, None)
                .unwrap();
        }
    }
    let learned = a.search(&Requirements::default(), K);
    assert!(
        learned
            .iter()
            .any(|m| m.reasons.iter().any(|r| r.starts_with("you shortlisted"))),
        "the shortlists taught a trait: {:?}",
        learned.iter().map(|m| &m.reasons).collect::<Vec<_>>()
    );
}
