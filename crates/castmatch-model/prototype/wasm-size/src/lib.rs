//! Size probe: the baseline exports an allocator and a small HashMap/String workload (things the
//! chat module already has); `with-text` adds model loading, embedding, sentences and archetypes.

#[no_mangle]
pub extern "C" fn alloc(n: usize) -> *mut u8 {
    let mut v = Vec::<u8>::with_capacity(n);
    let p = v.as_mut_ptr();
    core::mem::forget(v);
    p
}

fn input(p: *const u8, n: usize) -> &'static [u8] {
    // SAFETY: the host passes a buffer it got from `alloc`.
    unsafe { core::slice::from_raw_parts(p, n) }
}

#[no_mangle]
pub extern "C" fn words(p: *const u8, n: usize) -> f32 {
    let s = core::str::from_utf8(input(p, n)).unwrap_or("");
    let mut m = std::collections::HashMap::new();
    for w in s.split_whitespace() {
        *m.entry(w.to_lowercase()).or_insert(0u32) += 1;
    }
    m.len() as f32
}

#[cfg(feature = "with-text")]
mod with_text {
    use super::input;
    static mut MODEL: Option<text::StaticModel> = None;
    static mut LEX: Option<text::Lexicon> = None;

    #[no_mangle]
    pub extern "C" fn load(p: *const u8, n: usize) -> i32 {
        match text::StaticModel::from_bytes(input(p, n)) {
            // SAFETY: single-threaded wasm.
            Ok(m) => unsafe {
                MODEL = Some(m);
                0
            },
            Err(_) => -1,
        }
    }

    #[allow(static_mut_refs)]
    pub fn model_ref() -> Option<&'static text::StaticModel> {
        model()
    }

    #[allow(static_mut_refs)]
    fn model() -> Option<&'static text::StaticModel> {
        // SAFETY: single-threaded wasm.
        unsafe { MODEL.as_ref() }
    }

    #[cfg(not(feature = "no-lex"))]
    #[no_mangle]
    #[allow(static_mut_refs)]
    pub extern "C" fn load_lexicon(p: *const u8, n: usize) -> i32 {
        let (Some(m), Ok(s)) = (model(), core::str::from_utf8(input(p, n))) else { return -1 };
        match text::Lexicon::parse(s, m.tokenizer()) {
            Ok(l) => unsafe {
                LEX = Some(l);
                0
            },
            Err(_) => -1,
        }
    }

    /// Best per-sentence cosine of query vs bio, plus archetype evidence.
    #[no_mangle]
    #[allow(static_mut_refs)]
    pub extern "C" fn score(q: *const u8, qn: usize, b: *const u8, bn: usize) -> f32 {
        let Some(m) = model() else { return -1.0 };
        let q = core::str::from_utf8(input(q, qn)).unwrap_or("");
        let b = core::str::from_utf8(input(b, bn)).unwrap_or("");
        let qv = m.embed(q).unwrap_or_default();
        #[cfg(not(feature = "no-sentences"))]
        let sents = m.embed_sentences(b);
        #[cfg(feature = "no-sentences")]
        let sents = vec![m.embed(b).unwrap_or_default()];
        let mut s = text::max_cosine(&qv, &sents);
        #[cfg(not(feature = "no-lex"))]
        if let Some(l) = unsafe { LEX.as_ref() } {
            if text::archetype::shares(&l.find(m.tokenizer(), q), &l.find(m.tokenizer(), b)) {
                s += 0.3;
            }
        }
        let (_, q8) = text::embed::quantise(&qv);
        s + text::embed::dot_i8(&q8, &q8) as f32 * 0.0
    }
}

/// Throughput probe for node/Chromium: embed a roster per sentence into int8 vectors, then rank.
#[cfg(feature = "bench")]
mod bench {
    use super::input;
    static mut STORE: Vec<i8> = Vec::new();
    static mut DIM: usize = 0;

    #[no_mangle]
    #[allow(static_mut_refs)]
    pub extern "C" fn embed_roster(p: *const u8, n: usize) -> u32 {
        let Some(m) = super::with_text::model_ref() else { return 0 };
        let s = core::str::from_utf8(input(p, n)).unwrap_or("");
        let d = m.dim();
        let mut buf = vec![0f32; d];
        let mut ids = Vec::new();
        let mut count = 0;
        // SAFETY: single-threaded wasm.
        let store = unsafe { &mut STORE };
        unsafe { DIM = d };
        for bio in s.split('\n') {
            for sent in text::split_sentences(bio) {
                if m.embed_into(sent, &mut buf, &mut ids) {
                    // Unit vectors: a fixed scale of 127 keeps int8 dots comparable across rows.
                    store.extend(buf.iter().map(|x| (x * 127.0) as i8));
                    count += 1;
                }
            }
        }
        count
    }

    /// Embeds the query and scans every stored sentence vector; returns the best int8 dot.
    #[no_mangle]
    #[allow(static_mut_refs)]
    pub extern "C" fn rank(p: *const u8, n: usize) -> i32 {
        let Some(m) = super::with_text::model_ref() else { return -1 };
        let q = core::str::from_utf8(input(p, n)).unwrap_or("");
        let qv = m.embed(q).unwrap_or_default();
        let q8: Vec<i8> = qv.iter().map(|x| (x * 127.0) as i8).collect();
        let (store, d) = unsafe { (&STORE, DIM) };
        let mut top = [i32::MIN; 10];
        for row in store.chunks_exact(d) {
            let s = text::embed::dot_i8(&q8, row);
            if s > top[9] {
                let mut i = 9;
                while i > 0 && top[i - 1] < s {
                    top[i] = top[i - 1];
                    i -= 1;
                }
                top[i] = s;
            }
        }
        top[0]
    }
}
