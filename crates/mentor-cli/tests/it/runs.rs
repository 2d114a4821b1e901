//! Command lines kept as files: each `tests/cli/runs/*.run` is one `mentor` command line (with
//! `#` comments, and `unset NAME` to run without an environment variable), and its snapshot
//! pins the exit code, standard output and standard error. Adding a test is adding a file.

use crate::support::workspace;
use std::process::Command;

#[test]
fn each_run_file() {
    insta::glob!("../../../../tests/cli/runs", "*.run", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let mut unset = Vec::new();
        let mut args: Vec<String> = Vec::new();
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix("unset ") {
                unset.push(name.trim().to_string());
                continue;
            }
            args = line.split_whitespace().map(str::to_string).collect();
        }
        assert!(!args.is_empty(), "{} has no command line", path.display());
        let mut command = Command::new(env!("CARGO_BIN_EXE_mentor"));
        command.args(&args).current_dir(workspace());
        command.env("NO_COLOR", "1");
        for name in &unset {
            command.env_remove(name);
        }
        let out = command.output().unwrap();
        let shown = format!(
            "$ mentor {}\n--- exit {}\n--- stdout\n{}--- stderr\n{}",
            args.join(" "),
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        insta::assert_snapshot!(shown);
    });
}
