//! Reads wordfreq's `large_en.msgpack.gz` (PyPI `wordfreq` 3.1.1, data CC BY-SA 4.0): owns its
//! "cBpack" layout and the frequency-ranked English word list the distiller draws from.
//!
//! cBpack: a msgpack array whose first item is the header `{"format": "cB", "version": 1}` and
//! whose item `i + 1` lists the words with frequency 10^(-i/100).

use std::io::Read;

use anyhow::{bail, Context, Result};
use rmpv::Value;

/// Words with their frequency, most frequent first.
pub fn read(path: &std::path::Path) -> Result<Vec<(String, f64)>> {
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path)?).read_to_end(&mut bytes)?;
    let value = rmpv::decode::read_value(&mut bytes.as_slice()).context("cBpack: not msgpack")?;
    let Value::Array(items) = value else {
        bail!("cBpack: not an array")
    };
    let mut items = items.into_iter();
    let header = items.next().unwrap_or(Value::Nil);
    let field = |name: &str| {
        header.as_map().and_then(|m| {
            m.iter()
                .find(|(k, _)| k.as_str() == Some(name))
                .map(|(_, v)| v.clone())
        })
    };
    if field("format").as_ref().and_then(Value::as_str) != Some("cB")
        || field("version").as_ref().and_then(Value::as_u64) != Some(1)
    {
        bail!("cBpack: unexpected header {header}");
    }
    let mut out = Vec::new();
    for (i, bin) in items.enumerate() {
        let frequency = 10f64.powf(-(i as f64) / 100.0);
        for word in bin.as_array().into_iter().flatten() {
            if let Some(w) = word.as_str() {
                out.push((w.to_string(), frequency));
            }
        }
    }
    Ok(out)
}
