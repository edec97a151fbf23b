//! A range of whole numbers a phrase states (an age, a height) and which of its ends it states:
//! "over 40" states only the minimum, so a later "max 50" can still set the other end.

/// Bounds and which ends a phrase states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub min: Option<u32>,
    pub max: Option<u32>,
    pub sets_min: bool,
    pub sets_max: bool,
}

impl Span {
    /// Later statements win per end: "25-32 ... max 30" is 25-30.
    pub fn fold(spans: &[Span]) -> Option<Span> {
        let mut spans = spans.iter();
        let mut acc = *spans.next()?;
        for s in spans {
            if s.sets_min {
                acc.min = s.min;
                acc.sets_min = true;
            }
            if s.sets_max {
                acc.max = s.max;
                acc.sets_max = true;
            }
        }
        Some(acc)
    }

    /// The standing bounds with the ends this span states; a kept end that would contradict a
    /// new one is dropped ("25-32", then "actually over 40" gives 40 and up).
    pub fn applied_to(&self, min: Option<u32>, max: Option<u32>) -> (Option<u32>, Option<u32>) {
        let mut min = if self.sets_min { self.min } else { min };
        let mut max = if self.sets_max { self.max } else { max };
        if let (Some(lo), Some(hi)) = (min, max) {
            if lo > hi {
                if self.sets_min {
                    max = None;
                } else {
                    min = None;
                }
            }
        }
        (min, max)
    }
}
