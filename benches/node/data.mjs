// The benchmark's data and measures, shared by the orchestrator and every library's child
// process: seeded clustered vectors, seeded labels, exact ground truth, recall and percentiles.
// Everything is a pure function of (n, dim, queries, seed), so every library gets the
// identical Float32Array without passing 25 MB between processes.

/** mulberry32: a tiny seeded PRNG with good enough statistics for test data. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples by Box-Muller (both outputs used). */
function gaussian(random) {
  let spare = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    const u = Math.max(random(), 1e-12);
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

function normalise(rows, dim) {
  for (let start = 0; start < rows.length; start += dim) {
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += rows[start + j] * rows[start + j];
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < dim; j++) rows[start + j] /= norm;
  }
}

/**
 * `n` data rows and `queries` query rows, `dim` wide, L2-normalised, drawn around 128 random
 * centres with spreads varying from tight to loose (real embeddings are clustered, and
 * uniform random vectors would flatter the k-d tree and punish every graph). Queries come from
 * the same distribution but are not data rows. Labels are a seeded permutation of 0..n, so the
 * filter `label < s * n` keeps exactly a share `s` of the rows.
 */
export function makeDataset({ n, dim, queries, seed = 42, centres = 128 }) {
  const random = mulberry32(seed);
  const normal = gaussian(random);
  const centre = new Float32Array(centres * dim);
  for (let i = 0; i < centre.length; i++) centre[i] = normal();
  normalise(centre, dim);
  // Spread per centre between 0.05 and 0.35 of the unit sphere's radius.
  const spread = Float32Array.from({ length: centres }, () => 0.05 + 0.3 * random());

  const draw = (count) => {
    const rows = new Float32Array(count * dim);
    for (let i = 0; i < count; i++) {
      const c = Math.floor(random() * centres);
      for (let j = 0; j < dim; j++) rows[i * dim + j] = centre[c * dim + j] + spread[c] * normal();
    }
    normalise(rows, dim);
    return rows;
  };
  const data = draw(n);
  const query = draw(queries);

  // Fisher-Yates on 0..n: label[i] is row i's rank in a seeded shuffle.
  const labels = new Uint32Array(n);
  for (let i = 0; i < n; i++) labels[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [labels[i], labels[j]] = [labels[j], labels[i]];
  }
  return { n, dim, data, queries: query, labels, queryCount: queries };
}

/**
 * Exact top-k by inner product (= cosine on unit vectors), rows passing `keep` only. This is
 * also the "plain JavaScript brute-force scan" floor: a typed-array loop with a small sorted
 * insertion buffer, as a frontend developer would write it.
 */
export function bruteForce(data, dim, query, k, keep = null) {
  const n = data.length / dim;
  const ids = new Int32Array(k).fill(-1);
  const scores = new Float32Array(k).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    if (keep !== null && !keep(i)) continue;
    let dot = 0;
    const base = i * dim;
    for (let j = 0; j < dim; j++) dot += data[base + j] * query[j];
    if (dot <= scores[k - 1]) continue;
    let slot = k - 1;
    while (slot > 0 && scores[slot - 1] < dot) {
      scores[slot] = scores[slot - 1];
      ids[slot] = ids[slot - 1];
      slot--;
    }
    scores[slot] = dot;
    ids[slot] = i;
  }
  return Array.from(ids).filter((id) => id >= 0);
}

/** The selectivities the issue asks for, and the label threshold giving each exactly. */
export const SELECTIVITIES = [0.5, 0.1, 0.01, 0.001];
export const threshold = (n, s) => Math.round(s * n);

/** Mean over queries of |found ∩ truth| / |truth| (a query with no truth is skipped). */
export function recallAt(found, truth) {
  let sum = 0;
  let counted = 0;
  for (let q = 0; q < truth.length; q++) {
    if (truth[q].length === 0) continue;
    const want = new Set(truth[q]);
    let hit = 0;
    for (const id of found[q]) if (want.has(id)) hit++;
    sum += hit / truth[q].length;
    counted++;
  }
  return counted === 0 ? 1 : sum / counted;
}

/** Nearest-rank percentile of a list of milliseconds. */
export function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}
