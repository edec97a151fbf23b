// Generated from the core's JSON schemas by crates/castmatch-wasm/tests/typescript.rs;
// do not edit.

/**
 * A talent a "why not" question names: who, and the hard constraints of the brief they fail
 * (none: they meet it, and the page looks up their rank).
 */
export interface Absent {
    /**
     * Each failed constraint by its `Requirements` field: "gender", "age", "minor" (an adult
     * role), "adult" (a child role), "height_min_cm", "height_max_cm", "cities",
     * "excluded_cities", "day_rate_max_inr", "available". The page words them (the chat
     * module stays small).
     */
    failed: string[];
    id: string;
    /**
     * The languages, skills and skill groups the brief requires that the talent lacks.
     */
    missing: string[];
}

/**
 * What one turn produced.
 */
export interface Answer {
    /**
     * What the turn changed, field by field.
     */
    changes: Change[];
    /**
     * Set when the turn was about the list ("show me more", "why is Kabir not in the
     * list?"): the brief is unchanged, `matches` is empty and the cards on screen stay.
     */
    listing?: Listing | null;
    /**
     * The best matches, memory applied.
     */
    matches: Match[];
    /**
     * How many talents meet every hard constraint.
     */
    matching: number;
    /**
     * The turn started a new role.
     */
    new_role: boolean;
    /**
     * Phrases read as something they do not name outright ("read 'MMA fighter' as skill
     * mma"), each with how sure the reading is: shown so the director can correct them.
     */
    readings: Interpretation[];
    /**
     * A short reply written from the changes and the matches.
     */
    reply: string;
    /**
     * The standing brief after the turn.
     */
    requirements: Requirements;
    /**
     * Set when the turn was an undo ("undo", "undo that reject"): what it took back, oldest
     * change last. The brief is unchanged and `matches` is empty: the cards on screen stay.
     */
    undone: Undone[] | null;
    /**
     * Phrases the turn held that could not be placed.
     */
    unrecognised: string[];
}

/**
 * A role's audition slots and invitations (one per talent), oldest first.
 */
export interface Auditions {
    invitations: Invitation[];
    project: string;
    role: string;
    slots: Slot[];
}

/**
 * A field of the brief, as a change names it.
 */
export type BriefField = "gender" | "age" | "height" | "languages" | "skills" | "skill_groups" | "cities" | "preferred_skills" | "preferred_skill_groups" | "preferred_languages" | "preferred_cities" | "excluded_cities" | "look";

/**
 * One talent as the director last saw them, with their notes and tags.
 */
export interface Candidate {
    age: number;
    city: string;
    gender: Gender;
    name: string;
    /**
     * The director's own words about this talent ("" when none).
     */
    note: string;
    photo_url: string | null;
    /**
     * Short labels, as typed, without repeats ("callback", "needs dialect coach").
     */
    tags: string[];
    talent_id: string;
}

/**
 * One field's change: "age 25-32 -> 30-37".
 */
export interface Change {
    /**
     * The value after, as text; "any" when the field is now open.
     */
    after: string;
    /**
     * The value before, as text; "any" when the field was open.
     */
    before: string;
    field: BriefField;
}

/**
 * One credit: `film:Dhoop (2019)` in a CSV.
 */
export interface Credit {
    kind: CreditKind;
    title: string;
    year: number;
}

/**
 * The medium of a credit.
 */
export type CreditKind = "film" | "tv" | "ott" | "ad" | "theatre";

/**
 * What a director decided about a talent for a role.
 */
export type Decision = "shortlist" | "reject" | "note";

/**
 * One decision about one talent.
 */
export interface DecisionRecord {
    at: number;
    decision: Decision;
    note: string | null;
    talent_id: string;
}

/**
 * Something that happened, where and when.
 */
export interface Episode {
    /**
     * Milliseconds since the epoch, as passed in by the caller.
     */
    at: number;
    event: Event;
    project: string;
    role: string;
}

/**
 * What happened in an episode.
 */
export type Event = "opened_role" | { turn: { shown: string[]; text: string } } | { decided: DecisionRecord } | { remembered: { preference_id: string; text: string } } | { forgot: { preference_id: string; text: string } } | { withdrew: DecisionRecord } | { undid: { episode: number; restored: DecisionRecord | null; talent_id: string } };

/**
 * One value of a roster column CastMatch has no field for.
 */
export interface ExtraColumn {
    /**
     * The column's header as the file wrote it.
     */
    column: string;
    value: string;
}

/**
 * Gender as casting sheets record it; canonical lower-case names on the wire.
 */
export type Gender = "female" | "male" | "nonbinary";

/**
 * A phrase read as something it does not name outright: a word form ("rides motorbikes"), a
 * practitioner ("MMA fighter"), one word of a longer term ("climbs"), a near spelling
 * ("Kathac"), a generic skill ("can dance"). Shown to the director, never silent.
 */
export interface Interpretation {
    /**
     * How sure the reading is, from 0 to 1.
     */
    confidence: number;
    /**
     * The field they went to.
     */
    field: BriefField;
    /**
     * The words as written ("MMA fighter").
     */
    phrase: string;
    /**
     * What they were read as ("mma", "any dance form").
     */
    value: string;
}

/**
 * A talent invited to a slot.
 */
export interface Invitation {
    /**
     * When the status last changed (milliseconds since the epoch, as passed in).
     */
    at: number;
    slot: number;
    status: InvitationStatus;
    talent_id: string;
}

/**
 * Where an invitation stands.
 */
export type InvitationStatus = "invited" | "confirmed" | "declined" | "seen";

/**
 * What the page does with a pool command's answer (`Answer::listing`).
 */
export type Listing = "more" | { why_not: { found: number; name: string; talents: Absent[] } };

/**
 * One ranked result.
 */
export interface Match {
    /**
     * What counts against: pluses missing, a look not found, terms not on file.
     */
    concerns: string[];
    /**
     * How fully the talent meets the brief, 0-100 (see the module doc): what to show.
     */
    fit: number;
    id: string;
    name: string;
    /**
     * What counts for the talent: each constraint met, each plus held, memory's boosts.
     */
    reasons: string[];
    /**
     * The ranking score behind the order among equal fits (no fixed scale).
     */
    score: number;
    talent: Talent;
}

/**
 * The director's memory as it bears on the open role.
 */
export interface MemoryView {
    /**
     * The open role's audition slots and invitations.
     */
    auditions: Auditions;
    /**
     * The open role's standing brief.
     */
    brief: Requirements;
    /**
     * Whether the open role has a decision `undo` would take back.
     */
    can_undo: boolean;
    /**
     * Talents decided on or invited for this role, and any the director annotated: their
     * details as last shown (names survive a roster change), notes and tags; by talent id.
     */
    candidates: Candidate[];
    director: string;
    /**
     * The open role's episodes, oldest first.
     */
    episodes: Episode[];
    /**
     * Active stated preferences, oldest first.
     */
    preferences: Preference[];
    project: string;
    rejected: DecisionRecord[];
    role: string;
    shortlist: DecisionRecord[];
    /**
     * Whether rejected talents are shown again for this role.
     */
    show_rejected: boolean;
    /**
     * Preferences replaced by newer ones, kept as history.
     */
    superseded: Preference[];
}

/**
 * A brief, understood: the requirements and the words that could not be placed.
 */
export interface Parsed {
    /**
     * Phrases read as something they do not name outright ("read 'MMA fighter' as skill
     * mma"), each with how sure the reading is.
     */
    readings: Interpretation[];
    requirements: Requirements;
    /**
     * Phrases that look like content but match no vocabulary, in text order, as written
     * ("Marwari family", "Kerala"). Role nouns and production context (cop, ad, web series,
     * detergent) are known context and are not reported.
     */
    unrecognised: string[];
}

/**
 * One stated preference. Superseded ones stay, with `superseded_by` naming the newer one.
 */
export interface Preference {
    created_at: number;
    /**
     * Stable within a director: "p1", "p2", ... never reused.
     */
    id: string;
    kind: PreferenceKind;
    scope: Scope;
    superseded_by: string | null;
    target: Target;
    text: string;
}

/**
 * What a preference asks for.
 */
export type PreferenceKind = "prefer" | "avoid" | "never";

/**
 * The requirements of one role. Field names and canonical values follow
 * `shared/briefs/CONVENTIONS.md`; sets hold canonical lower-case names.
 */
export interface Requirements {
    /**
     * Oldest acceptable age in whole years, inclusive.
     */
    age_max: number | null;
    /**
     * Youngest acceptable age in whole years, inclusive.
     */
    age_min: number | null;
    /**
     * First shoot day, YYYY-MM-DD: a talent whose recorded days free leave out any day from
     * here to `available_to` is excluded (no dates on file is no exclusion). One date alone is
     * one day.
     */
    available_from?: string | null;
    /**
     * Last shoot day, YYYY-MM-DD (see `available_from`).
     */
    available_to?: string | null;
    /**
     * Cities the talent may be based in; any of them is fine.
     */
    cities: string[];
    /**
     * Highest day rate in rupees: a talent whose recorded rate is above it is excluded (no rate
     * on file is no exclusion).
     */
    day_rate_max_inr?: number | null;
    /**
     * Who the role is, in free words ("a weary small-town doctor who has seen it all"), as
     * Claude's tool passes it: never a filter, ranked by meaning with `look`.
     */
    description?: string | null;
    /**
     * Cities the talent must not be based in ("not from Delhi").
     */
    excluded_cities?: string[];
    /**
     * Required gender; null when the role does not say.
     */
    gender: Gender | null;
    /**
     * Maximum height in centimetres, inclusive.
     */
    height_max_cm: number | null;
    /**
     * Minimum height in centimetres, inclusive.
     */
    height_min_cm: number | null;
    /**
     * Languages the talent must speak (canonical English names, lower case).
     */
    languages: string[];
    /**
     * Look and type notes ("tall", "bearded", "girl next door"): shown to the director and
     * available to ranking, never a filter, because the roster records no such field.
     */
    look?: string[];
    /**
     * Cities that are wanted but not required ("Mumbai preferred"): they raise the score only.
     */
    preferred_cities?: string[];
    /**
     * Languages that are wanted but not required ("Marathi a plus"): they raise the score only.
     */
    preferred_languages?: string[];
    /**
     * Generic skills that are wanted but not required ("dancing a plus"): they raise the score.
     */
    preferred_skill_groups?: string[];
    /**
     * Skills that are wanted but not required: they raise the score, never exclude.
     */
    preferred_skills: string[];
    /**
     * Generic skills ("a dancer", "can dance", "martial artist"): for each group named (see
     * `vocab::SkillGroup`: dance, classical dance, folk dance, martial arts, instrument,
     * sport), the talent must have at least one of its forms.
     */
    skill_groups?: string[];
    /**
     * Skills the talent must have (canonical names, lower case).
     */
    skills: string[];
}

/**
 * The requirements of one role. Field names and canonical values follow
 * `shared/briefs/CONVENTIONS.md`; sets hold canonical lower-case names.
 */
export interface RequirementsInput {
    /**
     * Oldest acceptable age in whole years, inclusive.
     */
    age_max?: number | null;
    /**
     * Youngest acceptable age in whole years, inclusive.
     */
    age_min?: number | null;
    /**
     * First shoot day, YYYY-MM-DD: a talent whose recorded days free leave out any day from
     * here to `available_to` is excluded (no dates on file is no exclusion). One date alone is
     * one day.
     */
    available_from?: string | null;
    /**
     * Last shoot day, YYYY-MM-DD (see `available_from`).
     */
    available_to?: string | null;
    /**
     * Cities the talent may be based in; any of them is fine.
     */
    cities?: string[];
    /**
     * Highest day rate in rupees: a talent whose recorded rate is above it is excluded (no rate
     * on file is no exclusion).
     */
    day_rate_max_inr?: number | null;
    /**
     * Who the role is, in free words ("a weary small-town doctor who has seen it all"), as
     * Claude's tool passes it: never a filter, ranked by meaning with `look`.
     */
    description?: string | null;
    /**
     * Cities the talent must not be based in ("not from Delhi").
     */
    excluded_cities?: string[];
    /**
     * Required gender; null when the role does not say.
     */
    gender?: Gender | null;
    /**
     * Maximum height in centimetres, inclusive.
     */
    height_max_cm?: number | null;
    /**
     * Minimum height in centimetres, inclusive.
     */
    height_min_cm?: number | null;
    /**
     * Languages the talent must speak (canonical English names, lower case).
     */
    languages?: string[];
    /**
     * Look and type notes ("tall", "bearded", "girl next door"): shown to the director and
     * available to ranking, never a filter, because the roster records no such field.
     */
    look?: string[];
    /**
     * Cities that are wanted but not required ("Mumbai preferred"): they raise the score only.
     */
    preferred_cities?: string[];
    /**
     * Languages that are wanted but not required ("Marathi a plus"): they raise the score only.
     */
    preferred_languages?: string[];
    /**
     * Generic skills that are wanted but not required ("dancing a plus"): they raise the score.
     */
    preferred_skill_groups?: string[];
    /**
     * Skills that are wanted but not required: they raise the score, never exclude.
     */
    preferred_skills?: string[];
    /**
     * Generic skills ("a dancer", "can dance", "martial artist"): for each group named (see
     * `vocab::SkillGroup`: dance, classical dance, folk dance, martial arts, instrument,
     * sport), the talent must have at least one of its forms.
     */
    skill_groups?: string[];
    /**
     * Skills the talent must have (canonical names, lower case).
     */
    skills?: string[];
}

/**
 * One role in the roles list.
 */
export interface RoleSummary {
    /**
     * Whether this is the role now open.
     */
    current: boolean;
    name: string;
    opened_at: number;
    project: string;
    rejected: number;
    shortlisted: number;
    turns: number;
}

/**
 * Which roles a preference applies to.
 */
export type Scope = "all_roles" | { roles_named: string };

/**
 * One audition slot: a day, a start time ("HH:MM", 24-hour) and a place.
 */
export interface Slot {
    /**
     * A calendar date, YYYY-MM-DD.
     */
    date: string;
    /**
     * Unique within the role: 1, 2, ...
     */
    id: number;
    place: string;
    time: string;
}

/**
 * A performer on the roster. Lists hold canonical lower-case names (see `vocab`).
 *
 * Every field after `bio` is optional on a roster: filters use the playing ages, the
 * availability window and the day rate when given; the links and contacts are only shown.
 */
export interface Talent {
    age: number;
    agent: string | null;
    /**
     * Free-text availability ("from March", "weekends"), when known.
     */
    availability: string | null;
    /**
     * First day free, when known; a brief's dates exclude only talents known to be busy.
     */
    available_from: string | null;
    /**
     * Last day free, when known.
     */
    available_to: string | null;
    bio: string;
    city: string;
    credits: Credit[];
    /**
     * Day rate in rupees, when known; a brief's budget excludes only talents known to cost more.
     */
    day_rate_inr: number | null;
    email: string | null;
    experience_years: number;
    /**
     * The roster's other columns in file order, by header as written ("Favourite colour"):
     * shown on the card and exported again, never searched.
     */
    extra: ExtraColumn[];
    gender: Gender;
    height_cm: number;
    id: string;
    instagram: string | null;
    languages: string[];
    /**
     * Look and type tags ("girl next door", "rugged", "ex-army"), lower case: never a
     * filter, read by the semantic layer with the bio.
     */
    look: string[];
    name: string;
    /**
     * Contacts, shown to the director, never searched.
     */
    phone: string | null;
    /**
     * Headshot: a web address (http or https).
     */
    photo_url: string | null;
    /**
     * Oldest age the performer plays.
     */
    playing_age_max: number | null;
    /**
     * Youngest age the performer plays; with `playing_age_max`, matched instead of `age`.
     */
    playing_age_min: number | null;
    /**
     * Showreel: a web address (http or https).
     */
    showreel_url: string | null;
    skills: string[];
}

/**
 * A performer on the roster. Lists hold canonical lower-case names (see `vocab`).
 *
 * Every field after `bio` is optional on a roster: filters use the playing ages, the
 * availability window and the day rate when given; the links and contacts are only shown.
 */
export interface TalentInput {
    age: number;
    agent?: string | null;
    /**
     * Free-text availability ("from March", "weekends"), when known.
     */
    availability?: string | null;
    /**
     * First day free, when known; a brief's dates exclude only talents known to be busy.
     */
    available_from?: string | null;
    /**
     * Last day free, when known.
     */
    available_to?: string | null;
    bio?: string;
    city: string;
    credits?: Credit[];
    /**
     * Day rate in rupees, when known; a brief's budget excludes only talents known to cost more.
     */
    day_rate_inr?: number | null;
    email?: string | null;
    experience_years?: number;
    /**
     * The roster's other columns in file order, by header as written ("Favourite colour"):
     * shown on the card and exported again, never searched.
     */
    extra?: ExtraColumn[];
    gender: Gender;
    height_cm: number;
    id: string;
    instagram?: string | null;
    languages: string[];
    /**
     * Look and type tags ("girl next door", "rugged", "ex-army"), lower case: never a
     * filter, read by the semantic layer with the bio.
     */
    look?: string[];
    name: string;
    /**
     * Contacts, shown to the director, never searched.
     */
    phone?: string | null;
    /**
     * Headshot: a web address (http or https).
     */
    photo_url?: string | null;
    /**
     * Oldest age the performer plays.
     */
    playing_age_max?: number | null;
    /**
     * Youngest age the performer plays; with `playing_age_max`, matched instead of `age`.
     */
    playing_age_min?: number | null;
    /**
     * Showreel: a web address (http or https).
     */
    showreel_url?: string | null;
    skills: string[];
}

/**
 * The trait of a talent a preference is about.
 */
export type Target = { skill: string } | { language: string } | { city: string } | { gender: Gender } | { older_than: number } | { younger_than: number };

/**
 * What an undo took back.
 */
export interface Undone {
    /**
     * The decision taken back; for an undone withdrawal, the decision it had withdrawn.
     */
    decision: Decision;
    /**
     * The talent's state now: the decision before the change, or `None` (undecided).
     */
    restored: DecisionRecord | null;
    talent_id: string;
    /**
     * Whether the change undone was a withdrawal (a decision clicked again, or removed).
     */
    withdrawal: boolean;
}
