//! Serde for field-less enums, as serde's derive writes them: the variant's name in
//! human-readable formats (JSON, JS) and its index in binary ones (postcard snapshots).
//!
//! Hand-written because serde's derived enum code is the largest per-type cost in the `.wasm`
//! (a few KB per enum and format). Here the per-format code is shared by every enum, which only
//! supplies its names. `named_enum!` keeps the names next to the enum; the enum keeps its
//! `#[serde(rename_all)]` for the TypeScript and JSON Schema derives, and tests check both agree.

use serde::de::{Deserialize, Deserializer, Error, Unexpected};
use serde::Serializer;

/// Implements `Serialize` and `Deserialize` for a field-less enum from its variants' names,
/// listed in declaration order: `named_enum!(Gender { Female = "female", Male = "male" });`
macro_rules! named_enum {
    ($type:ident { $($variant:ident = $name:literal),+ $(,)? }) => {
        impl $type {
            /// Every variant in declaration order, and its name on the wire.
            pub const NAMED: &'static [($type, &'static str)] = &[$(($type::$variant, $name)),+];
            const NAMES: &'static [&'static str] = &[$($name),+];
        }

        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let index = Self::NAMED.iter().position(|(v, _)| v == self).unwrap_or(0);
                $crate::named::serialize(index, Self::NAMES, s)
            }
        }

        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::named::deserialize(d, Self::NAMES).map(|index| Self::NAMED[index].0)
            }
        }
    };
}
pub(crate) use named_enum;

/// Writes variant `index` of `names`.
pub fn serialize<S: Serializer>(
    index: usize,
    names: &'static [&'static str],
    s: S,
) -> Result<S::Ok, S::Error> {
    if s.is_human_readable() {
        // `index` is a variant's position in its own `names`, so always inside it.
        s.serialize_str(names.get(index).copied().unwrap_or_default())
    } else {
        // postcard writes a unit variant as its index, a varint u32, exactly like this.
        s.serialize_u32(index as u32)
    }
}

/// Reads a variant of `names`; the index of the one found.
pub fn deserialize<'de, D: Deserializer<'de>>(
    d: D,
    names: &'static [&'static str],
) -> Result<usize, D::Error> {
    if d.is_human_readable() {
        let name = String::deserialize(d)?;
        names
            .iter()
            .position(|n| *n == name)
            .ok_or_else(|| D::Error::unknown_variant(&name, names))
    } else {
        let index = u32::deserialize(d)?;
        let found = (index as usize) < names.len();
        found.then_some(index as usize).ok_or_else(|| {
            D::Error::invalid_value(Unexpected::Unsigned(index.into()), &"a variant index")
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::brief::BriefField;
    use crate::memory::{Decision, PreferenceKind};
    use crate::roster::{CreditKind, Gender};

    /// Every variant reads back from JSON and from postcard, writes the index postcard's
    /// derive wrote, and has the name `#[serde(rename_all)]` gives the schema and TS types.
    fn round_trips<T>(named: &[(T, &str)], case: fn(&str) -> String)
    where
        T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug + Copy,
    {
        for (index, (variant, name)) in named.iter().enumerate() {
            assert_eq!(*name, case(&format!("{variant:?}")), "rename_all agrees");
            let json = serde_json::to_string(variant).unwrap();
            assert_eq!(json, format!("\"{name}\""));
            assert_eq!(serde_json::from_str::<T>(&json).unwrap(), *variant);
            let bytes = postcard::to_stdvec(variant).unwrap();
            assert_eq!(bytes, [index as u8]);
            assert_eq!(postcard::from_bytes::<T>(&bytes).unwrap(), *variant);
        }
        let err = serde_json::from_str::<T>("\"nobody\"")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("unknown variant `nobody`, expected one of"),
            "{err}"
        );
        assert!(postcard::from_bytes::<T>(&[named.len() as u8]).is_err());
    }

    fn lower(name: &str) -> String {
        name.to_ascii_lowercase()
    }

    fn snake(name: &str) -> String {
        let mut out = String::new();
        for c in name.chars() {
            if c.is_ascii_uppercase() && !out.is_empty() {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    }

    #[test]
    fn every_named_enum_round_trips_as_the_derive_did() {
        round_trips(Gender::NAMED, lower);
        round_trips(CreditKind::NAMED, lower);
        round_trips(Decision::NAMED, lower);
        round_trips(PreferenceKind::NAMED, lower);
        round_trips(BriefField::NAMED, snake);
    }
}
