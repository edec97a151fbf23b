// Generated from the core's JSON schemas by crates/castmatch-wasm/tests/typescript.rs;
// do not edit.

export type AgentStatus = "active" | "critical" | "blocked" | "waiting" | "standby" | "done";

export interface AgentView {
    /**
     * The whole workstream is blocked (not just some of its tasks).
     */
    blocked: boolean;
    /**
     * Root-cause blocker id, if the workstream or any of its tasks is blocked.
     */
    blocked_by: string | null;
    blocked_tasks: number;
    /**
     * Ids from the root blocker to the agent (or to its first blocked task).
     */
    chain: string[];
    current_task: string;
    hours_since_progress: number;
    id: string;
    name: string;
    /**
     * The nearest active blocker on the chain (what the matrix shows).
     */
    nearest_blocker: string | null;
    progress: number;
    status: AgentStatus;
    team: Team;
    weight: number;
}

export interface Alert {
    kind: AlertKind;
    message: string;
    severity: Severity;
    /**
     * The id of the agent, blocker, gate or metric concerned.
     */
    subject: string;
}

export type AlertKind = "stalled" | "blocker" | "gate_at_risk" | "gate_failed" | "metric_off_target";

export interface BlockedItem {
    id: string;
    kind: NodeKind;
    nearest: string;
    root: string;
    /**
     * The node it is blocked through (absent for a root blocker).
     */
    via: string | null;
}

/**
 * Something stopping work. `blocks` names agents, tasks or other blockers.
 */
export interface Blocker {
    /**
     * What would clear it, for the next-actions list.
     */
    action?: string;
    blocks: string[];
    id: string;
    resolved_at?: string | null;
    since: string;
    title: string;
}

export interface BlockerView {
    action: string;
    active: boolean;
    /**
     * Hours open (until resolution, if resolved).
     */
    age_hours: number;
    blocked_agents: string[];
    /**
     * Nodes for which this is the nearest blocker.
     */
    blocking_count: number;
    hours_to_next_escalation: number | null;
    id: string;
    /**
     * Escalation level reached (active blockers only).
     */
    level: string | null;
    level_action: string | null;
    level_index: number | null;
    next_escalation_at: string | null;
    next_level: string | null;
    resolved_at: string | null;
    /**
     * Not itself blocked by another active blocker.
     */
    root_cause: boolean;
    since: string;
    title: string;
}

export interface Chain {
    ids: string[];
    labels: string[];
}

export type CheckpointKind = "gate" | "milestone";

export type Comparison = "lt" | "le" | "gt" | "ge";

export interface EscalationView {
    action: string;
    after_hours: number;
    example: string;
    level: string;
    until_hours: number | null;
}

/**
 * Everything the dashboard shows, computed from the plan and `now`.
 */
export interface Evaluation {
    agents: AgentView[];
    alerts: Alert[];
    /**
     * Every blocked blocker, agent and task, with how it is blocked.
     */
    blocked: BlockedItem[];
    blockers: BlockerView[];
    /**
     * Longest root-to-leaf blocking chains, longest first.
     */
    chains: Chain[];
    chains_omitted: number;
    /**
     * Day 1 is the first 24 hours after the start.
     */
    day: number;
    elapsed_days: number;
    escalation: EscalationView[];
    gates: GateView[];
    handoffs: HandoffView[];
    metrics: MetricView[];
    now: string;
    phase: string;
    progress: ProgressSummary;
    project: string;
    /**
     * Unfinished, unblocked tasks whose dependencies are done; critical first, then by slack.
     */
    ready_tasks: string[];
    ready_workstreams: string[];
    schedule: Schedule;
    target_days: number;
}

export type GateDecision = "GO" | "NO-GO" | "PENDING";

export interface GateView {
    at_risk: boolean;
    criteria_met: number;
    criteria_total: number;
    day: number;
    /**
     * GO when every criterion holds; NO-GO when the day has passed without; else PENDING.
     */
    decision: GateDecision;
    due: string;
    failing: string[];
    go_if: string;
    id: string;
    kind: CheckpointKind;
    name: string;
    no_go_if: string;
    risks: string[];
}

export interface HandoffView {
    fired: boolean;
    id: string;
    name: string;
    notify: string[];
    /**
     * Upstream tasks not done yet.
     */
    waiting_on: string[];
}

export interface MetricView {
    comparison: Comparison;
    id: string;
    measured: number | null;
    met: boolean;
    name: string;
    target: number;
    unit: string;
}

export type NodeKind = "blocker" | "agent" | "task";

export interface ProgressSummary {
    by_team: TeamProgress[];
    /**
     * Effort-weighted progress of all workstreams, 0-100.
     */
    overall: number;
}

export interface Schedule {
    critical_path: string[];
    /**
     * Days of remaining work along the critical path.
     */
    critical_path_days: number;
    critical_path_finish: string;
    critical_path_slip_days: number;
    days_to_target: number;
    /**
     * Least slack of any task against the target; negative means late.
     */
    min_slack_days: number | null;
    projected_day: number | null;
    /**
     * When 100% is reached at the measured velocity (absent if no progress was measured).
     */
    projected_finish: string | null;
    /**
     * Days late (positive) or early (negative) against the target, by velocity.
     */
    slip_days: number | null;
    target_finish: string;
    tasks: TaskView[];
    /**
     * Overall progress gained per day over the velocity window.
     */
    velocity_per_day: number | null;
}

export type Severity = "info" | "warning" | "critical";

export interface TaskView {
    agent: string;
    blocked: boolean;
    critical: boolean;
    done: boolean;
    earliest_finish_days: number;
    earliest_start_days: number;
    id: string;
    progress: number;
    ready: boolean;
    remaining_days: number;
    slack_days: number;
    title: string;
}

export type Team = "development" | "design";

/**
 * Progress of one team, weighted by effort.
 */
export interface TeamProgress {
    agents: number;
    progress: number;
    team: Team;
    weight: number;
}

/**
 * One change, tagged by `kind`, e.g.
 * `{"kind": "resolve_blocker", "blocker": "docker", "at": "2025-09-05T03:00:00+05:30"}`.
 */
export type Update = { agent: string; at: string; current_task?: string | null; kind: "progress"; note?: string | null; progress: number; status?: AgentStatus | null } | { kind: "task"; progress: number; task: string } | { at: string; blocker: string; kind: "resolve_blocker" } | { blocker: Blocker; kind: "add_blocker" } | { kind: "metric"; measured: number; metric: string };
