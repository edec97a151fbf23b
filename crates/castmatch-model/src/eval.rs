//! Evaluation on the model dev set: owns assembling bios and briefs from `dev/devset.txt`, every
//! scoring variant (full model, static model, per-sentence, roster weighting, archetypes), and
//! precision@10 with its chance level.
//!
//! `distil eval --model-dir inputs/model --dev dev/devset.txt --archetypes dev/archetypes.txt \
//!   --models out/a.cmse,out/b.cmse [--raw out/raw384.cmse] [--no-full]`

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use anyhow::{anyhow, bail, Result};
use text::embed::{dot, normalise, quantise};
use text::{split_sentences, StaticModel};

use crate::teacher::Teacher;

pub struct Dev {
    pub types: Vec<String>,
    pub bios: Vec<Bio>,
    pub briefs: Vec<Brief>,
}

pub struct Bio {
    pub text: String,
    pub label: Option<usize>,
}

pub struct Brief {
    pub whole: String,
    pub phrase: String,
    pub label: usize,
}

/// Parses the dev file and assembles 20 bios per type (neutral-a + type sentence, order
/// alternating) and 150 neutral bios (neutral-a + neutral-b), deterministically.
pub fn load_dev(path: &str) -> Result<Dev> {
    let src = std::fs::read_to_string(path)?;
    let mut types: Vec<String> = Vec::new();
    let mut sents: Vec<Vec<String>> = Vec::new();
    let mut briefs = Vec::new();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for line in src.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix("[type ").and_then(|l| l.strip_suffix(']')) {
            types.push(name.to_string());
            sents.push(Vec::new());
        } else if line.starts_with('[') {
            continue;
        } else if let Some(s) = line.strip_prefix("s: ") {
            sents.last_mut().ok_or_else(|| anyhow!("s: before a type"))?.push(s.to_string());
        } else if let Some(s) = line.strip_prefix("b: ") {
            let (whole, phrase) = s.split_once(" | ").ok_or_else(|| anyhow!("brief without | : {s}"))?;
            briefs.push(Brief { whole: whole.into(), phrase: phrase.into(), label: types.len() - 1 });
        } else if let Some(s) = line.strip_prefix("a: ") {
            a.push(s.to_string());
        } else if let Some(s) = line.strip_prefix("n: ") {
            b.push(s.to_string());
        } else {
            bail!("unrecognised line: {line}");
        }
    }
    if a.is_empty() || b.is_empty() {
        bail!("neutral pools empty");
    }
    let mut bios = Vec::new();
    let mut k = 0usize;
    for (t, ss) in sents.iter().enumerate() {
        for (i, s) in ss.iter().enumerate() {
            let n = &a[(k * 17 + 5) % a.len()];
            k += 1;
            let text = if i % 2 == 0 { format!("{n} {s}") } else { format!("{s} {n}") };
            bios.push(Bio { text, label: Some(t) });
        }
    }
    for i in 0..150 {
        let text = format!("{} {}", a[(i * 7 + 3) % a.len()], b[(i * 11 + 1) % b.len()]);
        bios.push(Bio { text, label: None });
    }
    Ok(Dev { types, bios, briefs })
}

/// Mean precision@10 of `scores[brief][bio]`, and per type.
pub fn p_at_10(dev: &Dev, scores: &[Vec<f32>]) -> (f64, Vec<f64>) {
    let mut per_type = vec![(0.0, 0usize); dev.types.len()];
    let mut total = 0.0;
    for (q, brief) in dev.briefs.iter().enumerate() {
        let mut idx: Vec<usize> = (0..dev.bios.len()).collect();
        idx.sort_by(|&x, &y| scores[q][y].total_cmp(&scores[q][x]).then(x.cmp(&y)));
        let hits = idx[..10].iter().filter(|&&i| dev.bios[i].label == Some(brief.label)).count();
        let p = hits as f64 / 10.0;
        total += p;
        per_type[brief.label].0 += p;
        per_type[brief.label].1 += 1;
    }
    (total / dev.briefs.len() as f64, per_type.iter().map(|(s, n)| s / *n as f64).collect())
}

pub fn chance(dev: &Dev) -> f64 {
    let n = dev.bios.len() as f64;
    let per: f64 = dev.briefs.iter().map(|b| dev.bios.iter().filter(|x| x.label == Some(b.label)).count() as f64).sum::<f64>()
        / dev.briefs.len() as f64;
    per / n
}

/// Token-weight multiplier from roster statistics: SIF `a / (a + p(t))`, p = frequency of the
/// token among all roster tokens. "Words every bio uses carry no type": no list, just the roster.
pub struct RosterWeights {
    freq: HashMap<u32, f64>,
    total: f64,
    a: f64,
}

impl RosterWeights {
    pub fn new(model: &StaticModel, texts: &[String], a: f64) -> Self {
        let mut freq = HashMap::new();
        let mut total = 0.0;
        for t in texts {
            for id in model.tokenizer().tokenize(t) {
                *freq.entry(id).or_insert(0.0) += 1.0;
                total += 1.0;
            }
        }
        RosterWeights { freq, total, a }
    }
    pub fn w(&self, id: u32) -> f32 {
        let p = self.freq.get(&id).copied().unwrap_or(0.0) / self.total.max(1.0);
        (self.a / (self.a + p)) as f32
    }
}

/// Static embedding with optional per-token multipliers.
pub fn embed_w(model: &StaticModel, text: &str, rw: Option<&RosterWeights>) -> Option<Vec<f32>> {
    let ids = model.tokenizer().tokenize(text);
    let mut acc = vec![0f32; model.dim()];
    let mut any = false;
    for id in ids {
        any |= model.accumulate(id, rw.map_or(1.0, |r| r.w(id)), &mut acc);
    }
    (any && normalise(&mut acc)).then_some(acc)
}

fn cos_max(q: &[f32], sents: &[Vec<f32>]) -> f32 {
    sents.iter().map(|s| dot(q, s)).fold(-1.0, f32::max)
}

/// An archetype lexicon expanded from a few seeds per archetype by the teacher's word vectors:
/// each whole word of the vocab joins the archetype whose nearest seed it is closest to, if that
/// cosine is >= tau and beats the runner-up archetype by >= margin.
pub struct AutoLexicon {
    pub names: Vec<String>,
    pub word_arch: HashMap<String, (usize, f32)>,
    pub seed_phrases: Vec<(Vec<String>, usize)>,
}

impl AutoLexicon {
    pub fn build(seeds_path: &str, raw: &StaticModel, tau: f32, margin: f32) -> Result<Self> {
        let src = std::fs::read_to_string(seeds_path)?;
        let mut names = Vec::new();
        let mut seed_vecs: Vec<Vec<Vec<f32>>> = Vec::new();
        let mut seed_phrases = Vec::new();
        for line in src.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let (name, list) = line.split_once(':').ok_or_else(|| anyhow!("bad seed line {line}"))?;
            let a = names.len();
            names.push(name.trim().to_string());
            let mut vs = Vec::new();
            for t in list.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                if let Some(v) = embed_w(raw, t, None) {
                    vs.push(v);
                }
                seed_phrases.push((stems(raw, t), a));
            }
            seed_vecs.push(vs);
        }
        let mut word_arch = HashMap::new();
        let tok = raw.tokenizer();
        for id in 0..tok.vocab_size() as u32 {
            let w = tok.token(id).unwrap_or("");
            if w.len() < 3 || !w.bytes().all(|b| b.is_ascii_lowercase()) {
                continue;
            }
            let mut v = vec![0f32; raw.dim()];
            if !(raw.accumulate(id, 1.0, &mut v) && normalise(&mut v)) {
                continue;
            }
            let mut best = (usize::MAX, -1f32);
            let mut second = -1f32;
            for (a, vs) in seed_vecs.iter().enumerate() {
                let c = vs.iter().map(|s| dot(&v, s)).fold(-1f32, f32::max);
                if c > best.1 {
                    second = best.1;
                    best = (a, c);
                } else if c > second {
                    second = c;
                }
            }
            if best.1 >= tau && best.1 - second >= margin {
                word_arch.insert(text::archetype::stem(w).into_owned(), best);
            }
        }
        Ok(AutoLexicon { names, word_arch, seed_phrases })
    }

    pub fn find(&self, model: &StaticModel, text: &str) -> HashSet<usize> {
        let s = stems(model, text);
        let mut out: HashSet<usize> = s.iter().filter_map(|w| self.word_arch.get(w).map(|x| x.0)).collect();
        for (p, a) in &self.seed_phrases {
            if !p.is_empty() && s.windows(p.len()).any(|w| w == p.as_slice()) {
                out.insert(*a);
            }
        }
        out
    }

    /// Human-readable dump: per archetype, its words by decreasing cosine.
    pub fn dump(&self) -> String {
        let mut per: Vec<Vec<(&str, f32)>> = vec![Vec::new(); self.names.len()];
        for (w, (a, c)) in &self.word_arch {
            per[*a].push((w, *c));
        }
        let mut s = String::new();
        for (a, ws) in per.iter_mut().enumerate() {
            ws.sort_by(|x, y| y.1.total_cmp(&x.1));
            s.push_str(&format!("{} ({}): {}\n", self.names[a], ws.len(), ws.iter().map(|(w, _)| *w).collect::<Vec<_>>().join(", ")));
        }
        s
    }
}

fn stems(model: &StaticModel, text: &str) -> Vec<String> {
    model.tokenizer().words(text).iter().map(|w| text::archetype::stem(w).into_owned()).collect()
}

/// Query expansion: `q + beta * prototype` of the archetype nearest to q (if cos >= tau).
fn expand(q: &[f32], protos: &[Vec<f32>], beta: f32, tau: f32) -> Vec<f32> {
    let (best, c) = protos.iter().enumerate().map(|(i, p)| (i, dot(q, p))).fold((0, -1.0), |a, b| if b.1 > a.1 { b } else { a });
    let mut v = q.to_vec();
    if c >= tau {
        for (x, p) in v.iter_mut().zip(&protos[best]) {
            *x += beta * p;
        }
        normalise(&mut v);
    }
    v
}

struct Table {
    rows: Vec<(String, f64, Vec<f64>)>,
}

impl Table {
    fn add(&mut self, name: &str, dev: &Dev, scores: &[Vec<f32>]) -> f64 {
        let (p, per) = p_at_10(dev, scores);
        println!("{:<78} {:.3}", name, p);
        self.rows.push((name.to_string(), p, per));
        p
    }
}

pub fn run(args: &[String]) -> Result<()> {
    let get = |n: &str| args.iter().position(|a| a == n).and_then(|i| args.get(i + 1)).cloned();
    let dev = load_dev(&get("--dev").ok_or_else(|| anyhow!("--dev"))?)?;
    let n_bios = dev.bios.len();
    println!(
        "dev set: {} types, {} bios ({} typed, {} neutral), {} briefs; chance p@10 = {:.3}",
        dev.types.len(),
        n_bios,
        dev.bios.iter().filter(|b| b.label.is_some()).count(),
        dev.bios.iter().filter(|b| b.label.is_none()).count(),
        dev.briefs.len(),
        chance(&dev)
    );
    let bio_sents: Vec<Vec<String>> = dev.bios.iter().map(|b| split_sentences(&b.text).into_iter().map(str::to_owned).collect()).collect();
    let n_sents: usize = bio_sents.iter().map(Vec::len).sum();
    println!("bio sentences: {n_sents} (splitter)");
    let mut table = Table { rows: Vec::new() };
    let score_all = |qs: &[Vec<f32>], bios: &[Vec<Vec<f32>>]| -> Vec<Vec<f32>> {
        qs.iter().map(|q| bios.iter().map(|s| cos_max(q, s)).collect()).collect()
    };
    let whole: Vec<&str> = dev.briefs.iter().map(|b| b.whole.as_str()).collect();
    let phrase: Vec<&str> = dev.briefs.iter().map(|b| b.phrase.as_str()).collect();

    // ---- Full model (teacher) ----
    let mut full_sents: Option<Vec<Vec<Vec<f32>>>> = None;
    if !args.iter().any(|a| a == "--no-full") {
        let teacher = Teacher::load(get("--model-dir").ok_or_else(|| anyhow!("--model-dir"))?.as_ref())?;
        let t0 = Instant::now();
        let bio_texts: Vec<&str> = dev.bios.iter().map(|b| b.text.as_str()).collect();
        let bio_whole: Vec<Vec<Vec<f32>>> = teacher.embed(&bio_texts)?.into_iter().map(|v| vec![v]).collect();
        let flat: Vec<&str> = bio_sents.iter().flatten().map(String::as_str).collect();
        let sv = teacher.embed(&flat)?;
        let mut it = sv.into_iter();
        let bs: Vec<Vec<Vec<f32>>> = bio_sents.iter().map(|s| (0..s.len()).map(|_| it.next().unwrap()).collect()).collect();
        let dt = t0.elapsed().as_secs_f64();
        println!("full model: embedded {} bios + {} sentences in {:.2} s ({:.2} ms/bio incl. sentences)", n_bios, n_sents, dt, dt * 1e3 / n_bios as f64);
        let qw = teacher.embed(&whole)?;
        let qp = teacher.embed(&phrase)?;
        table.add("(a) full MiniLM, whole brief vs whole bio", &dev, &score_all(&qw, &bio_whole));
        table.add("(a') full MiniLM, whole brief vs bio per-sentence max", &dev, &score_all(&qw, &bs));
        table.add("(b) full MiniLM, type phrase vs whole bio", &dev, &score_all(&qp, &bio_whole));
        table.add("(b') full MiniLM, type phrase vs bio per-sentence max", &dev, &score_all(&qp, &bs));
        full_sents = Some(bs);
    }

    // ---- Static models ----
    let models = get("--models").unwrap_or_default();
    for path in models.split(',').filter(|s| !s.is_empty()) {
        let bytes = std::fs::read(path)?;
        let m = StaticModel::from_bytes(&bytes).map_err(|e| anyhow!("{path}: {e}"))?;
        let tag = format!("[{} d{}]", path.rsplit('/').next().unwrap_or(path), m.dim());
        let emb = |t: &str, rw: Option<&RosterWeights>| embed_w(&m, t, rw).unwrap_or_else(|| vec![0.0; m.dim()]);
        let bio_whole: Vec<Vec<Vec<f32>>> = dev.bios.iter().map(|b| vec![emb(&b.text, None)]).collect();
        let bs: Vec<Vec<Vec<f32>>> = bio_sents.iter().map(|ss| ss.iter().map(|s| emb(s, None)).collect()).collect();
        let qw: Vec<Vec<f32>> = whole.iter().map(|t| emb(t, None)).collect();
        let qp: Vec<Vec<f32>> = phrase.iter().map(|t| emb(t, None)).collect();
        table.add(&format!("{tag} static, whole brief vs whole bio"), &dev, &score_all(&qw, &bio_whole));
        table.add(&format!("{tag} static, whole brief vs bio per-sentence max"), &dev, &score_all(&qw, &bs));
        table.add(&format!("{tag} (c) static, type phrase vs bio averaged"), &dev, &score_all(&qp, &bio_whole));
        let s_d = score_all(&qp, &bs);
        table.add(&format!("{tag} (d) static, type phrase vs bio per-sentence max"), &dev, &s_d);
        // int8 storage of the bio sentence vectors.
        let bs8: Vec<Vec<Vec<f32>>> = bs
            .iter()
            .map(|ss| ss.iter().map(|v| { let (s, q) = quantise(v); q.iter().map(|&x| x as f32 * s).collect() }).collect())
            .collect();
        table.add(&format!("{tag} (d) + bio sentence vectors stored int8"), &dev, &score_all(&qp, &bs8));

        // (f1) roster-frequency token weights (SIF over the roster's own token counts).
        let roster: Vec<String> = dev.bios.iter().map(|b| b.text.clone()).collect();
        let mut best_rw = None;
        for a in [3e-4, 1e-3, 3e-3] {
            let rw = RosterWeights::new(&m, &roster, a);
            let bsw: Vec<Vec<Vec<f32>>> = bio_sents.iter().map(|ss| ss.iter().map(|s| emb(s, Some(&rw))).collect()).collect();
            let qpw: Vec<Vec<f32>> = phrase.iter().map(|t| emb(t, Some(&rw))).collect();
            let p = table.add(&format!("{tag} (f1) (d) + roster-frequency weights a={a:e}"), &dev, &score_all(&qpw, &bsw));
            if a == 1e-3 {
                best_rw = Some((rw, bsw, qpw, p));
            }
        }
        let (rw, bsw, qpw, _) = best_rw.unwrap();
        let qww: Vec<Vec<f32>> = whole.iter().map(|t| emb(t, Some(&rw))).collect();
        table.add(&format!("{tag} (f1) whole brief + roster weights, per-sentence max"), &dev, &score_all(&qww, &bsw));

        // (f2) common-component removal (SIF step 2) on top of f1.
        let pc = first_pc(bsw.iter().flatten());
        let strip = |v: &Vec<f32>| { let mut x = v.clone(); let d = dot(&x, &pc); x.iter_mut().zip(&pc).for_each(|(a, p)| *a -= d * p); normalise(&mut x); x };
        let bsc: Vec<Vec<Vec<f32>>> = bsw.iter().map(|ss| ss.iter().map(strip).collect()).collect();
        let qpc: Vec<Vec<f32>> = qpw.iter().map(strip).collect();
        table.add(&format!("{tag} (f2) f1 + common component removed"), &dev, &score_all(&qpc, &bsc));

        // (e) archetype vocabulary hybrid, (f3) query expansion through archetype prototypes.
        let mut hand: Option<(Vec<HashSet<usize>>, Vec<HashSet<usize>>)> = None;
        if let Some(ap) = get("--archetypes") {
            let arch = text::Lexicon::parse(&std::fs::read_to_string(&ap)?, m.tokenizer()).map_err(|e| anyhow!("{e}"))?;
            let q_arch: Vec<HashSet<usize>> = phrase.iter().map(|t| arch.find(m.tokenizer(), t).into_iter().map(usize::from).collect()).collect();
            let b_arch: Vec<HashSet<usize>> = dev.bios.iter().map(|b| arch.find(m.tokenizer(), &b.text).into_iter().map(usize::from).collect()).collect();
            hand = Some((q_arch.clone(), b_arch.clone()));
            let q_cov = q_arch.iter().filter(|s| !s.is_empty()).count();
            let right = dev.briefs.iter().zip(&q_arch).filter(|(b, s)| s.iter().any(|&a| arch.names()[a] == dev.types[b.label])).count();
            let b_typed = dev.bios.iter().zip(&b_arch).filter(|(b, _)| b.label.is_some()).count();
            let b_right = dev.bios.iter().zip(&b_arch).filter(|(b, s)| b.label.is_some_and(|l| s.iter().any(|&a| arch.names()[a] == dev.types[l]))).count();
            let b_false = dev.bios.iter().zip(&b_arch).filter(|(b, s)| b.label.is_none() && !s.is_empty()).count();
            println!(
                "{tag} archetypes: {} concepts; briefs with a match {q_cov}/{} (right type {right}); typed bios matched to their type {b_right}/{b_typed}; neutral bios with any match {b_false}/150",
                arch.names().len(), dev.briefs.len()
            );
            // (f6) pseudo-relevance feedback: q' = q + beta * centroid of the best sentences of the
            // first pass's top k bios; second pass with the same keyword evidence.
            for (lam, k, beta) in [(0.0f32, 5usize, 0.5f32), (0.0, 10, 0.5), (0.3, 5, 0.5), (0.3, 10, 0.5), (0.3, 10, 1.0)] {
                let sc: Vec<Vec<f32>> = (0..dev.briefs.len())
                    .map(|q| {
                        let bonus = |i: usize| if q_arch[q].is_disjoint(&b_arch[i]) { 0.0 } else { lam };
                        let first: Vec<f32> = (0..n_bios).map(|i| cos_max(&qpw[q], &bsw[i]) + bonus(i)).collect();
                        let mut idx: Vec<usize> = (0..n_bios).collect();
                        idx.sort_by(|&x, &y| first[y].total_cmp(&first[x]));
                        let mut c = vec![0f32; m.dim()];
                        for &i in &idx[..k] {
                            let best = bsw[i].iter().max_by(|a, b| dot(&qpw[q], a).total_cmp(&dot(&qpw[q], b))).unwrap();
                            c.iter_mut().zip(best).for_each(|(x, y)| *x += y);
                        }
                        normalise(&mut c);
                        let mut q2 = qpw[q].clone();
                        q2.iter_mut().zip(&c).for_each(|(x, y)| *x += beta * y);
                        normalise(&mut q2);
                        (0..n_bios).map(|i| cos_max(&q2, &bsw[i]) + bonus(i)).collect()
                    })
                    .collect();
                table.add(&format!("{tag} (f6) f1 + pseudo-relevance feedback k={k} β={beta}, keyword λ={lam}"), &dev, &sc);
            }
            for (lam_name, base_q, base_b) in [("(d)", &qp, &bs), ("(f1)", &qpw, &bsw)] {
                for lam in [0.1f32, 0.3] {
                    let s: Vec<Vec<f32>> = (0..dev.briefs.len())
                        .map(|q| (0..n_bios).map(|i| cos_max(&base_q[q], &base_b[i]) + if q_arch[q].is_disjoint(&b_arch[i]) { 0.0 } else { lam }).collect())
                        .collect();
                    table.add(&format!("{tag} (e) {lam_name} + archetype keyword evidence λ={lam}"), &dev, &s);
                }
            }
            // Prototypes: the mean embedding of an archetype's terms (all terms / first 5 "seeds").
            for (label, k) in [("all terms", usize::MAX), ("5 seed terms", 5)] {
                let raw_terms: Vec<Vec<String>> = std::fs::read_to_string(&ap)?
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .filter_map(|l| l.split_once(':'))
                    .map(|(_, ts)| ts.split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect())
                    .collect();
                let protos: Vec<Vec<f32>> = raw_terms
                    .iter()
                    .map(|ts| {
                        let mut acc = vec![0f32; m.dim()];
                        for t in ts.iter().take(k) {
                            if let Some(v) = embed_w(&m, t, None) {
                                acc.iter_mut().zip(&v).for_each(|(a, b)| *a += b);
                            }
                        }
                        normalise(&mut acc);
                        acc
                    })
                    .collect();
                for beta in [0.5f32, 1.0] {
                    let qe: Vec<Vec<f32>> = qpw.iter().map(|q| expand(q, &protos, beta, 0.3)).collect();
                    table.add(&format!("{tag} (f3) f1 + query expanded by nearest archetype ({label}) β={beta}"), &dev, &score_all(&qe, &bsw));
                }
            }
        }
        // (e-auto) archetypes expanded from seeds by the teacher's word vectors.
        if let (Some(seeds), Some(rawp)) = (get("--seeds"), get("--raw")) {
            let raw = StaticModel::from_bytes(&std::fs::read(&rawp)?).map_err(|e| anyhow!("{e}"))?;
            // Roster document frequency of each stemmed word: words in many bios carry no type.
            let mut df: HashMap<String, usize> = HashMap::new();
            for b in &dev.bios {
                let ws: HashSet<String> = stems(&raw, &b.text).into_iter().collect();
                for w in ws {
                    *df.entry(w).or_insert(0) += 1;
                }
            }
            for (tau, margin, df_max) in [(0.5f32, 0.03f32, 1.0f32), (0.6, 0.03, 1.0), (0.7, 0.0, 1.0), (0.5, 0.03, 0.02), (0.6, 0.03, 0.02)] {
                let mut lex = AutoLexicon::build(&seeds, &raw, tau, margin)?;
                let limit = (df_max * dev.bios.len() as f32) as usize;
                lex.word_arch.retain(|w, _| df.get(w).copied().unwrap_or(0) <= limit);
                let tau_s = format!("{tau} df<={df_max}");
                let tau = tau_s.as_str();
                if let Some(dump) = get("--dump-lexicon") {
                    std::fs::write(format!("{dump}.tau{tau}.txt"), lex.dump())?;
                }
                let q_arch: Vec<HashSet<usize>> = phrase.iter().map(|t| lex.find(&raw, t)).collect();
                let b_arch: Vec<HashSet<usize>> = dev.bios.iter().map(|b| lex.find(&raw, &b.text)).collect();
                let right = dev.briefs.iter().zip(&q_arch).filter(|(b, s)| s.iter().any(|&a| lex.names[a] == dev.types[b.label])).count();
                let b_right = dev.bios.iter().zip(&b_arch).filter(|(b, s)| b.label.is_some_and(|l| s.iter().any(|&a| lex.names[a] == dev.types[l]))).count();
                let b_false = dev.bios.iter().zip(&b_arch).filter(|(b, s)| b.label.is_none() && !s.is_empty()).count();
                let b_wrong = dev.bios.iter().zip(&b_arch).filter(|(b, s)| b.label.is_some_and(|l| s.iter().any(|&a| lex.names[a] != dev.types[l]))).count();
                println!("{tag} auto lexicon tau={tau} margin={margin}: {} words; briefs right {right}/{}; typed bios right {b_right}/{}, typed bios with another archetype {b_wrong}; neutral bios with any {b_false}/150", lex.word_arch.len(), dev.briefs.len(), dev.bios.iter().filter(|b| b.label.is_some()).count());
                for lam in [0.1f32, 0.2, 0.3] {
                    let sc: Vec<Vec<f32>> = (0..dev.briefs.len())
                        .map(|q| (0..n_bios).map(|i| cos_max(&qpw[q], &bsw[i]) + if q_arch[q].is_disjoint(&b_arch[i]) { 0.0 } else { lam }).collect())
                        .collect();
                    table.add(&format!("{tag} (e-auto) f1 + seed-expanded archetypes tau={tau} λ={lam}"), &dev, &sc);
                }
                // Hand list (λ 0.3) plus the seed-expanded lexicon as weaker evidence.
                if let Some((hq, hb)) = &hand {
                    for lam2 in [0.1f32, 0.15] {
                        let sc: Vec<Vec<f32>> = (0..dev.briefs.len())
                            .map(|q| {
                                (0..n_bios)
                                    .map(|i| {
                                        cos_max(&qpw[q], &bsw[i])
                                            + if hq[q].is_disjoint(&hb[i]) { 0.0 } else { 0.3 }
                                            + if q_arch[q].is_disjoint(&b_arch[i]) { 0.0 } else { lam2 }
                                    })
                                    .collect()
                            })
                            .collect();
                        table.add(&format!("{tag} (e+auto) f1 + hand archetypes λ=0.3 + seed-expanded tau={tau} λ2={lam2}"), &dev, &sc);
                    }
                }
            }
        }
        // (f5) late interaction: each query word's best-matching word in the sentence (MaxSim),
        // weighted by the model's token weights x roster weights; mixed with the sentence cosine.
        {
            let wv = |t: &str| -> Vec<(Vec<f32>, f32)> {
                m.tokenizer()
                    .words(t)
                    .iter()
                    .filter(|w| w.chars().all(char::is_alphanumeric))
                    .filter_map(|w| {
                        let ids = m.tokenizer().tokenize(w);
                        let wt: f32 = ids.iter().map(|&i| m.token_weight(i) * rw.w(i)).sum::<f32>() / ids.len().max(1) as f32;
                        embed_w(&m, w, None).map(|v| (v, wt))
                    })
                    .collect()
            };
            let bw: Vec<Vec<Vec<(Vec<f32>, f32)>>> = bio_sents.iter().map(|ss| ss.iter().map(|s| wv(s)).collect()).collect();
            let qwv: Vec<Vec<(Vec<f32>, f32)>> = phrase.iter().map(|t| wv(t)).collect();
            let maxsim = |q: &[(Vec<f32>, f32)], s: &[(Vec<f32>, f32)]| -> f32 {
                let tot: f32 = q.iter().map(|x| x.1).sum();
                if tot <= 0.0 || s.is_empty() {
                    return 0.0;
                }
                q.iter().map(|(v, w)| w * s.iter().map(|(u, _)| dot(v, u)).fold(-1.0, f32::max)).sum::<f32>() / tot
            };
            for alpha in [0.0f32, 0.5] {
                let sc: Vec<Vec<f32>> = (0..dev.briefs.len())
                    .map(|q| {
                        (0..n_bios)
                            .map(|i| {
                                bw[i].iter().zip(&bsw[i]).map(|(ws, sv)| alpha * dot(&qpw[q], sv) + (1.0 - alpha) * maxsim(&qwv[q], ws)).fold(-1.0, f32::max)
                            })
                            .collect()
                    })
                    .collect();
                table.add(&format!("{tag} (f5) word MaxSim (late interaction), mixed α={alpha} with f1 cosine"), &dev, &sc);
            }
        }
        // (f4) language-only query expansion: add the query's nearest whole-word tokens.
        let nn = nearest_words(&m, 10);
        let qn: Vec<Vec<f32>> = phrase
            .iter()
            .map(|t| {
                let q = emb(t, Some(&rw));
                let mut v = q.clone();
                for (id, _) in nn(&q) {
                    let mut one = vec![0f32; m.dim()];
                    m.accumulate(id, 1.0, &mut one);
                    normalise(&mut one);
                    v.iter_mut().zip(&one).for_each(|(a, b)| *a += 0.1 * b);
                }
                normalise(&mut v);
                v
            })
            .collect();
        table.add(&format!("{tag} (f4) f1 + query + 0.1 × its 10 nearest vocab words"), &dev, &score_all(&qn, &bsw));
        let _ = &s_d;

        // (g) static query in teacher space vs full-model bio sentences (native roster build).
        if let Some(full) = &full_sents {
            if m.dim() == full[0][0].len() {
                table.add(&format!("{tag} (g) static type phrase vs FULL-model bio sentences (max)"), &dev, &score_all(&qp, full));
                table.add(&format!("{tag} (g) + roster weights on the query"), &dev, &score_all(&qpw, full));
            }
        }
    }

    if let Some(out) = get("--out") {
        let mut s = String::from("| variant | p@10 |");
        for t in &dev.types {
            s.push_str(&format!(" {t} |"));
        }
        s.push_str("\n|---|---|");
        s.push_str(&"---|".repeat(dev.types.len()));
        s.push('\n');
        s.push_str(&format!("| chance | {:.3} |{}\n", chance(&dev), " |".repeat(dev.types.len())));
        for (name, p, per) in &table.rows {
            s.push_str(&format!("| {name} | **{p:.3}** |"));
            for v in per {
                s.push_str(&format!(" {v:.2} |"));
            }
            s.push('\n');
        }
        std::fs::write(&out, s)?;
        println!("wrote {out}");
    }
    Ok(())
}

/// Returns a closure giving the `k` nearest whole-word vocab tokens to a vector.
fn nearest_words(m: &StaticModel, k: usize) -> impl Fn(&[f32]) -> Vec<(u32, f32)> + '_ {
    let mut cands = Vec::new();
    for id in 0..m.tokenizer().vocab_size() as u32 {
        let t = m.tokenizer().token(id).unwrap_or("");
        if t.len() >= 3 && t.chars().all(|c| c.is_ascii_lowercase()) {
            let mut v = vec![0f32; m.dim()];
            if m.accumulate(id, 1.0, &mut v) && normalise(&mut v) {
                cands.push((id, v));
            }
        }
    }
    move |q: &[f32]| {
        let mut s: Vec<(u32, f32)> = cands.iter().map(|(id, v)| (*id, dot(q, v))).collect();
        s.sort_by(|a, b| b.1.total_cmp(&a.1));
        s.truncate(k);
        s
    }
}

/// First principal component (uncentred) of unit vectors, by power iteration.
fn first_pc<'a>(vs: impl Iterator<Item = &'a Vec<f32>> + Clone) -> Vec<f32> {
    let d = vs.clone().next().map_or(0, |v| v.len());
    let mut x = vec![1.0f32; d];
    normalise(&mut x);
    for _ in 0..50 {
        let mut y = vec![0f32; d];
        for v in vs.clone() {
            let p = dot(v, &x);
            y.iter_mut().zip(v).for_each(|(a, b)| *a += p * b);
        }
        normalise(&mut y);
        x = y;
    }
    x
}

/// `n` synthetic two-sentence bios (realistic length and vocabulary) for throughput benchmarks.
pub fn synthetic_bios(n: usize) -> Vec<String> {
    let cities = ["Mumbai", "Delhi", "Pune", "Kolkata", "Chennai", "Lucknow", "Jaipur", "Bhopal", "Hyderabad", "Indore", "Patna", "Kochi"];
    let schools = ["the National School of Drama", "FTII Pune", "Barry John's studio", "a Prithvi Theatre workshop", "Whistling Woods", "Bharatendu Natya Academy"];
    let roles = ["served eighteen years in the Border Security Force", "worked as a cardiac nurse at a city hospital", "performed stand-up comedy in clubs across the country", "ran a dhaba on the highway for a decade", "taught mathematics at a government school", "was a crime reporter for a Hindi daily", "farmed sugarcane on the family land", "practised criminal law in the high court", "played Ranji Trophy cricket for his state", "was a sub-inspector with the state police"];
    let extras = ["before turning to acting full time", "and now plays character roles", "which shaped the characters she plays", "before moving into films and web series"];
    let mut s = 0x2545F491u32;
    let mut next = move |m: usize| {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        s as usize % m
    };
    (0..n)
        .map(|_| {
            format!(
                "Trained at {} and based in {}, with {} years of stage work. Earlier {} {}.",
                schools[next(schools.len())],
                cities[next(cities.len())],
                3 + next(20),
                roles[next(roles.len())],
                extras[next(extras.len())]
            )
        })
        .collect()
}
