//! The real `mentor lsp` binary, spoken to over its stdin and stdout as an editor would:
//! initialize, open a broken policy, fix it, hover, shut down.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mentor"))
            .args(["lsp", "--stdio"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            messages,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn request(&mut self, id: i64, method: &str, params: Value) -> Value {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m["id"] == id)
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn wait(&self, want: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self
                .messages
                .recv_timeout(Duration::from_secs(20))
                .expect("the server answered in time");
            if want(&message) {
                return message;
            }
        }
    }
}

const BROKEN: &str = "programme peer \"Peer mentoring\"\n\nrole mentee\nrole mentor\n\nevent mentoring_requested by mentee to mentor\nevent mentor_responded by mentor to mentee\n\nrule respond\n  after mentoring_requested, mentor mst mentor_responded within 5 days\n\nrule again\n  after mentoring_requested, mentor must mentor_respnded within 5 days\n\nrule third\n  after mentoring_requested, mentor must mentor_responded within 5\n";

#[test]
fn an_editor_session_with_the_real_binary() {
    let mut server = Server::start();
    let init = server.request(
        1,
        "initialize",
        json!({"capabilities": {}, "processId": null, "rootUri": null}),
    );
    assert!(
        init["result"]["capabilities"]["hoverProvider"]
            .as_bool()
            .unwrap_or(false)
            || init["result"]["capabilities"]["hoverProvider"].is_object()
    );
    server.notify("initialized", json!({}));

    let uri = "file:///tmp/policy.mentor";
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "mentor", "version": 1, "text": BROKEN}}),
    );
    let published = server.wait(|m| m["method"] == "textDocument/publishDiagnostics");
    let diagnostics = published["params"]["diagnostics"].as_array().unwrap();
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["M0101", "M0202", "M0307"], "{published}");
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({"line": 9, "character": 36})
    );

    let fixed = BROKEN
        .replace("mst", "must")
        .replace("respnded", "responded")
        .replace("within 5\n", "within 5 days\n");
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let published = server
        .wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] != 1);
    assert_eq!(published["params"]["diagnostics"], json!([]), "{published}");

    let hover = server.request(
        2,
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 8, "character": 7}}),
    );
    let text = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        text.contains("must") && text.contains("mentor_responded") && text.contains("5 days"),
        "{hover}"
    );

    let shutdown = server.request(3, "shutdown", Value::Null);
    assert!(shutdown.get("error").is_none(), "{shutdown}");
    server.notify("exit", Value::Null);
    let status = server.child.wait().unwrap();
    assert!(status.success());
}

#[test]
fn malformed_frames_and_test_files_naming_standard_input_do_not_stop_the_real_server() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::fs::copy(
        root.join("policies/supportt.mentor"),
        dir.path().join("supportt.mentor"),
    )
    .unwrap();
    let mut server = Server::start();
    let root_uri = format!("file://{}", dir.path().display());
    let init = server.request(
        1,
        "initialize",
        json!({"capabilities": {}, "processId": null, "rootUri": root_uri}),
    );
    assert!(init.get("error").is_none(), "{init}");
    server.notify("initialized", json!({}));

    // malformed frames: each answered with an error, and the next request still answered
    let frames: [&[u8]; 3] = [
        b"Content-Length: 9\r\n\r\n{not json",
        b"Content-Length: 7\r\n\r\n[1,2,3]",
        b"Content-Length: 5\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"shutdown\"}",
    ];
    for (i, bytes) in frames.into_iter().enumerate() {
        server.stdin.write_all(bytes).unwrap();
        server.stdin.flush().unwrap();
        let answer = server.wait(|m| m.get("error").is_some() && m["id"].is_null());
        assert!(
            [-32700, -32600].contains(&answer["error"]["code"].as_i64().unwrap()),
            "{answer}"
        );
        let alive = server.request(10 + i as i64, "textDocument/hover", json!({
            "textDocument": {"uri": "file:///nowhere.mentor"}, "position": {"line": 0, "character": 0}
        }));
        assert!(alive.get("error").is_none(), "{alive}");
    }

    // a test file naming the server's own standard input, directly and through a link
    let mut cases = vec!["/dev/stdin"];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/dev/stdin", dir.path().join("stdin.json")).unwrap();
        cases.push("stdin.json");
    }
    for (i, case) in cases.into_iter().enumerate() {
        let uri = format!("{root_uri}/reads{i}.test.mentor");
        let text = format!(
            "policy \"supportt.mentor\"\n\ntest reads\n  case \"{case}\"\n  at 2027-01-06\n"
        );
        server.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "mentor", "version": 1, "text": text}}),
        );
        let published = server.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        let codes: Vec<&str> = published["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, ["M0603"], "{case}: {published}");
        let alive = server.request(
            20 + i as i64,
            "textDocument/hover",
            json!({
                "textDocument": {"uri": uri}, "position": {"line": 2, "character": 6}
            }),
        );
        assert!(alive.get("error").is_none(), "{case}: {alive}");
    }
    let shutdown = server.request(30, "shutdown", Value::Null);
    assert!(shutdown.get("error").is_none(), "{shutdown}");
    server.notify("exit", Value::Null);
    let status = server.child.wait().unwrap();
    assert!(status.success());
}
