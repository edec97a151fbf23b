// Generated from the core's JSON schemas by crates/castmatch-wasm/tests/typescript.rs;
// do not edit.

/**
 * A workstream, owned by one agent.
 */
export interface Agent {
    current_task: string;
    /**
     * Agent ids whose work this workstream needs.
     */
    depends_on: string[];
    id: string;
    name: string;
    /**
     * Reported progress, 0-100.
     */
    progress: number;
    status: AgentStatus;
    tasks: Task[];
    team: Team;
    /**
     * Share of the total effort; overall progress is weighted by it.
     */
    weight: number;
}

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

export type AlertKind = "stalled" | "blocker" | "gate_at_risk" | "gate_failed" | "metric_off_target" | "service_down";

/**
 * Thresholds for the monitor's alerts.
 */
export interface AlertRules {
    /**
     * A blocker open this long raises an alert.
     */
    blocker_hours: number;
    /**
     * A gate due within this horizon with failing criteria is at risk.
     */
    gate_horizon_hours: number;
    /**
     * A service is stable after this many healthy checks in a row.
     */
    stable_checks: number;
    /**
     * A workstream with no progress for this long is stalled (critical at twice as long).
     */
    stall_hours: number;
    /**
     * Velocity is measured over this trailing window.
     */
    velocity_window_hours: number;
}

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
    action: string;
    blocks: string[];
    /**
     * Service ids whose health checks decide it: active while any of them fails its latest
     * check, resolved at the check where all of them pass ("Docker not running" clears
     * itself when Postgres and Redis answer).
     */
    cleared_by?: string[];
    id: string;
    resolved_at?: string | null;
    since: string;
    title: string;
}

/**
 * Something stopping work. `blocks` names agents, tasks or other blockers.
 */
export interface BlockerInput {
    /**
     * What would clear it, for the next-actions list.
     */
    action?: string;
    blocks: string[];
    /**
     * Service ids whose health checks decide it: active while any of them fails its latest
     * check, resolved at the check where all of them pass ("Docker not running" clears
     * itself when Postgres and Redis answer).
     */
    cleared_by?: string[];
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
    /**
     * Services whose checks decide this blocker.
     */
    cleared_by: string[];
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

/**
 * Nodes and edges to draw, in layers.
 */
export interface Drawing {
    edges: DrawnEdge[];
    /**
     * Tasks left out: in no dependency, no blocking chain and not on the critical path.
     */
    hidden_tasks: number;
    nodes: DrawnNode[];
}

export interface DrawnEdge {
    /**
     * From an active blocker, or between two blocked nodes.
     */
    blocking: boolean;
    /**
     * Between two nodes of the critical path.
     */
    critical: boolean;
    from: string;
    to: string;
}

export interface DrawnNode {
    /**
     * For a blocker: active at `now` (false once resolved).
     */
    active: boolean;
    /**
     * Blocked at `now`; an active blocker counts only when another blocker blocks it.
     */
    blocked: boolean;
    /**
     * On the critical path.
     */
    critical: boolean;
    id: string;
    kind: NodeKind;
    /**
     * Blocker title, workstream name or task title.
     */
    label: string;
    /**
     * Column: the longest path from a source among the drawn edges.
     */
    layer: number;
    /**
     * For a task, the name of the workstream that owns it.
     */
    owner: string | null;
}

/**
 * One row of the escalation matrix: from `after_hours` of blocker age on.
 */
export interface EscalationLevel {
    action: string;
    after_hours: number;
    example: string;
    level: string;
}

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
    /**
     * The dependency graph as the dashboard draws it.
     */
    graph: Drawing;
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
    /**
     * The plan's services as their checks up to `now` found them.
     */
    services: ServiceView[];
    target_days: number;
}

/**
 * A checkpoint at the end of `day`: GO when every criterion holds.
 */
export interface Gate {
    blockers_resolved: string[];
    /**
     * Due at `start + day` days (the end of day `day`).
     */
    day: number;
    go_if: string;
    id: string;
    kind: CheckpointKind;
    metrics_met: string[];
    name: string;
    no_go_if: string;
    /**
     * Services that must be stable: healthy in their last `alert_rules.stable_checks` checks.
     */
    services_stable?: string[];
    tasks_done: string[];
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

/**
 * When every task in `after` is done, the `notify` workstreams may start.
 */
export interface Handoff {
    after: string[];
    id: string;
    name: string;
    notify: string[];
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

/**
 * One reading of a plan metric, with when and where it was taken.
 */
export interface Measurement {
    at: string;
    metric: string;
    /**
     * Where it came from: a URL, a file, "dashboard".
     */
    source: string;
    value: number;
}

/**
 * A success metric: met when `measured comparison target` holds.
 */
export interface Metric {
    comparison: Comparison;
    id: string;
    /**
     * What the monitor measures for it (`castmatch monitor --probe / --coverage / --accuracy`).
     */
    measure?: Quantity | null;
    /**
     * A value typed into the plan, with no time: used until a reading is taken.
     */
    measured: number | null;
    name: string;
    target: number;
    unit: string;
}

export interface MetricView {
    comparison: Comparison;
    id: string;
    /**
     * What the monitor measures for it.
     */
    measure: Quantity | null;
    /**
     * The value at `now`: the latest reading, else the value typed into the plan.
     */
    measured: number | null;
    /**
     * When the value was measured (absent for a value typed into the plan).
     */
    measured_at: string | null;
    met: boolean;
    name: string;
    /**
     * Where: the URL probed, the file read, "dashboard", or "typed into the plan".
     */
    source: string | null;
    target: number;
    /**
     * Readings up to `now`, oldest first (the last 30).
     */
    trend: TrendPoint[];
    unit: string;
}

export type NodeKind = "blocker" | "agent" | "task";

/**
 * A delivery plan. Times are RFC 3339 with an offset; durations are in days, ages in hours.
 */
export interface Plan {
    /**
     * Editors may point this at `docs/plan.schema.json`; ignored by CastMatch.
     */
    $schema?: string | null;
    agents: Agent[];
    alert_rules: AlertRules;
    blockers: Blocker[];
    description: string;
    /**
     * Escalation levels by blocker age, in ascending `after_hours`.
     */
    escalation: EscalationLevel[];
    /**
     * Quality gates and milestones, each checked on its day.
     */
    gates: Gate[];
    handoffs: Handoff[];
    /**
     * Progress reports over time; velocity and stall detection are measured from them.
     */
    history: ProgressReport[];
    /**
     * Metric readings entered by people (the dashboard's form); the monitor's own readings
     * live in its measurements log.
     */
    measurements?: Measurement[];
    metrics: Metric[];
    phase: string;
    project: string;
    /**
     * When the monitor checks what (the seed's coordination protocol).
     */
    rhythm: Rhythm;
    /**
     * Services the monitor checks: Docker, Postgres, Redis, the Claude service.
     */
    services?: Service[];
    /**
     * Day 1 begins here; the offset is also the one the report prints times in.
     */
    start: string;
    /**
     * Days from `start` to the delivery target.
     */
    target_days: number;
    /**
     * Task progress over time, replayed like `history` (a task with no report keeps its
     * `progress` at every moment).
     */
    task_history?: TaskReport[];
}

/**
 * A workstream's reported progress at a moment.
 */
export interface ProgressReport {
    agent: string;
    at: string;
    current_task?: string | null;
    note?: string | null;
    progress: number;
    /**
     * The workstream's status from this report on.
     */
    status?: AgentStatus | null;
}

export interface ProgressSummary {
    by_team: TeamProgress[];
    /**
     * Effort-weighted progress of all workstreams, 0-100.
     */
    overall: number;
}

/**
 * A figure the monitor measures on the running system or reads from a file.
 */
export type Quantity = "first_byte_p50_seconds" | "first_byte_p95_seconds" | "turn_p50_seconds" | "turn_p95_seconds" | "concurrent_conversations" | "peak_concurrent_conversations" | "successful_conversations" | "error_rate_percent" | "line_coverage_percent" | "matching_accuracy_percent";

/**
 * The monitor's cadence, in the plan's time zone (the offset of `start`).
 */
export interface Rhythm {
    /**
     * Dependency check: handoffs due, chains at risk (HH:MM).
     */
    dependency_check: string;
    /**
     * Blocker escalation.
     */
    escalation_hours: number;
    /**
     * Evening review with the next day's plan (HH:MM).
     */
    evening_review: string;
    /**
     * Service health and measurements: every run (this is the interval `--every` suggests).
     */
    health_hours: number;
    /**
     * The full status report (progress, velocity, stalls).
     */
    progress_hours: number;
    /**
     * Morning standup: what each agent did since yesterday, what blocks them (HH:MM).
     */
    standup: string;
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

/**
 * A service the monitor checks with a timeout.
 */
export interface Service {
    /**
     * `http://host:port/path` or `https://...` (healthy on a 2xx answer) or `tcp://host:port`
     * (healthy when a connection opens).
     */
    check: string;
    /**
     * For HTTP checks: text the answer's body must contain, e.g. `"claude":"configured"`.
     */
    expect?: string | null;
    id: string;
    name: string;
    /**
     * Milliseconds before a check that has not answered counts as failed.
     */
    timeout_ms: number;
}

export interface ServiceView {
    check: string;
    checked_at: string | null;
    /**
     * Blockers these checks decide.
     */
    clears: string[];
    detail: string;
    /**
     * Failing since this check (absent while healthy).
     */
    down_since: string | null;
    /**
     * The latest check's verdict; absent if never checked by `now`.
     */
    healthy: boolean | null;
    /**
     * Healthy checks in a row up to the latest.
     */
    healthy_streak: number;
    id: string;
    millis: number | null;
    name: string;
    /**
     * The latest checks, oldest first: true for healthy.
     */
    recent: boolean[];
    /**
     * Healthy for `alert_rules.stable_checks` checks in a row.
     */
    stable: boolean;
}

export type Severity = "info" | "warning" | "critical";

/**
 * A unit of work with an estimate; ids are unique across the whole plan.
 */
export interface Task {
    /**
     * Task ids (of any agent) that must be done first.
     */
    depends_on: string[];
    estimate_days: number;
    id: string;
    /**
     * 0-100; a task at 100 is done.
     */
    progress: number;
    title: string;
}

/**
 * A task's reported progress at a moment.
 */
export interface TaskReport {
    at: string;
    progress: number;
    task: string;
}

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

export interface TrendPoint {
    at: string;
    value: number;
}

/**
 * One change, tagged by `kind`, e.g.
 * `{"kind": "resolve_blocker", "blocker": "docker", "at": "2025-09-05T03:00:00+05:30"}`.
 * Reports carry their time and go into the history, so a report for a past moment changes
 * what that moment shows, not what later reports say.
 */
export type Update = { agent: string; at: string; current_task?: string | null; kind: "progress"; note?: string | null; progress: number; status?: AgentStatus | null } | { at?: string | null; kind: "task"; progress: number; task: string } | { at: string; blocker: string; kind: "resolve_blocker" } | { blocker: Blocker; kind: "add_blocker" } | { at?: string | null; kind: "metric"; measured: number; metric: string; source?: string | null };
