//! `mentor user`: the accounts of the web pages and their calendar feeds, on each backend.

use super::backend::{Run, TestStore, stable, stores};
use std::io::Write;
use std::process::Stdio;

/// `mentor user ARGS` with `input` on standard input (not a terminal).
fn user(store: &TestStore, args: &[&str], input: &str) -> Run {
    let mut all = vec!["user"];
    all.extend_from_slice(args);
    let mut child = store
        .command(store.dir.path(), &all)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that fails before it asks for a password (a name already taken) may end
    // before the input is written: the pipe is then closed, which is no failure of the test.
    let written = child.stdin.take().unwrap().write_all(input.as_bytes());
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    let out = child.wait_with_output().unwrap();
    Run {
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
        code: out.status.code().unwrap_or(-1),
    }
}

#[test]
fn accounts_are_added_listed_disabled_and_enabled() {
    let mut transcript: Option<String> = None;
    for store in stores() {
        store.init("policies/supportt.mentor");
        let mut text = String::new();
        let mut step = |label: &str, run: Run| {
            text.push_str(&format!("$ {label}\n[exit {}]\n{}\n", run.code, run.both()));
        };
        step(
            "user add ann --role coordinator",
            user(
                &store,
                &["add", "ann", "--role", "coordinator"],
                "a long password\n",
            ),
        );
        step(
            "user add val --role viewer",
            user(
                &store,
                &["add", "val", "--role", "viewer"],
                "another long one\n",
            ),
        );
        step(
            "user add ann --role viewer (again)",
            user(
                &store,
                &["add", "ann", "--role", "viewer"],
                "a long password\n",
            ),
        );
        step(
            "user add bob --role viewer (short password)",
            user(&store, &["add", "bob", "--role", "viewer"], "short\n"),
        );
        step(
            "user add bob --role admin",
            user(
                &store,
                &["add", "bob", "--role", "admin"],
                "a long password\n",
            ),
        );
        step(
            "user add '<b>' --role viewer",
            user(
                &store,
                &["add", "<b>", "--role", "viewer"],
                "a long password\n",
            ),
        );
        step("user disable val", user(&store, &["disable", "val"], ""));
        step("user disable vla", user(&store, &["disable", "vla"], ""));
        step("user list", user(&store, &["list"], ""));
        step("user enable val", user(&store, &["enable", "val"], ""));
        step(
            "user password ann",
            user(&store, &["password", "ann"], "a new long password\n"),
        );
        step("user feeds", user(&store, &["feeds"], ""));
        step(
            "user revoke-feed 1",
            user(&store, &["revoke-feed", "1"], ""),
        );
        step(
            "user audit --last 4",
            user(&store, &["audit", "--last", "4"], ""),
        );
        let text = stable(&text, store.dir.path());
        // The password is never shown nor kept as typed.
        assert!(!text.contains("a long password") && !text.contains("a new long password"));
        match &transcript {
            Some(first) => assert_eq!(first, &text, "{} differs from sqlite", store.backend),
            None => transcript = Some(text),
        }
    }
    insta::assert_snapshot!(transcript.unwrap());
}
