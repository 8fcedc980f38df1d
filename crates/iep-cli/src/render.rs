//! Text for people: findings grouped by severity and subject, and diagnostics
//! with their excerpt. Colour goes through anstream, which drops it when the
//! output is not a terminal or `NO_COLOR` is set.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use iep_model::wording::{capitalize, item_name};
use iep_model::{Case, Diagnostic, Finding, ItemPath, Level, Severity};

pub const ERROR: Style = AnsiColor::Red.on_default().bold();
pub const WARNING: Style = AnsiColor::Yellow.on_default().bold();
pub const BOLD: Style = Style::new().bold();
pub const DIM: Style = Style::new().dimmed();

/// A diagnostic with its level coloured; the layout is the model's Display.
pub fn diagnostic(d: &Diagnostic) -> String {
    let text = d.to_string();
    let (style, word) = match d.level {
        Level::Error => (ERROR, "error"),
        Level::Warning => (WARNING, "warning"),
    };
    match text.strip_prefix(word) {
        Some(rest) => format!("{}{word}{}{rest}", style.render(), style.render_reset()),
        None => text,
    }
}

/// A plain name for a finding's subject, as the IEP names the item, with its
/// path: "Speech-language therapy (services.speech)", "The goal in Reading
/// (goals.G1)"; the document's path otherwise.
pub fn subject_label(case: &Case, subject: &str) -> String {
    if subject == "case" {
        return "The case as a whole".to_owned();
    }
    match ItemPath::parse(subject) {
        Some(path) => format!("{} ({subject})", capitalize(&item_name(case, &path))),
        None => subject.to_owned(),
    }
}

fn heading(severity: Severity) -> (&'static str, Style) {
    match severity {
        Severity::Alert => ("Needs action: something owed to your child is not happening", ERROR),
        Severity::Warn => ("Worth raising with the school", WARNING),
        Severity::Info => ("For your information", BOLD),
    }
}

/// Findings grouped by severity (alerts first), then by subject.
pub fn findings(case: &Case, as_of: chrono::NaiveDate, findings: &[Finding]) -> String {
    let mut out = String::new();
    let child = &case.info.child.name;
    if findings.is_empty() && case.versions.is_empty() && case.drafts.is_empty() {
        // A fresh `iep init`: no check had anything to look at.
        let _ = writeln!(
            out,
            "{child}: nothing to check yet: the case has no IEP or 504 plan.\n\
             First fill in case.yaml (your child, the school, the team), then add the plan in force with \
             `iep new iep --date EFFECTIVE-DATE` and copy it in from the paper; the checks start from there."
        );
        return out;
    }
    if findings.is_empty() {
        let _ = writeln!(out, "{child}: nothing to raise as of {as_of}. Every check passed.");
        return out;
    }
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let _ = writeln!(
        out,
        "{}{child}: {} as of {as_of}{} ({} needing action, {} worth raising, {} for information)",
        BOLD.render(),
        crate::common::plural(findings.len(), "finding", "findings"),
        BOLD.render_reset(),
        count(Severity::Alert),
        count(Severity::Warn),
        count(Severity::Info),
    );
    // A deadline counted from federal rules says so where it is stated.
    let state_note = iep_deadlines::state_rules_note(case);
    for severity in [Severity::Alert, Severity::Warn, Severity::Info] {
        let group: Vec<&Finding> = findings.iter().filter(|f| f.severity == severity).collect();
        if group.is_empty() {
            continue;
        }
        let (title, style) = heading(severity);
        let _ = writeln!(out, "\n{}{title} ({}){}", style.render(), group.len(), style.render_reset());
        let mut subject = None;
        for f in group {
            if subject != Some(&f.subject) {
                subject = Some(&f.subject);
                let _ =
                    writeln!(out, "\n  {}{}{}", BOLD.render(), subject_label(case, &f.subject), BOLD.render_reset());
            }
            let _ = writeln!(out, "    - {}", f.message);
            let mut meta = vec![f.code.to_owned()];
            if let Some(doc) = &f.document {
                meta.push(doc.clone());
            }
            if let Some(letter) = f.letter {
                meta.push(format!("letter: iep letter {letter}"));
            }
            let _ = writeln!(out, "      {}[{}]{}", DIM.render(), meta.join("; "), DIM.render_reset());
            if let Some(note) = state_note.as_deref().filter(|_| states_deadline(f)) {
                let _ = writeln!(out, "      {}Note: {note}.{}", DIM.render(), DIM.render_reset());
            }
        }
    }
    out
}

/// Whether a finding states a deadline: its evidence gives the date it was due.
pub fn states_deadline(finding: &Finding) -> bool {
    finding.evidence.due().is_some()
}

/// `text` with every control character shown escaped (`\u{1b}`), except line
/// breaks, tabs and the colour codes of the styles above: case text can
/// never move the cursor, clear the screen or retitle the terminal.
pub fn terminal_safe(text: &str) -> String {
    let styles: Vec<String> = [ERROR, WARNING, BOLD, DIM]
        .iter()
        .flat_map(|s| [s.render().to_string(), s.render_reset().to_string()])
        .filter(|s| !s.is_empty())
        .collect();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\u{1b}'
            && let Some(style) = styles.iter().find(|s| rest.starts_with(s.as_str()))
        {
            out.push_str(style);
            rest = &rest[style.len()..];
            continue;
        }
        if needs_escape(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Control characters, and the marks that reorder text on a terminal.
fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_escaped_and_styles_kept() {
        assert_eq!(terminal_safe("a\u{1b}[2Jb\u{0}c\r\n\td"), "a\\u{1b}[2Jb\\u{0}c\\u{d}\n\td");
        let bold = format!("{}x{}", BOLD.render(), BOLD.render_reset());
        assert_eq!(terminal_safe(&bold), bold);
        assert_eq!(terminal_safe("\u{202e}evil"), "\\u{202e}evil");
    }
}

/// The JSON object of spec/cli.md.
#[derive(serde::Serialize)]
pub struct Report<'a> {
    pub case: &'a str,
    pub as_of: chrono::NaiveDate,
    pub findings: &'a [iep_model::Finding],
    /// For a case whose state has no rules file, when a finding states a
    /// deadline: the state's own rules were not checked, federal rules were used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_rules_note: Option<String>,
}

impl<'a> Report<'a> {
    pub fn new(case: &'a iep_model::Case, as_of: chrono::NaiveDate, findings: &'a [iep_model::Finding]) -> Report<'a> {
        let states_deadline = findings.iter().any(states_deadline);
        let state_rules_note = iep_deadlines::state_rules_note(case).filter(|_| states_deadline);
        Report { case: &case.name, as_of, findings, state_rules_note }
    }
}
