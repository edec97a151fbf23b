//! Memory, end to end on a deterministic roster: the behaviours the director is promised,
//! shown with numbers (run with `--nocapture` to see them).

use castmatch_core::memory::{Decision, Event, Personalisation, PreferenceKind, Session, Target};
use castmatch_core::rank::rank;
use castmatch_core::roster::{Credit, CreditKind, Gender, Talent};
use castmatch_core::{Catalog, Match, Requirements};
use proptest::prelude::*;

/// A roster of `n` talents from a fixed linear congruential sequence: about one in five has
/// theatre training (as a skill or theatre credits).
fn roster(n: usize) -> Vec<Talent> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |m: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % m
    };
    let skills = [
        "kathak",
        "boxing",
        "singing",
        "horse riding",
        "guitar",
        "yoga",
        "swimming",
    ];
    let cities = ["mumbai", "delhi", "pune", "kolkata", "chennai"];
    let languages = ["marathi", "bengali", "tamil", "punjabi", "english"];
    (0..n)
        .map(|i| {
            let theatre = next(5) == 0;
            let mut talent_skills = vec![skills[next(7) as usize].to_string()];
            if theatre && next(2) == 0 {
                talent_skills.push("theatre".into());
            }
            let credits = if theatre {
                vec![Credit {
                    kind: CreditKind::Theatre,
                    title: format!("Play {i}"),
                    year: 2015,
                }]
            } else {
                vec![Credit {
                    kind: CreditKind::Film,
                    title: format!("Film {i}"),
                    year: 2018,
                }]
            };
            let gender = if next(2) == 0 {
                Gender::Female
            } else {
                Gender::Male
            };
            let mut t = Talent::new(
                format!("T{i:05}"),
                format!("Talent {i}"),
                gender,
                18 + next(60) as u32,
                150 + next(40) as u32,
                cities[next(5) as usize],
                vec!["hindi".into(), languages[next(5) as usize].into()],
                talent_skills,
            );
            t.experience_years = next(20) as u32;
            t.credits = credits;
            t
        })
        .collect()
}

fn catalog() -> Catalog {
    Catalog::new(roster(3_000)).expect("unique ids")
}

fn brief() -> Requirements {
    Requirements {
        gender: Some(Gender::Female),
        age_min: Some(25),
        age_max: Some(45),
        languages: ["hindi".to_string()].into(),
        ..Default::default()
    }
}

fn search(catalog: &Catalog, session: &Session, k: usize) -> Vec<Match> {
    rank(catalog, &brief(), k, &session.personalisation(catalog))
}

fn theatre_share(matches: &[Match]) -> f32 {
    let n = matches
        .iter()
        .filter(|m| m.talent.has_theatre_background())
        .count();
    n as f32 / matches.len().max(1) as f32
}

fn session_on(role: &str) -> Session {
    let mut s = Session::new();
    s.open_role(1_000, role).unwrap();
    s
}

#[test]
fn a_rejected_talent_disappears_from_the_next_results() {
    let c = catalog();
    let mut s = session_on("Lead");
    let before = search(&c, &s, 10);
    let rejected = before[0].id.clone();
    s.feedback(2_000, &rejected, Decision::Reject, Some("too polished"))
        .unwrap();
    let after = search(&c, &s, 10);
    println!(
        "rejected {rejected}: in top 10 before = true, after = {}",
        after.iter().any(|m| m.id == rejected)
    );
    assert!(after.iter().all(|m| m.id != rejected));
    assert!(
        search(&c, &s, 3_000).iter().all(|m| m.id != rejected),
        "not anywhere in the list"
    );
    s.show_rejected(3_000, true);
    assert!(
        search(&c, &s, 10).iter().any(|m| m.id == rejected),
        "shown again when asked"
    );
    let mut other_role = s.clone();
    other_role.open_role(4_000, "Sister").unwrap();
    assert!(
        other_role.personalisation(&c).excluded_count() == 0,
        "a rejection is per role"
    );
}

/// Shortlists the first three theatre-trained talents of a wide search; returns their ids.
fn shortlist_three_theatre_actors(c: &Catalog, s: &mut Session) -> Vec<String> {
    let picks: Vec<String> = search(c, s, 200)
        .into_iter()
        .filter(|m| m.talent.has_theatre_background())
        .take(3)
        .map(|m| m.id)
        .collect();
    for (i, id) in picks.iter().enumerate() {
        s.feedback(2_000 + i as i64, id, Decision::Shortlist, None)
            .unwrap();
    }
    picks
}

#[test]
fn shortlisting_theatre_actors_raises_the_theatre_share_of_the_next_top_10() {
    let c = catalog();
    let mut s = session_on("Lead");
    let before = search(&c, &s, 10);
    let picks = shortlist_three_theatre_actors(&c, &mut s);
    let after = search(&c, &s, 10);
    let after_new: Vec<Match> = search(&c, &s, 13)
        .into_iter()
        .filter(|m| !picks.contains(&m.id))
        .take(10)
        .collect();
    println!(
        "theatre-trained share of top 10: before {:.0}%, after {:.0}% (excluding the 3 shortlisted: {:.0}%)",
        100.0 * theatre_share(&before),
        100.0 * theatre_share(&after),
        100.0 * theatre_share(&after_new)
    );
    assert!(theatre_share(&after) > theatre_share(&before));
    assert!(theatre_share(&after_new) > theatre_share(&before));
    let reason = "you shortlisted 3 theatre-trained actors for this role";
    assert!(after
        .iter()
        .filter(|m| m.talent.has_theatre_background())
        .all(|m| m.reasons.iter().any(|r| r == reason)));
}

/// Issue 19: a "Comic sidekick" opened after shortlisting theatre actors and dancers for the
/// lead ranked with "you shortlisted 3 theatre-trained actors". Learning is per role now: a
/// new role ranks exactly as for a fresh director, apart from what the director states.
#[test]
fn a_new_role_after_decisions_on_another_ranks_as_for_a_fresh_director() {
    let c = catalog();
    let mut s = session_on("Lead");
    shortlist_three_theatre_actors(&c, &mut s);
    let top = search(&c, &s, 5);
    s.feedback(2_100, &top[4].id, Decision::Reject, None)
        .unwrap();
    s.open_role(3_000, "Comic sidekick").unwrap();
    let fresh = session_on("Comic sidekick");
    assert_eq!(search(&c, &s, 50), search(&c, &fresh, 50));
    s.remember(4_000, "I prefer theatre-trained actors")
        .unwrap();
    let stated = search(&c, &s, 50);
    assert!(stated
        .iter()
        .all(|m| !m.reasons.iter().any(|r| r.starts_with("you shortlisted"))));
    assert!(stated.iter().any(|m| m
        .reasons
        .contains(&"you prefer theatre-trained actors (stated, p1, all roles)".to_string())));
    s.open_role(5_000, "Lead").unwrap();
    let back = search(&c, &s, 50);
    assert!(back
        .iter()
        .any(|m| m.reasons.iter().any(|r| r.ends_with("for this role"))));
}

#[test]
fn a_stated_preference_ranks_and_says_so() {
    let c = catalog();
    let mut s = session_on("Lead");
    let before = theatre_share(&search(&c, &s, 10));
    let p = s
        .remember(1_500, "I prefer theatre-trained actors")
        .unwrap();
    assert_eq!((p.id.as_str(), p.kind), ("p1", PreferenceKind::Prefer));
    let after = search(&c, &s, 10);
    println!(
        "prefer theatre: share {:.0}% -> {:.0}%",
        100.0 * before,
        100.0 * theatre_share(&after)
    );
    assert!(theatre_share(&after) > before);
    let first_theatre = after
        .iter()
        .find(|m| m.talent.has_theatre_background())
        .unwrap();
    assert!(first_theatre
        .reasons
        .contains(&"you prefer theatre-trained actors (stated, p1, all roles)".to_string()));
}

#[test]
fn a_newer_contradicting_preference_wins_and_the_older_is_kept_as_history() {
    let c = catalog();
    let mut s = session_on("Lead");
    s.remember(1_000, "I prefer theatre-trained actors")
        .unwrap();
    let preferring = theatre_share(&search(&c, &s, 10));
    s.remember(2_000, "avoid theatre actors").unwrap();
    let avoiding = theatre_share(&search(&c, &s, 10));
    println!(
        "theatre share of top 10: prefer {:.0}%, then avoid {:.0}%",
        100.0 * preferring,
        100.0 * avoiding
    );
    assert!(avoiding < preferring);
    let view = s.view();
    assert_eq!(view.preferences.len(), 1);
    assert_eq!(view.preferences[0].kind, PreferenceKind::Avoid);
    assert_eq!(view.superseded.len(), 1);
    assert_eq!(view.superseded[0].id, "p1");
    assert_eq!(view.superseded[0].superseded_by.as_deref(), Some("p2"));
}

#[test]
fn never_over_60_applies_to_mother_roles_only() {
    let c = catalog();
    let wide = Requirements {
        gender: Some(Gender::Female),
        ..Default::default()
    };
    let mut s = session_on("Mother of the bride");
    let over_60 = |s: &Session| {
        rank(&c, &wide, 300, &s.personalisation(&c))
            .iter()
            .filter(|m| m.talent.age > 60)
            .count()
    };
    let before = over_60(&s);
    s.remember(1_000, "never show me anyone over 60 for mother roles")
        .unwrap();
    let after = over_60(&s);
    s.open_role(2_000, "Cop").unwrap();
    let elsewhere = over_60(&s);
    println!("over-60s in 300 results: mother role {before} -> {after}; cop role {elsewhere}");
    assert!(before > 0 && after == 0 && elsewhere > 0);
    s.open_role(3_000, "Mother of the bride").unwrap();
    s.remember(4_000, "never show me anyone over 70 for mother roles")
        .unwrap();
    let limit = s.view().preferences[0].target.clone();
    assert_eq!(
        limit,
        Target::OlderThan(70),
        "the newer limit replaced the older one"
    );
}

#[test]
fn forget_removes_a_preference_and_its_effect() {
    let c = catalog();
    let mut s = session_on("Lead");
    let plain = search(&c, &s, 10);
    let p = s.remember(1_000, "prefer theatre-trained actors").unwrap();
    assert_ne!(search(&c, &s, 10), plain);
    let gone = s.forget(2_000, &p.id).unwrap();
    assert_eq!(gone.text, "prefer theatre-trained actors");
    assert_eq!(search(&c, &s, 10), plain);
    assert!(s.view().preferences.is_empty() && s.view().superseded.is_empty());
    assert!(s.forget(3_000, &p.id).is_err());
    let forgot = s
        .role_episodes()
        .iter()
        .any(|e| matches!(&e.event, Event::Forgot { preference_id, .. } if *preference_id == p.id));
    assert!(forgot, "the episode log keeps that it was forgotten");
}

#[test]
fn episodes_answer_shortlist_rejections_and_a_talents_history() {
    let mut s = session_on("Lead");
    s.record_turn(
        1_100,
        "female lead, 25-45, hindi",
        &brief(),
        &["T00001".into(), "T00002".into()],
    );
    s.feedback(1_200, "T00001", Decision::Shortlist, None)
        .unwrap();
    s.feedback(
        1_300,
        "T00002",
        Decision::Reject,
        Some("too young for the part"),
    )
    .unwrap();
    s.feedback(1_400, "T00003", Decision::Shortlist, Some("great audition"))
        .unwrap();
    s.open_role(2_000, "Sister").unwrap();
    s.feedback(2_100, "T00002", Decision::Shortlist, None)
        .unwrap();
    s.open_role(3_000, "Lead").unwrap();

    let shortlist: Vec<_> = s.shortlist().into_iter().map(|d| d.talent_id).collect();
    assert_eq!(shortlist, ["T00001", "T00003"]);
    let rejected = s.rejected();
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0].note.as_deref(), Some("too young for the part"));
    let history: Vec<(String, i64)> = s
        .talent_history("T00002")
        .iter()
        .map(|e| (e.role.clone(), e.at))
        .collect();
    assert_eq!(
        history,
        [
            ("Lead".into(), 1_100),
            ("Lead".into(), 1_300),
            ("Sister".into(), 2_100)
        ]
    );
    assert_eq!(
        s.view().brief,
        brief(),
        "the standing brief is the role's working memory"
    );
    let turn = s.say(3_100, "female lead, 25-32, fluent Marathi");
    s.record_turn(
        3_200,
        "female lead, 25-32, fluent Marathi",
        &turn.requirements,
        &[],
    );
    let turn = s.say(3_300, "a bit older");
    assert_eq!(
        (turn.requirements.age_min, turn.requirements.age_max),
        (Some(30), Some(37))
    );
    let restored = Session::from_snapshot(&s.snapshot()).unwrap();
    assert_eq!(
        restored.current_role().unwrap().conversation,
        s.current_role().unwrap().conversation
    );
    assert_eq!(s.roles().len(), 2);
    assert!(
        s.feedback(4_000, "T00001", Decision::Note, None).is_err(),
        "a note needs text"
    );
    assert!(Decision::parse("maybe").is_err());
}

#[test]
fn snapshot_then_restore_gives_identical_rankings() {
    let c = catalog();
    let mut s = session_on("Lead");
    s.remember(1_000, "prefer theatre-trained actors").unwrap();
    s.remember(1_001, "avoid boxers").unwrap();
    let top = search(&c, &s, 20);
    s.feedback(1_100, &top[0].id, Decision::Reject, Some("no"))
        .unwrap();
    s.feedback(1_200, &top[1].id, Decision::Shortlist, None)
        .unwrap();
    s.feedback(1_300, &top[2].id, Decision::Shortlist, None)
        .unwrap();
    let bytes = s.snapshot();
    let restored = Session::from_snapshot(&bytes).unwrap();
    assert_eq!(restored, s);
    assert_eq!(search(&c, &restored, 50), search(&c, &s, 50));
    assert_eq!(restored.snapshot(), bytes, "snapshots are deterministic");
}

/// A memory with one preference and one shortlist, for the snapshot tests.
fn small_memory() -> Session {
    let mut s = session_on("Lead");
    s.remember(1_000, "prefer theatre-trained actors").unwrap();
    s.feedback(1_100, "T00001", Decision::Shortlist, None)
        .unwrap();
    let talent = Talent::new(
        "T00001",
        "Asha Rao",
        Gender::Female,
        28,
        160,
        "pune",
        vec![],
        vec![],
    );
    s.annotate(&talent, "strong read", &["callback".into()])
        .unwrap();
    s.add_slot(1_200, "2026-03-02", "10:30", "Andheri").unwrap();
    s.invite(1_300, "T00001", 1).unwrap();
    s
}

/// A format 3 snapshot written by the build before format 4 (see tests/data/README.md).
const FORMAT_3: &[u8] = include_bytes!("data/memory-format-3.snapshot");

/// The format 3 fixture as `version`: formats 1 and 2 laid out the same payload (format 1
/// with a CRC-32, 2 and 3 with xxHash32).
fn fixture_as(version: u32) -> Vec<u8> {
    let mut old = FORMAT_3.to_vec();
    old[8..12].copy_from_slice(&version.to_le_bytes());
    if version == 1 {
        let crc = castmatch_core::checksum::crc32(&old[24..]);
        old[20..24].copy_from_slice(&crc.to_le_bytes());
    }
    old
}

/// What the fixture holds, read through today's API; each restored format must show it.
fn assert_is_the_fixture(s: &mut Session) {
    let ids = |records: Vec<castmatch_core::memory::DecisionRecord>| {
        records.into_iter().map(|r| r.talent_id).collect::<Vec<_>>()
    };
    s.switch_director("Anita").unwrap();
    s.open_project("default").unwrap();
    s.open_role(0, "Lead").unwrap();
    assert_eq!(ids(s.shortlist()), vec!["T00001"]);
    assert_eq!(s.rejected()[0].note.as_deref(), Some("not the look"));
    s.open_role(0, "Sister").unwrap();
    assert_eq!(ids(s.shortlist()), vec!["T00003"]);
    let view = s.view();
    assert!(view.candidates.is_empty() && view.auditions.slots.is_empty());
}

/// Formats 1, 2 and 3 still restore (with no candidates or auditions), are saved again as
/// format 4, and a damaged one is refused with the memory kept.
#[test]
fn memories_saved_in_formats_1_2_and_3_still_restore() {
    for version in 1..=3 {
        let old = fixture_as(version);
        let mut restored =
            Session::from_snapshot(&old).unwrap_or_else(|e| panic!("v{version}: {e}"));
        assert_eq!(
            &restored.snapshot()[8..12],
            &4u32.to_le_bytes(),
            "saved as format 4"
        );
        let again = Session::from_snapshot(&restored.snapshot()).unwrap();
        assert_eq!(again, restored, "v{version} round trips as format 4");
        assert_is_the_fixture(&mut restored);

        let mut kept = small_memory();
        let before = kept.clone();
        let mut damaged = old.clone();
        let last = damaged.len() - 1;
        damaged[last] ^= 1;
        let err = kept.restore(&damaged).unwrap_err();
        assert!(err.to_string().contains("checksum"), "v{version}: {err}");
        assert_eq!(kept, before, "v{version}: the memory is kept");
    }
    let err = Session::from_snapshot(&fixture_as(5)).unwrap_err();
    assert!(err.to_string().contains("versions 1 to 4"), "{err}");
}

/// Restored from format 3 (ids only), the names come back from the roster that has them.
#[test]
fn an_old_memory_gets_its_details_from_the_roster() {
    let c = catalog();
    let mut s = Session::from_snapshot(FORMAT_3).unwrap();
    s.fill_details(|id| c.get(id));
    s.switch_director("Anita").unwrap();
    s.open_project("default").unwrap();
    s.open_role(0, "Lead").unwrap();
    let names: Vec<String> = s.view().candidates.into_iter().map(|c| c.name).collect();
    assert_eq!(names, vec!["Talent 1", "Talent 2"]);
}

/// Withdrawals and undos are format 3's news: they survive a snapshot, and undo goes on
/// where it stopped after a restore.
#[test]
fn withdrawals_and_undos_survive_a_snapshot() {
    let mut s = session_on("Lead");
    s.feedback(1, "T00001", Decision::Shortlist, None).unwrap();
    s.feedback(2, "T00002", Decision::Reject, None).unwrap();
    s.feedback(3, "T00001", Decision::Reject, None).unwrap(); // changed their mind
    s.withdraw(4, "T00002").unwrap();
    assert!(s.withdraw(5, "T00003").is_err(), "nothing to withdraw");
    let undone = s.undo(6, None).unwrap(); // the withdrawal
    assert_eq!(
        (undone.talent_id.as_str(), undone.withdrawal),
        ("T00002", true)
    );
    let mut restored = Session::from_snapshot(&s.snapshot()).unwrap();
    assert_eq!(restored, s);
    let ids = |s: &Session, d| {
        match d {
            Decision::Shortlist => s.shortlist(),
            _ => s.rejected(),
        }
        .into_iter()
        .map(|r| r.talent_id)
        .collect::<Vec<_>>()
    };
    assert_eq!(ids(&restored, Decision::Reject), vec!["T00002", "T00001"]);
    let back = restored.undo(7, None).unwrap(); // T00001's switch to reject
    assert_eq!(back.restored.map(|r| r.decision), Some(Decision::Shortlist));
    assert_eq!(ids(&restored, Decision::Shortlist), vec!["T00001"]);
    restored.undo(8, None).unwrap(); // T00002's reject
    restored.undo(9, None).unwrap(); // T00001's shortlist
    assert!(
        ids(&restored, Decision::Shortlist).is_empty()
            && ids(&restored, Decision::Reject).is_empty()
    );
    assert!(restored.undo(10, None).is_err() && !restored.can_undo());
    let again = Session::from_snapshot(&restored.snapshot()).unwrap();
    assert_eq!(again, restored);
}

#[test]
fn a_flipped_byte_is_refused_and_the_old_memory_stays() {
    let s = small_memory();
    let good = s.snapshot();
    let mut other = session_on("Sister");
    other.feedback(5, "T00009", Decision::Reject, None).unwrap();
    let kept = other.clone();
    let mut refused = 0;
    for at in 0..good.len() {
        let mut bad = good.clone();
        bad[at] ^= 0x10;
        let err = other
            .restore(&bad)
            .expect_err("every single flipped byte is refused");
        assert!(err.to_string().contains("byte"), "{err}");
        assert_eq!(other, kept);
        refused += 1;
    }
    println!(
        "{refused} of {} one-byte corruptions refused; memory unchanged each time",
        good.len()
    );
    let err = other.restore(&good[..good.len() - 1]).unwrap_err();
    assert!(err.to_string().contains("byte 12"), "{err}");
    assert!(other.restore(&[]).is_err() && other == kept);
    other.restore(&good).unwrap();
    assert_eq!(other, s);
}

#[test]
fn export_and_import_round_trip_one_director() {
    let mut s = session_on("Lead");
    s.switch_director("Anita").unwrap();
    s.open_role(1, "Lead").unwrap();
    s.remember(2, "never show me anyone over 60 for mother roles")
        .unwrap();
    s.feedback(3, "T00001", Decision::Shortlist, Some("strong"))
        .unwrap();
    let json = s.export_director(None).unwrap();
    assert!(json.contains("\"castmatch-director-memory\""));

    let mut fresh = Session::new();
    assert_eq!(fresh.import_director(&json).unwrap(), "Anita");
    assert_eq!(
        fresh.memory().directors.get("Anita"),
        s.memory().directors.get("Anita")
    );
    let before = fresh.clone();
    assert!(fresh
        .import_director("{\"format\":\"castmatch-director-memory\"")
        .is_err());
    assert!(fresh
        .import_director(&json.replace("\"version\":2", "\"version\":9"))
        .is_err());
    assert_eq!(fresh, before, "a refused import changes nothing");
    assert!(s.export_director(Some("Nobody")).is_err());
}

#[test]
fn an_export_read_on_one_side_is_imported_as_snapshot_bytes_on_the_other() {
    use castmatch_core::memory::director_snapshot;
    let mut s = session_on("Lead");
    s.switch_director("Anita").unwrap();
    s.open_role(1, "Lead").unwrap();
    s.feedback(3, "T00001", Decision::Shortlist, Some("strong"))
        .unwrap();
    let json = s.export_director(None).unwrap();
    let bytes = director_snapshot(&json).unwrap();

    let mut fresh = session_on("Lead");
    assert_eq!(fresh.import_director_snapshot(&bytes).unwrap(), "Anita");
    assert_eq!(
        fresh.memory().directors.get("Anita"),
        s.memory().directors.get("Anita")
    );
    let before = fresh.clone();
    let mut damaged = bytes.clone();
    let last = damaged.len() - 1;
    damaged[last] ^= 0x20;
    assert!(fresh.import_director_snapshot(&damaged).is_err());
    assert!(
        fresh.import_director_snapshot(&before.snapshot()).is_err(),
        "two directors"
    );
    assert!(director_snapshot("{\"format\":\"castmatch-director-memory\"").is_err());
    assert_eq!(fresh, before, "a refused import changes nothing");
}

#[test]
fn a_big_memory_snapshots_and_restores() {
    let mut s = Session::new();
    for role in 0..20 {
        s.open_role(role, &format!("Role {role}")).unwrap();
        for i in 0..500i64 {
            let id = format!("T{:05}", (role * 500 + i) % 9_000);
            if i % 2 == 0 {
                s.record_turn(i, "a bit older", &brief(), &[id.clone(), "T00001".into()]);
            } else {
                let d = if i % 3 == 0 {
                    Decision::Reject
                } else {
                    Decision::Shortlist
                };
                s.feedback(i, &id, d, Some("note")).unwrap();
            }
        }
    }
    let skills = ["theatre", "kathak", "boxing", "singing", "guitar"];
    for i in 0..500 {
        s.remember(i, &format!("prefer {} actors", skills[i as usize % 5]))
            .unwrap();
    }
    let episodes = s.director().unwrap().episodes.len();
    let bytes = s.snapshot();
    println!(
        "{episodes} episodes and 500 preferences: snapshot of {} KiB",
        bytes.len() / 1024
    );
    assert!(episodes >= 10_000);
    assert_eq!(Session::from_snapshot(&bytes).unwrap(), s);
}

/// Issue 19, item 10: a decision keeps the talent's name and details, so the shortlist reads
/// the same on a roster without them (a CSV loaded after the synthetic roster).
#[test]
fn a_shortlist_keeps_names_and_details_after_a_roster_change() {
    let c = catalog();
    let mut s = session_on("Lead");
    let mut talent = c.get("T00007").unwrap().clone();
    talent.photo_url = Some("https://example.com/t7.jpg".into());
    s.keep_details(&talent);
    s.feedback(2, "T00007", Decision::Shortlist, None).unwrap();

    let other_roster = Catalog::new(roster(5)).unwrap();
    assert!(other_roster.get("T00007").is_none());
    let restored = Session::from_snapshot(&s.snapshot()).unwrap();
    let card = &restored.view().candidates[0];
    assert_eq!(
        (
            card.talent_id.as_str(),
            card.name.as_str(),
            card.age,
            card.city.as_str()
        ),
        ("T00007", "Talent 7", talent.age, talent.city.as_str())
    );
    assert_eq!(card.gender, talent.gender);
    assert_eq!(
        card.photo_url.as_deref(),
        Some("https://example.com/t7.jpg")
    );
}

/// Issue 19, item 6: notes and tags per candidate, tidied, kept through later decisions,
/// shown in other roles, and carried by snapshots and exports.
#[test]
fn notes_and_tags_are_kept_per_candidate() {
    let c = catalog();
    let t = c.get("T00003").unwrap();
    let mut s = session_on("Lead");
    let tags = [
        "callback".to_string(),
        " Needs  dialect coach ".into(),
        "CALLBACK".into(),
        "".into(),
    ];
    let card = s
        .annotate(t, "  strong in the chemistry read ", &tags)
        .unwrap();
    assert_eq!(card.note, "strong in the chemistry read");
    assert_eq!(card.tags, vec!["callback", "Needs dialect coach"]);

    s.keep_details(t); // a later shortlist refreshes details and keeps the note
    s.feedback(3, "T00003", Decision::Shortlist, None).unwrap();
    assert_eq!(s.candidate("T00003").unwrap().tags.len(), 2);

    let before = s.clone();
    assert!(s.annotate(t, &"x".repeat(2_001), &[]).is_err());
    assert!(s.annotate(t, "", &["y".repeat(41)]).is_err());
    let many: Vec<String> = (0..21).map(|i| format!("tag {i}")).collect();
    assert!(s.annotate(t, "", &many).is_err());
    assert_eq!(s, before, "a refused note changes nothing");

    s.open_role(4, "Sister").unwrap();
    assert_eq!(
        s.view().candidates.len(),
        1,
        "an annotated talent shows in every role"
    );

    let restored = Session::from_snapshot(&s.snapshot()).unwrap();
    assert_eq!(restored.candidate("T00003"), s.candidate("T00003"));
    let json = s.export_director(None).unwrap();
    assert!(json.contains("Needs dialect coach"));
    let mut fresh = Session::new();
    fresh.import_director(&json).unwrap();
    assert_eq!(fresh.memory(), s.memory());
    assert_eq!(fresh.workbook(), s.workbook());
    let via_bytes = castmatch_core::memory::director_snapshot(&json).unwrap();
    let mut other = Session::new();
    other.import_director_snapshot(&via_bytes).unwrap();
    assert_eq!(other.workbook(), s.workbook());
    assert_eq!(other.memory(), s.memory());

    // Filling details (as a restore does) changes nothing when nothing is missing, for any
    // number of directors.
    s.switch_director("Anita").unwrap();
    s.annotate(c.get("T00004").unwrap(), "for the sister role?", &[])
        .unwrap();
    s.switch_director("default").unwrap();
    let mut filled = s.clone();
    filled.fill_details(|id| c.get(id));
    assert_eq!(filled, s);

    s.annotate(t, "", &[]).unwrap();
    assert!(!s.candidate("T00003").unwrap().annotated());
    assert!(
        s.view().candidates.is_empty(),
        "cleared, and not decided in this role"
    );
}

/// Issue 19, item 9: slots per role, invitations of shortlisted talents, their status; kept
/// in memory and checked on restore.
#[test]
fn auditions_are_scheduled_for_shortlisted_talents() {
    use castmatch_core::memory::InvitationStatus;
    let mut s = session_on("Lead");
    for (date, time, place) in [
        ("2026-02-30", "10:00", "Andheri"),
        ("2026-03-02", "25:00", "Andheri"),
        ("2026-03-02", "10:00", "  "),
        ("2 March", "10:00", "Andheri"),
    ] {
        assert!(
            s.add_slot(1, date, time, place).is_err(),
            "{date} {time} {place:?}"
        );
    }
    let slot = s
        .add_slot(1, "2026-03-02", "9:30", " Studio 4,  Film City ")
        .unwrap();
    assert_eq!(
        (slot.id, slot.time.as_str(), slot.place.as_str()),
        (1, "09:30", "Studio 4, Film City")
    );
    assert_eq!(slot.date.to_string(), "2026-03-02");
    let second = s.add_slot(1, "2026-03-03", "14:00", "Versova").unwrap();
    assert_eq!(second.id, 2);

    let err = s.invite(2, "T00005", 1).unwrap_err();
    assert!(err.to_string().contains("not shortlisted"), "{err}");
    s.feedback(3, "T00005", Decision::Shortlist, None).unwrap();
    assert!(s.invite(4, "T00005", 9).is_err(), "no slot 9");
    let invitation = s.invite(5, "T00005", 1).unwrap();
    assert_eq!(
        (invitation.status, invitation.at),
        (InvitationStatus::Invited, 5)
    );
    s.set_invitation(6, "T00005", InvitationStatus::Confirmed)
        .unwrap();
    assert!(s
        .set_invitation(6, "T00009", InvitationStatus::Seen)
        .is_err());
    let err = s.remove_slot(1).unwrap_err();
    assert!(err.to_string().contains("1 invitation"), "{err}");

    let moved = s.invite(8, "T00005", 2).unwrap();
    assert_eq!((moved.slot, moved.status), (2, InvitationStatus::Invited));
    assert_eq!(
        s.view().auditions.invitations.len(),
        1,
        "one invitation per talent"
    );
    s.remove_slot(1).unwrap();

    let restored = Session::from_snapshot(&s.snapshot()).unwrap();
    assert_eq!(restored, s);
    assert_eq!(restored.view().auditions, s.view().auditions);
    s.open_role(10, "Sister").unwrap();
    assert!(
        s.view().auditions.slots.is_empty(),
        "auditions are per role"
    );
    s.open_role(10, "Lead").unwrap();
    s.cancel_invitation("T00005").unwrap();
    assert!(s.view().auditions.invitations.is_empty());
}

/// A memory file whose invitation names a slot that does not exist is refused, and nothing
/// changes: the checks run on imports as on snapshots.
#[test]
fn an_invitation_to_a_missing_slot_is_refused_on_import() {
    let mut s = session_on("Lead");
    s.add_slot(1, "2026-03-02", "10:00", "Andheri").unwrap();
    s.feedback(2, "T00005", Decision::Shortlist, None).unwrap();
    s.invite(3, "T00005", 1).unwrap();
    let json = s.export_director(None).unwrap();
    let broken = json.replace("\"slot\":1", "\"slot\":7");
    assert_ne!(broken, json);
    let mut other = session_on("Sister");
    let kept = other.clone();
    let err = other.import_director(&broken).unwrap_err();
    assert!(err.to_string().contains("names no slot"), "{err}");
    assert_eq!(other, kept);
}

#[test]
fn without_memory_ranking_is_unchanged() {
    let c = catalog();
    let s = Session::new();
    assert_eq!(
        search(&c, &s, 20),
        rank(&c, &brief(), 20, &Personalisation::default())
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn restoring_arbitrary_bytes_never_panics_nor_changes_the_memory(
        bytes in proptest::collection::vec(any::<u8>(), 0..512),
        keep_header in any::<bool>(),
    ) {
        let mut s = session_on("Lead");
        s.feedback(1, "T00001", Decision::Reject, None).unwrap();
        let kept = s.clone();
        let mut input = bytes;
        if keep_header {
            // A valid header with garbage behind it reaches the length and checksum checks.
            let mut framed = s.snapshot()[..24].to_vec();
            framed.extend_from_slice(&input);
            input = framed;
        }
        if s.restore(&input).is_err() {
            prop_assert_eq!(&s, &kept);
        }
    }

    #[test]
    fn any_text_is_a_preference_or_a_readable_refusal(text in "\\PC{0,80}") {
        let mut s = session_on("Lead");
        match s.remember(1, &text) {
            Ok(p) => prop_assert_eq!(p.id, "p1"),
            Err(e) => prop_assert!(e.to_string().contains("preference")),
        }
        let c = Catalog::new(roster(50)).unwrap();
        let _ = search(&c, &s, 5);
    }

    #[test]
    fn valid_framing_around_arbitrary_payload_is_refused_without_panic(
        payload in proptest::collection::vec(any::<u8>(), 0..256),
    ) {
        let mut bytes = b"CMMEMRY\0".to_vec();
        bytes.extend_from_slice(&castmatch_core::memory::SNAPSHOT_VERSION.to_le_bytes());
        bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&castmatch_core::checksum::checksum(&payload).to_le_bytes());
        bytes.extend_from_slice(&payload);
        // Either it decodes to a valid memory or it is an error; it never panics.
        let _ = Session::from_snapshot(&bytes);
    }
}
