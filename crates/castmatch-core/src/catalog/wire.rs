//! postcard's encoding read by hand for the parts a restore reads a value a talent of: ids,
//! record ends, rows, live flags and the meaning layer's units (postcard still writes them all).
//!
//! At a million talents serde's calls for each value were about a second of a restore in the
//! chat module (built for size, where they are not inlined); these loops take a fifth of that.

/// A reader over postcard bytes; its errors name the byte offset within them.
pub(super) struct Wire<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Wire<'a> {
    /// A reader of `bytes` from byte `at` on.
    pub(super) fn new(bytes: &'a [u8], at: usize) -> Self {
        Wire { bytes, at }
    }

    /// Where the next value starts.
    pub(super) fn at(&self) -> usize {
        self.at
    }

    /// Every byte read, or an error naming where the rest starts.
    pub(super) fn end(&self) -> Result<(), String> {
        match self.bytes.len() - self.at {
            0 => Ok(()),
            rest => Err(format!("{rest} bytes too many, from byte {}", self.at)),
        }
    }

    /// A sequence: its length, then each element as `read` reads it. The length is checked
    /// against the bytes left (every element takes one at least) before anything is reserved.
    pub(super) fn seq<T>(
        &mut self,
        mut read: impl FnMut(&mut Self) -> Result<T, String>,
    ) -> Result<Vec<T>, String> {
        let at = self.at;
        let len = self.varint(5)? as usize;
        if len > self.bytes.len() - self.at {
            return Err(format!("a sequence of {len} at byte {at}, past the end"));
        }
        let mut items = Vec::with_capacity(len);
        for _ in 0..len {
            items.push(read(self)?);
        }
        Ok(items)
    }

    pub(super) fn str(&mut self) -> Result<&'a str, String> {
        let at = self.at;
        let len = self.varint(5)? as usize;
        let bytes = self
            .bytes
            .get(self.at..self.at.saturating_add(len))
            .ok_or_else(|| format!("a text of {len} bytes at byte {at}, past the end"))?;
        self.at += len;
        std::str::from_utf8(bytes).map_err(|_| format!("text that is not UTF-8 at byte {at}"))
    }

    pub(super) fn bool(&mut self) -> Result<bool, String> {
        match self.bytes.get(self.at) {
            Some(&byte @ (0 | 1)) => {
                self.at += 1;
                Ok(byte == 1)
            }
            _ => Err(self.bad_bool()),
        }
    }

    #[cold]
    fn bad_bool(&self) -> String {
        match self.bytes.get(self.at) {
            Some(byte) => format!("{byte} for a yes/no at byte {}", self.at),
            None => format!("the bytes end at byte {} inside a value", self.at),
        }
    }

    pub(super) fn u32(&mut self) -> Result<u32, String> {
        let at = self.at;
        u32::try_from(self.varint(5)?).map_err(|_| format!("a number too large at byte {at}"))
    }

    pub(super) fn i32(&mut self) -> Result<i32, String> {
        let zigzag = self.u32()?;
        Ok((zigzag >> 1) as i32 ^ -((zigzag & 1) as i32))
    }

    pub(super) fn u64(&mut self) -> Result<u64, String> {
        self.varint(10)
    }

    /// An unsigned LEB128 number of at most `max` bytes.
    fn varint(&mut self, max: usize) -> Result<u64, String> {
        // Most are one byte (a term set's empty words, small numbers): no loop for them.
        if let Some(&byte) = self.bytes.get(self.at).filter(|&&b| b < 0x80) {
            self.at += 1;
            return Ok(u64::from(byte));
        }
        // No error made per byte: a million rows hold a dozen numbers each.
        let (mut value, mut shift, start) = (0u64, 0, self.at);
        while self.at < self.bytes.len() && self.at - start < max {
            let byte = self.bytes[self.at];
            self.at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(value);
            }
            shift += 7;
        }
        Err(self.bad_varint(start, max))
    }

    #[cold]
    fn bad_varint(&self, start: usize, max: usize) -> String {
        match self.at - start == max {
            true => format!("a number longer than {max} bytes at byte {start}"),
            false => format!("the bytes end at byte {} inside a value", self.at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::columns::{Row, TermSet};
    use crate::catalog::semantic::Units;
    use crate::catalog::snapshot::{read_tail, SemanticPart};
    use crate::roster::Gender;
    use proptest::prelude::*;

    fn term_set() -> impl Strategy<Value = TermSet> {
        proptest::collection::vec(0u32..256, 0..6).prop_map(|ids| {
            let mut set = TermSet::default();
            ids.into_iter().for_each(|id| set.insert(id));
            set
        })
    }

    prop_compose! {
        fn row()(
            flags in any::<[bool; 3]>(),
            gender in 0usize..3,
            numbers in any::<[u32; 4]>(),
            day_rate in any::<Option<u32>>(),
            free in any::<(i32, i32)>(),
            sets in [term_set(), term_set(), term_set()],
        ) -> Row {
            let [live, overflow, theatre_background] = flags;
            let [age, young, old, height_cm] = numbers;
            let [city, languages, skills] = sets;
            Row {
                live,
                overflow,
                theatre_background,
                gender: Gender::ALL[gender],
                age,
                plays: (young, old),
                height_cm,
                day_rate,
                free,
                city,
                languages,
                skills,
            }
        }
    }

    proptest! {
        /// What postcard writes, read by hand, is what serde reads: rows, ids, ends, flags.
        #[test]
        fn reads_what_postcard_writes(
            rows in proptest::collection::vec(row(), 0..20),
            ids in proptest::collection::vec("\\PC{0,12}", 0..20),
            ends in proptest::collection::vec(any::<u32>(), 0..20),
        ) {
            let bytes = postcard::to_stdvec(&(&ids, &ends, &rows, 7u8)).unwrap();
            let mut wire = Wire::new(&bytes, 0);
            prop_assert_eq!(wire.seq(Wire::str).unwrap(), ids);
            prop_assert_eq!(wire.seq(Wire::u32).unwrap(), ends);
            prop_assert_eq!(wire.seq(Row::read).unwrap(), rows);
            prop_assert_eq!(wire.at(), bytes.len() - 1); // the 7 left
        }

        /// The meaning layer's units and the live flags, as the tail holds them.
        #[test]
        fn reads_the_tail_postcard_writes(
            live in proptest::collection::vec(any::<bool>(), 0..20),
            of_slot in proptest::collection::vec(proptest::collection::vec(any::<u32>(), 0..4), 0..20),
            text_of_row in proptest::collection::vec(any::<u64>(), 0..20),
            archetypes in proptest::collection::vec(any::<u64>(), 0..20),
            model_checksum in any::<Option<u32>>(),
        ) {
            let mut units = Units::default();
            (units.of_slot, units.text_of_row, units.archetypes) = (of_slot, text_of_row, archetypes);
            let semantic = model_checksum.map(|model_checksum| SemanticPart {
                model_checksum,
                units: &units,
            });
            let bytes = postcard::to_stdvec(&(&live, semantic)).unwrap();
            let read = read_tail(&bytes).unwrap();
            prop_assert_eq!(read, (live, model_checksum.map(|c| (c, units.clone()))));
        }

        /// Cut anywhere, the bytes are an error naming a byte, never a panic or a wrong row.
        #[test]
        fn cut_bytes_are_refused(rows in proptest::collection::vec(row(), 1..4), cut in 0usize..1000) {
            let bytes = postcard::to_stdvec(&rows).unwrap();
            let cut = cut % bytes.len();
            let e = Wire::new(&bytes[..cut], 0).seq(Row::read).unwrap_err();
            prop_assert!(e.contains("at byte") || e.contains("past the end"), "{}", e);
        }
    }

    #[test]
    fn bad_values_are_named_with_their_byte() {
        let e = Wire::new(&[1, 2], 0).seq(Wire::bool).unwrap_err();
        assert_eq!(e, "2 for a yes/no at byte 1");
        let e = Wire::new(&[0xff; 6], 0).u32().unwrap_err();
        assert_eq!(e, "a number longer than 5 bytes at byte 0");
        let e = Wire::new(&[0xff, 0xff, 0xff, 0xff, 0x7f], 0)
            .u32()
            .unwrap_err();
        assert_eq!(e, "a number too large at byte 0");
        let e = Wire::new(&[200, 1, 0], 0).seq(Wire::bool).unwrap_err();
        assert_eq!(e, "a sequence of 200 at byte 0, past the end");
        let e = Wire::new(&[2, 0xc3, 0x28], 0).str().unwrap_err();
        assert_eq!(e, "text that is not UTF-8 at byte 0");
    }
}
