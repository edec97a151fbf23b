//! The monitor's rhythm as a pure function of time: which jobs are due at `now` given when each
//! last ran (health every run; progress and escalation by interval; standup, dependency check
//! and evening review at their time of day in the plan's zone), and when to wake next.

use chrono::{DateTime, Days, FixedOffset, NaiveTime, TimeDelta};

use super::observations::{Job, LastRuns};
use super::plan::Rhythm;

/// A periodic job is due this much early (5% of its period), so a cron job or a loop that
/// wakes a few seconds short of the period does not skip a beat.
const EARLY_SHARE: f64 = 0.05;

/// The jobs due at `now`, in `Job::ALL` order; health is always due (every run checks it).
pub fn due(rhythm: &Rhythm, now: DateTime<FixedOffset>, last: &LastRuns) -> Vec<Job> {
    let periodic = |job: Job, hours: f64| match last.get(job) {
        None => true,
        Some(at) => hours_between(at, now) >= hours * (1.0 - EARLY_SHARE),
    };
    let daily = |job: Job, time: &str| {
        let Some(slot) = latest_slot(now, time) else {
            return false;
        };
        let not_run_since = last.get(job).is_none_or(|at| at < slot);
        // Due when the slot passed since the previous run (late, if the monitor was down);
        // a first run does not replay the whole day, only a slot that just passed.
        let in_reach = match last.get(Job::Health) {
            Some(previous) => previous < slot,
            None => hours_between(slot, now) < rhythm.health_hours,
        };
        not_run_since && in_reach
    };
    Job::ALL
        .into_iter()
        .filter(|&job| match job {
            Job::Health => true,
            Job::Progress => periodic(job, rhythm.progress_hours),
            Job::Escalation => periodic(job, rhythm.escalation_hours),
            Job::Standup => daily(job, &rhythm.standup),
            Job::DependencyCheck => daily(job, &rhythm.dependency_check),
            Job::EveningReview => daily(job, &rhythm.evening_review),
        })
        .collect()
}

/// When a loop that checks health `every` should wake next: the next health check or the
/// next time of day, whichever comes first (never before `now`).
pub fn next_wake(
    rhythm: &Rhythm,
    now: DateTime<FixedOffset>,
    last: &LastRuns,
    every: TimeDelta,
) -> DateTime<FixedOffset> {
    let health = last.get(Job::Health).map_or(now, |at| at + every);
    [
        &rhythm.standup,
        &rhythm.dependency_check,
        &rhythm.evening_review,
    ]
    .into_iter()
    .filter_map(|time| next_slot(now, time))
    .fold(health, DateTime::min)
    .max(now)
}

/// `HH:MM` as a time of day, or `None` if it is not one. (Not chrono's `parse_from_str`: its
/// format machinery would add kilobytes to the dashboard's wasm module.)
pub fn time_of_day(text: &str) -> Option<NaiveTime> {
    let (hours, minutes) = text.trim().split_once(':')?;
    let number = |digits: &str| {
        (digits.len() == 2 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse::<u32>().ok())
            .flatten()
    };
    NaiveTime::from_hms_opt(number(hours)?, number(minutes)?, 0)
}

/// The latest moment at or before `now` whose time of day (in `now`'s zone) is `time`.
fn latest_slot(now: DateTime<FixedOffset>, time: &str) -> Option<DateTime<FixedOffset>> {
    let today = slot_on(now, time, 0)?;
    if today <= now {
        Some(today)
    } else {
        slot_on(now, time, -1)
    }
}

/// The first moment strictly after `now` whose time of day is `time`.
fn next_slot(now: DateTime<FixedOffset>, time: &str) -> Option<DateTime<FixedOffset>> {
    let today = slot_on(now, time, 0)?;
    if today > now {
        Some(today)
    } else {
        slot_on(now, time, 1)
    }
}

fn slot_on(
    now: DateTime<FixedOffset>,
    time: &str,
    day_shift: i64,
) -> Option<DateTime<FixedOffset>> {
    let date = now.date_naive();
    let date = if day_shift >= 0 {
        date.checked_add_days(Days::new(day_shift as u64))?
    } else {
        date.checked_sub_days(Days::new(day_shift.unsigned_abs()))?
    };
    date.and_time(time_of_day(time)?)
        .and_local_timezone(*now.offset())
        .single()
}

fn hours_between(from: DateTime<FixedOffset>, to: DateTime<FixedOffset>) -> f64 {
    (to - from).num_milliseconds() as f64 / 3_600_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn last(runs: &[(Job, &str)]) -> LastRuns {
        let mut last = LastRuns::default();
        for &(job, time) in runs {
            last.set(job, at(time));
        }
        last
    }

    use Job::*;

    #[test]
    fn what_is_due_at_a_moment_given_the_last_runs() {
        let rhythm = Rhythm::default();
        let day = |hhmm: &str| format!("2025-09-05T{hhmm}:00+05:30");
        // (now, last runs, expected jobs)
        let table: Vec<(String, LastRuns, Vec<Job>)> = vec![
            // A first run at 10:30 runs what the rhythm wants now; the 09:00 standup is in reach.
            (
                day("10:30"),
                last(&[]),
                vec![Health, Progress, Escalation, Standup],
            ),
            // A first run at 16:00 does not replay the standup nor the 13:00 check.
            (day("16:00"), last(&[]), vec![Health, Progress, Escalation]),
            // Two hours after a full run: health only.
            (
                day("12:00"),
                last(&[
                    (Health, &day("10:00")),
                    (Progress, &day("10:00")),
                    (Escalation, &day("10:00")),
                    (Standup, &day("09:00")),
                ]),
                vec![Health],
            ),
            // Four hours after progress (five seconds short still counts); escalation not yet.
            (
                "2025-09-05T13:59:55+05:30".into(),
                last(&[
                    (Health, &day("12:00")),
                    (Progress, &day("10:00")),
                    (Escalation, &day("10:00")),
                    (Standup, &day("09:00")),
                ]),
                vec![Health, Progress, DependencyCheck],
            ),
            // Six hours after escalation; the 13:00 check already ran today.
            (
                day("16:00"),
                last(&[
                    (Health, &day("14:00")),
                    (Progress, &day("14:00")),
                    (Escalation, &day("10:00")),
                    (Standup, &day("09:00")),
                    (DependencyCheck, &day("13:00")),
                ]),
                vec![Health, Escalation],
            ),
            // The evening review at 18:00; the standup is due again the next morning.
            (
                day("18:00"),
                last(&[
                    (Health, &day("16:00")),
                    (Progress, &day("14:00")),
                    (Escalation, &day("16:00")),
                    (Standup, &day("09:00")),
                    (DependencyCheck, &day("13:00")),
                ]),
                vec![Health, Progress, EveningReview],
            ),
            (
                "2025-09-06T09:00:00+05:30".into(),
                last(&[
                    (Health, "2025-09-06T07:00:00+05:30"),
                    (Progress, "2025-09-06T06:00:00+05:30"),
                    (Escalation, "2025-09-06T04:00:00+05:30"),
                    (Standup, &day("09:00")),
                    (DependencyCheck, &day("13:00")),
                    (EveningReview, &day("18:00")),
                ]),
                vec![Health, Standup],
            ),
            // A monitor that was down all morning runs the missed standup late.
            (
                day("12:30"),
                last(&[
                    (Health, "2025-09-04T22:00:00+05:30"),
                    (Progress, "2025-09-04T22:00:00+05:30"),
                    (Escalation, "2025-09-04T22:00:00+05:30"),
                    (Standup, "2025-09-04T09:00:00+05:30"),
                ]),
                vec![Health, Progress, Escalation, Standup],
            ),
        ];
        for (now, last, expected) in table {
            assert_eq!(due(&rhythm, at(&now), &last), expected, "at {now}");
        }
    }

    #[test]
    fn times_of_day_parse_as_hh_mm() {
        assert_eq!(time_of_day("09:00"), NaiveTime::from_hms_opt(9, 0, 0));
        assert_eq!(time_of_day(" 18:30 "), NaiveTime::from_hms_opt(18, 30, 0));
        for bad in ["9:00", "24:00", "12:60", "noon", "12:00:00", ""] {
            assert_eq!(time_of_day(bad), None, "{bad}");
        }
    }

    #[test]
    fn times_of_day_are_in_the_plans_zone() {
        // 03:30 UTC is 09:00 in India: the standup is due in the plan's zone, not UTC's.
        let rhythm = Rhythm::default();
        let now =
            at("2025-09-05T03:30:00+00:00").with_timezone(&FixedOffset::east_opt(19_800).unwrap());
        let last = last(&[
            (Health, "2025-09-05T07:00:00+05:30"),
            (Progress, "2025-09-05T07:00:00+05:30"),
            (Escalation, "2025-09-05T07:00:00+05:30"),
            (Standup, "2025-09-04T09:00:00+05:30"),
        ]);
        assert_eq!(due(&rhythm, now, &last), vec![Health, Standup]);
    }

    #[test]
    fn the_loop_wakes_for_the_next_check_or_time_of_day() {
        let rhythm = Rhythm::default();
        let every = TimeDelta::hours(2);
        let ran = |time: &str| last(&[(Health, time)]);
        // 07:30 + 2 h = 09:30, but the standup at 09:00 comes first.
        assert_eq!(
            next_wake(
                &rhythm,
                at("2025-09-05T07:31:00+05:30"),
                &ran("2025-09-05T07:30:00+05:30"),
                every
            ),
            at("2025-09-05T09:00:00+05:30")
        );
        assert_eq!(
            next_wake(
                &rhythm,
                at("2025-09-05T09:01:00+05:30"),
                &ran("2025-09-05T09:00:00+05:30"),
                every
            ),
            at("2025-09-05T11:00:00+05:30")
        );
        // Never run: now. After the evening review: 20:00.
        let now = at("2025-09-05T18:00:05+05:30");
        assert_eq!(next_wake(&rhythm, now, &LastRuns::default(), every), now);
        assert_eq!(
            next_wake(&rhythm, now, &ran("2025-09-05T18:00:00+05:30"), every),
            at("2025-09-05T20:00:00+05:30")
        );
        // Overdue: now, not a moment in the past.
        assert_eq!(
            next_wake(&rhythm, now, &ran("2025-09-05T10:00:00+05:30"), every),
            now
        );
    }
}
