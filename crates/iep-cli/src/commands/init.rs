//! `iep init DIR`: a new case folder with a commented `case.yaml`.

use std::path::{Path, PathBuf};

use crate::common::{CmdResult, Failure, Outcome};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The folder to create (it must not exist yet, or be empty).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

const CASE_YAML: &str = r#"# This folder is one child's case. Every file ending in .yaml is one document;
# its `kind:` says what it is. Fill in what you know; leave the rest out.
# Run `iep check` in this folder at any time: it says what to fix, file and line.
kind: case
child:
  name: Your child's name
  date_of_birth: 2017-01-31      # YYYY-MM-DD
  grade: "3"                     # in quotes, so "K" and "3" are both text
  school: The school's name
district: The school district's name
# state: MA                      # your state's two letters: picks its deadlines (federal rules otherwise)
school_address: |                # letters are addressed here
  School name
  Street
  Town, ST 00000
parent:                          # you: letters are signed and sent from here
  name: Your name
  address: |
    Street
    Town, ST 00000
  email: you@example.org
  phone: "555-0100"
# district_address: |            # letters to district staff (`at: district`) go here
#   District office, Street, Town, ST 00000
team:                            # people letters go to; other files name them by `id`
  - {id: case-manager, name: Their name, role: Special Education Teacher and IEP Liaison}
  - {id: principal, name: Their name, role: Principal}     # add `salutation: Dr. Raman` for the greeting
# settings:                      # thresholds of the checks; these are the defaults
#   similar_narrative: 0.90      # progress narratives this similar count as copied
#   min_delivery: 0.90           # delivered / required minutes under this is a shortfall
#   missed_in_a_row: 3           # this many missed sessions in a row
"#;

/// The folders of the conventional layout, and what goes in each.
const FOLDERS: &[(&str, &str)] = &[
    ("iep", "One file per IEP or 504 version the school issued (kind: iep), e.g. iep/2025-09-15.yaml."),
    ("progress", "One file per progress report (kind: progress-report), e.g. progress/2025-11-14.yaml."),
    ("services", "Service logs (kind: service-log): what was delivered and missed, session by session."),
    ("meetings", "One file per meeting (kind: meeting): who came and what was agreed."),
    ("notices", "Prior written notices the school sent (kind: prior-written-notice)."),
    ("letters", "Letters you sent (kind: letter); `iep letter --record` adds them here."),
    ("log", "Communications (kind: communications) and home observations (kind: observations)."),
];

pub fn run(args: Args) -> CmdResult {
    let dir = &args.dir;
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir)
            .map_err(|e| Failure::new(format!("cannot read `{}`: {e}", dir.display())))?;
        if entries.next().is_some() {
            return Err(Failure::new(format!(
                "`{}` is not empty; `iep init` only starts a new case in an empty or new folder, so nothing was written",
                dir.display()
            )));
        }
    }
    create(dir).map_err(|e| Failure::new(format!("could not create the case in `{}`: {e}", dir.display())))?;
    let mut text = format!("Started a case in {}:\n", dir.display());
    text.push_str("  case.yaml   fill in your child, the school and the team\n");
    for (name, what) in FOLDERS {
        text.push_str(&format!("  {:<11} {what}\n", format!("{name}/")));
    }
    text.push_str(&format!(
        "Then run `iep check {}`. Keeping the folder in git (`git init`) records every change.\n",
        dir.display()
    ));
    crate::common::print(&text)?;
    Ok(Outcome::Done)
}

fn create(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    write_new(&dir.join("case.yaml"), CASE_YAML)?;
    write_new(&dir.join(".gitignore"), "# What iep build writes; it can always be made again.\nout/\n")?;
    for (name, what) in FOLDERS {
        std::fs::create_dir_all(dir.join(name))?;
        write_new(&dir.join(name).join("README.md"), &format!("{what}\n"))?;
    }
    Ok(())
}

/// Creates a file that must not exist yet: never overwrites.
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(text.as_bytes())
}
