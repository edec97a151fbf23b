//! `castmatch parse-brief TURN [TURN ...]`: each argument is one turn of a conversation, in
//! order; prints the standing `Requirements` after the last turn as JSON.

use castmatch_core::brief::Conversation;

#[derive(clap::Args)]
pub struct Args {
    /// The brief, or several turns refining it ("Female lead, 25-32" "a bit older").
    #[arg(required = true)]
    turns: Vec<String>,
    /// Also print, on stderr, what each turn changed, how it read words it did not find as
    /// written, and the words it could not place.
    #[arg(long)]
    explain: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let mut conversation = Conversation::new();
    for text in &args.turns {
        let turn = conversation.say(text);
        if args.explain {
            explain(text, &turn);
        }
    }
    println!(
        "{}",
        serde_json::to_string_pretty(conversation.requirements())?
    );
    Ok(())
}

fn explain(text: &str, turn: &castmatch_core::brief::Turn) {
    eprintln!("> {text}");
    for change in &turn.changes {
        eprintln!("  {change}");
    }
    for reading in &turn.readings {
        eprintln!("  {reading} ({:.0}% sure)", reading.confidence * 100.0);
    }
    if !turn.unrecognised.is_empty() {
        eprintln!("  unrecognised: {:?}", turn.unrecognised);
    }
}
