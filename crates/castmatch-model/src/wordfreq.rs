//! Reads wordfreq's `large_en.msgpack.gz` (PyPI `wordfreq` 3.1.1, data CC BY-SA 4.0): owns the
//! minimal msgpack decoding of its "cBpack" layout and the frequency-ranked English word list.
//!
//! cBpack: a msgpack array whose first item is the header `{"format": "cB", "version": 1}` and
//! whose item `i + 1` lists the words with frequency 10^(-i/100).

use std::io::Read;

use anyhow::{anyhow, bail, Result};

enum V {
    Str(String),
    Arr(Vec<V>),
    Map(Vec<(V, V)>),
    Int(i64),
    Other,
}

struct P<'a> {
    b: &'a [u8],
    at: usize,
}

impl P<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8]> {
        let s = self.b.get(self.at..self.at + n).ok_or_else(|| anyhow!("msgpack truncated"))?;
        self.at += n;
        Ok(s)
    }
    fn be(&mut self, n: usize) -> Result<u64> {
        Ok(self.take(n)?.iter().fold(0u64, |a, &x| (a << 8) | x as u64))
    }
    fn value(&mut self) -> Result<V> {
        let t = self.take(1)?[0];
        Ok(match t {
            0x00..=0x7f => V::Int(t as i64),
            0xe0..=0xff => V::Int(t as i8 as i64),
            0x80..=0x8f => self.map((t & 0x0f) as usize)?,
            0x90..=0x9f => self.arr((t & 0x0f) as usize)?,
            0xa0..=0xbf => self.str((t & 0x1f) as usize)?,
            0xc0 | 0xc2 | 0xc3 => V::Other,
            0xcc => V::Int(self.be(1)? as i64),
            0xcd => V::Int(self.be(2)? as i64),
            0xce => V::Int(self.be(4)? as i64),
            0xd9 => { let n = self.be(1)? as usize; self.str(n)? }
            0xda => { let n = self.be(2)? as usize; self.str(n)? }
            0xdb => { let n = self.be(4)? as usize; self.str(n)? }
            0xdc => { let n = self.be(2)? as usize; self.arr(n)? }
            0xdd => { let n = self.be(4)? as usize; self.arr(n)? }
            0xde => { let n = self.be(2)? as usize; self.map(n)? }
            _ => bail!("unsupported msgpack type 0x{t:02x}"),
        })
    }
    fn str(&mut self, n: usize) -> Result<V> {
        Ok(V::Str(String::from_utf8(self.take(n)?.to_vec())?))
    }
    fn arr(&mut self, n: usize) -> Result<V> {
        (0..n).map(|_| self.value()).collect::<Result<Vec<_>>>().map(V::Arr)
    }
    fn map(&mut self, n: usize) -> Result<V> {
        (0..n).map(|_| Ok((self.value()?, self.value()?))).collect::<Result<Vec<_>>>().map(V::Map)
    }
}

/// Words with their frequency, most frequent first.
pub fn read(path: &std::path::Path) -> Result<Vec<(String, f64)>> {
    let mut gz = flate2::read::GzDecoder::new(std::fs::File::open(path)?);
    let mut b = Vec::new();
    gz.read_to_end(&mut b)?;
    let V::Arr(items) = (P { b: &b, at: 0 }).value()? else { bail!("cBpack: not an array") };
    let mut it = items.into_iter();
    match it.next() {
        Some(V::Map(h)) => {
            let ok = h.iter().any(|(k, v)| matches!((k, v), (V::Str(k), V::Str(v)) if k == "format" && v == "cB"))
                && h.iter().any(|(k, v)| matches!((k, v), (V::Str(k), V::Int(1)) if k == "version"));
            if !ok {
                bail!("cBpack: unexpected header");
            }
        }
        _ => bail!("cBpack: missing header"),
    }
    let mut out = Vec::new();
    for (i, bin) in it.enumerate() {
        if let V::Arr(words) = bin {
            let f = 10f64.powf(-(i as f64) / 100.0);
            for w in words {
                if let V::Str(s) = w {
                    out.push((s, f));
                }
            }
        }
    }
    Ok(out)
}
