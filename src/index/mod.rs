//! Our own vector index: a filter-aware HNSW graph, an exact flat scan, a planner that picks
//! between them by the filter's selectivity, and versioned, checksummed snapshots.
//!
//! TEMPORARY exact-scan shim with the agreed API, replaced by the index branch.

#[derive(Debug, Clone, Copy)]
pub struct HnswParams {
    pub m: usize,
    pub ef_construction: usize,
    pub ef_search: usize,
    pub seed: u64,
}

impl Default for HnswParams {
    fn default() -> Self {
        HnswParams {
            m: 16,
            ef_construction: 100,
            ef_search: 64,
            seed: 42,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub id: u32,
    pub distance: f32,
}

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("{0}")]
    Invalid(String),
}

#[derive(Default)]
pub struct Search;

pub struct Hnsw {
    dim: usize,
    data: Vec<f32>,
    deleted: Vec<bool>,
}

impl Hnsw {
    pub fn new(dim: usize, _params: HnswParams) -> Self {
        Hnsw {
            dim,
            data: vec![],
            deleted: vec![],
        }
    }
    pub fn build(
        vectors: ndarray::ArrayView2<f32>,
        params: HnswParams,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Self {
        let mut h = Hnsw::new(vectors.ncols(), params);
        for row in vectors.rows() {
            h.insert(row.as_slice().unwrap()).unwrap();
        }
        progress(vectors.nrows(), vectors.nrows());
        h
    }
    pub fn insert(&mut self, v: &[f32]) -> Result<u32, IndexError> {
        self.data.extend_from_slice(v);
        self.deleted.push(false);
        Ok(self.deleted.len() as u32 - 1)
    }
    pub fn delete(&mut self, id: u32) -> Result<(), IndexError> {
        self.deleted[id as usize] = true;
        Ok(())
    }
    pub fn update(&mut self, id: u32, v: &[f32]) -> Result<(), IndexError> {
        let d = self.dim;
        self.data[id as usize * d..(id as usize + 1) * d].copy_from_slice(v);
        Ok(())
    }
    pub fn len(&self) -> usize {
        self.deleted.iter().filter(|d| !**d).count()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn dim(&self) -> usize {
        self.dim
    }
    pub fn vector(&self, id: u32) -> Option<&[f32]> {
        self.data
            .get(id as usize * self.dim..(id as usize + 1) * self.dim)
    }
    pub fn search(&self, q: &[f32], k: usize, _s: &mut Search) -> Vec<Hit> {
        self.exact(q, k, &|_| true)
    }
    pub fn search_filtered(
        &self,
        q: &[f32],
        k: usize,
        f: &dyn Fn(u32) -> bool,
        _s: &mut Search,
    ) -> Vec<Hit> {
        self.exact(q, k, f)
    }
    pub fn exact(&self, q: &[f32], k: usize, f: &dyn Fn(u32) -> bool) -> Vec<Hit> {
        let mut hits: Vec<Hit> = (0..self.deleted.len() as u32)
            .filter(|&i| !self.deleted[i as usize] && f(i))
            .map(|i| {
                let v = self.vector(i).unwrap();
                Hit {
                    id: i,
                    distance: 1.0 - v.iter().zip(q).map(|(a, b)| a * b).sum::<f32>(),
                }
            })
            .collect();
        hits.sort_by(|a, b| a.distance.total_cmp(&b.distance).then(a.id.cmp(&b.id)));
        hits.truncate(k);
        hits
    }
    pub fn to_bytes(&self) -> Vec<u8> {
        vec![]
    }
    pub fn from_bytes(_b: &[u8]) -> Result<Self, IndexError> {
        Err(IndexError::Invalid("shim".into()))
    }
}
