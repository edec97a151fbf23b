//! The conversation methods of `Engine`: parse a brief, take a turn, edit the standing brief,
//! and Claude's `search_talent` tool (its schema and its calls). Time enters here, from JS.

use wasm_bindgen::prelude::*;

use super::{now, requirements_from_js, to_js, value_from_js, Engine};
use castmatch_core::assistant::DEFAULT_RESULTS;
use castmatch_core::brief;

fn results(k: Option<u32>) -> usize {
    k.map_or(DEFAULT_RESULTS, |k| k as usize)
}

#[wasm_bindgen]
impl Engine {
    /// Parses one brief on its own: `{requirements, unrecognised}`; the conversation is untouched.
    #[wasm_bindgen(js_name = parseBrief, unchecked_return_type = "Parsed")]
    pub fn parse_brief(&self, text: &str) -> Result<JsValue, JsError> {
        to_js(&brief::parse(text))
    }

    /// One turn of the open role's conversation: `{requirements, changes, unrecognised,
    /// matches, matching, reply, new_role}`, memory applied and the turn remembered.
    #[wasm_bindgen(unchecked_return_type = "Answer")]
    pub fn say(&mut self, text: &str, k: Option<u32>) -> Result<JsValue, JsError> {
        to_js(&self.assistant.say(now(), text, results(k)))
    }

    /// Replaces the standing brief (e.g. a chip removed) and answers as `say` does.
    #[wasm_bindgen(js_name = setRequirements, unchecked_return_type = "Answer")]
    pub fn set_requirements(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RequirementsInput")] requirements: JsValue,
        k: Option<u32>,
    ) -> Result<JsValue, JsError> {
        let r = requirements_from_js(requirements, self.assistant.catalog.vocabulary())?;
        to_js(&self.assistant.set_requirements(now(), r, results(k)))
    }

    /// Forgets the open role's standing brief.
    #[wasm_bindgen(js_name = resetConversation)]
    pub fn reset_conversation(&mut self) {
        self.assistant.reset_conversation(now());
    }

    /// The `search_talent` tool for Claude: `{name, description, input_schema}`, generated
    /// from `Requirements`.
    #[wasm_bindgen(js_name = searchToolSchema)]
    pub fn search_tool_schema(&self) -> Result<JsValue, JsError> {
        to_js(&brief::search_tool())
    }

    /// Answers Claude's `search_talent` call: validates `input` (a readable error names the
    /// field), makes it the standing brief and returns the answer with the matches.
    #[wasm_bindgen(js_name = toolSearch, unchecked_return_type = "Answer")]
    pub fn tool_search(&mut self, input: JsValue) -> Result<JsValue, JsError> {
        let input = value_from_js(input, "search_talent input")?;
        to_js(&self.assistant.tool_search(now(), &input)?)
    }
}
