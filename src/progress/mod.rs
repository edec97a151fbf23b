//! Delivery analytics: the plan model, weighted progress, dependency chains, critical path,
//! escalation, gates and the generated status report; pure functions of a plan and `now`.
