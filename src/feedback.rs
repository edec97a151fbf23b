//! `castmatch feedback`: record a shortlist, reject or note in a memory file; and the memory
//! file itself (load refusing damage, atomic save) that `search --memory` shares.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use castmatch_core::memory::{Decision, Session};

#[derive(clap::Args)]
pub struct Args {
    /// Memory file (created if missing; a damaged one is refused and left as it is).
    #[arg(long)]
    memory: PathBuf,
    /// The role the decision is about.
    #[arg(long)]
    role: String,
    /// The casting director whose memory this is.
    #[arg(long, default_value = "default")]
    director: String,
    /// The project the role belongs to.
    #[arg(long, default_value = "default")]
    project: String,
    /// Talent id, as on the roster.
    talent_id: String,
    /// shortlist, reject or note.
    decision: String,
    /// Why: shown beside the decision (required for a note).
    #[arg(long)]
    note: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let decision = Decision::parse(&args.decision)?;
    let mut session = load_memory(&args.memory)?;
    open(&mut session, &args.director, &args.project, &args.role)?;
    session.feedback(now(), &args.talent_id, decision, args.note.as_deref())?;
    save_memory(&args.memory, &session)?;
    let view = session.view();
    println!(
        "{} {} for {:?}: {} shortlisted, {} rejected",
        args.decision.to_lowercase(),
        args.talent_id,
        args.role,
        view.shortlist.len(),
        view.rejected.len()
    );
    Ok(())
}

/// Points the session at a director, project and role.
pub fn open(
    session: &mut Session,
    director: &str,
    project: &str,
    role: &str,
) -> anyhow::Result<()> {
    session.switch_director(director)?;
    session.open_project(project)?;
    session.open_role(now(), role)?;
    Ok(())
}

/// Milliseconds since the epoch: the CLI is the boundary where the clock is read.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// The memory in `path`, or a new one if there is no file yet. A damaged file is an error,
/// never an empty memory, so it is not overwritten by the next save.
pub fn load_memory(path: &Path) -> anyhow::Result<Session> {
    match std::fs::read(path) {
        Ok(bytes) => Session::from_snapshot(&bytes)
            .with_context(|| format!("{}: left untouched", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Session::new()),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

/// Writes the memory atomically: a temporary file in the same directory, synced, then renamed
/// over `path`, so a crash leaves either the old file or the new one, never half of one.
pub fn save_memory(path: &Path, session: &Session) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().context("the memory path names no file")?;
    let temp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(&session.snapshot())?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written.with_context(|| format!("saving memory to {}", path.display()))
}
