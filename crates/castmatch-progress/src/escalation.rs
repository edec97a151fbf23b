//! Escalation: a blocker's level in the plan's matrix from its age, and when (at what age) it
//! escalates next. Levels are ordered by `after_hours`, e.g. agent -> orchestrator -> human.

use super::plan::EscalationLevel;

/// The index of the level reached at `age_hours`, if any level applies yet.
pub fn level_at(matrix: &[EscalationLevel], age_hours: f64) -> Option<usize> {
    matrix
        .partition_point(|level| level.after_hours <= age_hours)
        .checked_sub(1)
}

/// The next level and the age at which it is reached, if there is a higher one.
pub fn next_after(matrix: &[EscalationLevel], age_hours: f64) -> Option<(usize, f64)> {
    let next = matrix.partition_point(|level| level.after_hours <= age_hours);
    matrix.get(next).map(|level| (next, level.after_hours))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::default_escalation;

    #[test]
    fn seed_matrix_levels() {
        let matrix = default_escalation();
        assert_eq!(level_at(&matrix, 1.0), Some(0));
        assert_eq!(level_at(&matrix, 2.0), Some(1));
        assert_eq!(level_at(&matrix, 7.0), Some(2));
        assert_eq!(next_after(&matrix, 1.0), Some((1, 2.0)));
        assert_eq!(next_after(&matrix, 7.0), None);
        assert_eq!(level_at(&[], 3.0), None);
    }
}
