//! The native broker: serves the pages and forwards `/v1/messages` to Anthropic holding the
//! key, with limits, retries, streaming and metrics. Native only, behind the "server" feature.
