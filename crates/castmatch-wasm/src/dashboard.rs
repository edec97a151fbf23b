//! `Dashboard`: the delivery-plan tracker as one JS class. It parses times and JS values,
//! delegates to `progress::Tracker`, and turns every error into a `JsError`; no logic here.

use wasm_bindgen::prelude::*;

use super::{js_text, to_js};

use castmatch_progress::{generate, parse_time, PlanError, Tracker};

#[wasm_bindgen]
pub struct Dashboard {
    tracker: Tracker,
}

fn js_error(err: PlanError) -> JsError {
    JsError::new(&err.to_string())
}

#[wasm_bindgen]
impl Dashboard {
    /// Loads and validates a plan; the error names the JSON path or the dependency cycle.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str) -> Result<Dashboard, JsError> {
        Tracker::from_json(text)
            .map(|tracker| Dashboard { tracker })
            .map_err(js_error)
    }

    /// A seeded synthetic plan (`tasks` tasks, about `edges` dependencies), for benchmarks.
    pub fn generated(tasks: u32, edges: u32, seed: u32) -> Result<Dashboard, JsError> {
        let plan = generate::plan(tasks as usize, edges as usize, u64::from(seed));
        Tracker::new(plan)
            .map(|tracker| Dashboard { tracker })
            .map_err(js_error)
    }

    /// Every figure at `nowIso` (RFC 3339): progress, blocking, schedule, gates, alerts.
    #[wasm_bindgen(unchecked_return_type = "Evaluation")]
    pub fn evaluate(&self, now_iso: &str) -> Result<JsValue, JsError> {
        let now = parse_time(now_iso).map_err(js_error)?;
        to_js(&self.tracker.evaluate(now))
    }

    /// The Markdown status report at `nowIso`.
    pub fn report(&self, now_iso: &str) -> Result<String, JsError> {
        let now = parse_time(now_iso).map_err(js_error)?;
        Ok(self.tracker.report(now))
    }

    /// Applies a status update such as `{kind: "resolve_blocker", blocker: "docker", at: "..."}`;
    /// a rejected update leaves the plan unchanged.
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Update")] change: JsValue,
    ) -> Result<(), JsError> {
        // Read by the tracker's own JSON reader, so the module holds one serde_json reader.
        let text = js_text(change, "change")?;
        self.tracker.apply_json(&text).map_err(|error| match error {
            PlanError::Json { path, message } if path == "(root)" => {
                JsError::new(&format!("change: {message}"))
            }
            PlanError::Json { path, message } => JsError::new(&format!("change.{path}: {message}")),
            other => js_error(other),
        })
    }

    /// Loads a measurements log (JSON Lines, as `castmatch monitor --out DIR` writes it): its
    /// readings and service checks join every evaluation, at every moment. Returns the number
    /// of runs; a damaged log throws naming the line and path, and the old log is kept.
    #[wasm_bindgen(js_name = loadMeasurements)]
    pub fn load_measurements(&mut self, text: &str) -> Result<usize, JsError> {
        self.tracker.load_log(text).map_err(js_error)?;
        Ok(self.tracker.log().runs().len())
    }

    /// The time of the log's latest run (RFC 3339), if a log is loaded.
    #[wasm_bindgen(js_name = latestMeasurement)]
    pub fn latest_measurement(&self) -> Option<String> {
        let run = self.tracker.log().runs().last()?;
        Some(run.at.to_rfc3339())
    }

    /// The current plan (with applied updates) as JSON text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.tracker.to_json()
    }
}

/// A seeded synthetic plan as JSON text, so benchmarks can time `Dashboard.fromJson` too.
#[wasm_bindgen(js_name = generatePlan)]
pub fn generate_plan(tasks: u32, edges: u32, seed: u32) -> String {
    serde_json::to_string(&generate::plan(
        tasks as usize,
        edges as usize,
        u64::from(seed),
    ))
    .unwrap_or_default() // a generated plan is plain data: serialising it cannot fail
}
