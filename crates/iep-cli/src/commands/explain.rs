//! `iep explain CODE`: a check's documentation, from the registry.

use crate::common::{CmdResult, Failure, Outcome};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The check's code, as `iep check` prints it (`repeated-misses`).
    #[arg(value_name = "CODE")]
    pub code: String,
}

pub fn run(args: Args) -> CmdResult {
    let code = args.code.trim().trim_matches(|c| c == '[' || c == ']').to_ascii_lowercase();
    let Some(check) = iep_checks::CHECKS.iter().find(|c| c.meta().code == code) else {
        return Err(Failure::new(unknown(&args.code)));
    };
    crate::common::print(&explanation(check.meta()))?;
    Ok(Outcome::Done)
}

/// What `iep explain` prints for one check.
pub fn explanation(m: &iep_model::CheckMeta) -> String {
    let letter = m.letter.map_or("none".to_owned(), |l| format!("iep letter {l}"));
    let mut out =
        format!("{}\n\nSeverity: {}. One finding per {}. Letter: {letter}.\n\n", m.code, m.severity, m.one_per);
    // The doc names its rules by key; the citations come from the rules data.
    for line in iep_load::rules::cite_in_docs(m.doc).lines() {
        out.push_str(line.strip_prefix(' ').unwrap_or(line));
        out.push('\n');
    }
    out
}

/// The message for a code no check has, with the nearest code.
fn unknown(code: &str) -> String {
    let codes = iep_checks::CHECKS.iter().map(|c| c.meta().code);
    let nearest = codes
        .map(|c| (strsim::jaro_winkler(&code.to_ascii_lowercase(), c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c);
    match nearest {
        Some(c) => format!("no check has the code `{code}`; did you mean `{c}`? (`iep explain {c}`)"),
        None => format!(
            "no check has the code `{code}`; the codes are listed in docs/checks.md and printed by `iep check` in brackets"
        ),
    }
}
