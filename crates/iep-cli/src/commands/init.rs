//! `iep init DIR`: a new case folder with a commented `case.yaml`, and the
//! folders of the conventional layout, from the kinds table (`iep_load::KINDS`).

use std::path::{Path, PathBuf};

use crate::common::{CmdResult, Failure, Outcome};
use crate::scaffold::{self, write_new};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The folder to create (it must not exist yet, or be empty).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

pub fn run(args: Args) -> CmdResult {
    let dir = &args.dir;
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).map_err(|e| Failure::new(format!("cannot read `{}`: {e}", dir.display())))?;
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
    let folders = scaffold::folder_notes();
    for (name, what) in &folders {
        text.push_str(&format!("  {:<11} {what}\n", format!("{name}/")));
    }
    text.push_str("  .iep/       the schemas your editor uses to check and complete the files as you type\n");
    text.push_str(&format!(
        "`iep new KIND {}` writes a commented template of any kind (iep, progress-report, service-log, ...).\n",
        dir.display()
    ));
    text.push_str(&format!(
        "Then run `iep check {}`. Keeping the folder in git (`git init`) records every change.\n",
        dir.display()
    ));
    crate::common::print(&text)?;
    Ok(Outcome::Done)
}

fn create(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let today = crate::common::today();
    let case = iep_load::kind("case").ok_or_else(|| std::io::Error::other("the kinds table has no `case`"))?;
    write_new(&dir.join("case.yaml"), &scaffold::template(case, "case.yaml", today, "other"))?;
    scaffold::write_schemas(dir)?;
    write_new(&dir.join(".gitignore"), "# What iep build writes; it can always be made again.\nout/\n")?;
    for (name, what) in scaffold::folder_notes() {
        std::fs::create_dir_all(dir.join(name))?;
        write_new(&dir.join(name).join("README.md"), &format!("{what}\n"))?;
    }
    Ok(())
}
