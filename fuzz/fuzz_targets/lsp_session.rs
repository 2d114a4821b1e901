//! A language-server session in the same process: a document (the input up to its first
//! byte 0) is opened, then the rest of the input is a script, one command a line:
//!
//! - `hover L C`, `completion L C`, `definition L C`, `references L C`, `symbols`,
//!   `formatting`, `prepareRename L C`, `rename L C NAME`, `folding`: a request, which must
//!   be answered within ten seconds;
//! - `edit L1 C1 L2 C2 TEXT`: an incremental change (TEXT may use `\n`, `\r`, `\t`, `\xNN`);
//! - `replace TEXT`: a full change;
//! - `frame BODY`: a frame with a correct Content-Length and any body (answered or not);
//! - `scan BYTES`: bytes fed to a frame reader of its own, a byte at a time and all at once.
//!
//! Nothing panics, every request is answered, and `shutdown` then `exit` end the session. A
//! document that looks like a test file (a `test` or `policy` line) is opened as one, so
//! that the files it names are looked for (outside any workspace: always refused).
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};

const PATIENCE: Duration = Duration::from_secs(10);

/// What a session does when the input has no script.
const DEFAULT_SCRIPT: &str = "hover 0 12\ncompletion 3 2\ndefinition 8 10\nreferences 5 8\n\
symbols\nformatting\nfolding\nprepareRename 5 8\nrename 5 8 renamed\nedit 0 0 0 0 # x\\n\nhover 1 1\n";

struct Client {
    to_server: DuplexStream,
    from_server: BufReader<DuplexStream>,
    next_id: i64,
}

impl Client {
    async fn send_body(&mut self, body: &[u8]) {
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend_from_slice(body);
        self.to_server
            .write_all(&frame)
            .await
            .expect("the server reads");
    }

    async fn notify(&mut self, method: &str, params: Value) {
        let message = json!({ "jsonrpc": "2.0", "method": method, "params": params });
        self.send_body(message.to_string().as_bytes()).await;
    }

    /// Sends a request and waits for its answer, skipping everything else.
    async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let message = json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params });
        self.send_body(message.to_string().as_bytes()).await;
        loop {
            let message = tokio::time::timeout(PATIENCE, self.read())
                .await
                .unwrap_or_else(|_| panic!("no answer to {method} within {PATIENCE:?}"));
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                return message;
            }
        }
    }

    async fn read(&mut self) -> Value {
        let mut length = None;
        loop {
            let mut line = String::new();
            let n = self.from_server.read_line(&mut line).await.expect("a line");
            assert!(n > 0, "the server closed its output");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = value.parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length.expect("a Content-Length")];
        self.from_server
            .read_exact(&mut body)
            .await
            .expect("a body");
        serde_json::from_slice(&body).expect("the server sends JSON")
    }
}

/// `\n`, `\r`, `\t`, `\\` and `\xNN` in a script argument.
fn unescape(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while let Some(&b) = text.get(i) {
        i += 1;
        if b != b'\\' {
            out.push(b);
            continue;
        }
        match text.get(i) {
            Some(b'n') => out.push(b'\n'),
            Some(b'r') => out.push(b'\r'),
            Some(b't') => out.push(b'\t'),
            Some(b'x') => {
                let hex = text
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    None => out.push(b'x'),
                }
            }
            Some(&other) => out.push(other),
            None => out.push(b'\\'),
        }
        i += 1;
    }
    out
}

/// Feeds bytes to a frame reader a byte at a time, then to another all at once: it never
/// panics, both find the same, and what they pass on is a JSON object.
fn scan(bytes: &[u8]) {
    let run = |chunks: &mut dyn Iterator<Item = &[u8]>| {
        let mut scanner = mentor_lsp::framing::Scanner::default();
        let mut found = Vec::new();
        for chunk in chunks {
            scanner.push(chunk);
            while let Some(step) = scanner.next_step() {
                if let mentor_lsp::framing::Step::Message(body) = &step {
                    let value: Value = serde_json::from_slice(body).expect("a message is JSON");
                    assert!(value.is_object());
                }
                found.push(step);
            }
        }
        found
    };
    let one_by_one = run(&mut bytes.chunks(1));
    let at_once = run(&mut std::iter::once(bytes));
    let messages = |steps: &[mentor_lsp::framing::Step]| -> Vec<Vec<u8>> {
        steps
            .iter()
            .filter_map(|s| match s {
                mentor_lsp::framing::Step::Message(body) => Some(body.clone()),
                mentor_lsp::framing::Step::Malformed(_) => None,
            })
            .collect()
    };
    assert_eq!(
        messages(&one_by_one),
        messages(&at_once),
        "the messages found depend on how the bytes arrive"
    );
}

fn number(word: Option<&[u8]>) -> u32 {
    word.and_then(|w| std::str::from_utf8(w).ok())
        .and_then(|w| w.parse().ok())
        .unwrap_or(0)
}

async fn session(text: String, script: &[u8]) {
    let (to_server, server_input) = tokio::io::duplex(1 << 16);
    let (server_output, from_server) = tokio::io::duplex(1 << 16);
    let server = tokio::spawn(mentor_lsp::serve(server_input, server_output));
    let mut client = Client {
        to_server,
        from_server: BufReader::new(from_server),
        next_id: 1,
    };
    let init = client
        .request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": {} }),
        )
        .await;
    assert!(init.get("result").is_some(), "{init}");
    client.notify("initialized", json!({})).await;
    let is_test = text
        .lines()
        .any(|l| l.starts_with("test ") || l.starts_with("policy "));
    let uri = if is_test {
        "file:///fuzz/draft.test.mentor"
    } else {
        "file:///fuzz/policy.mentor"
    };
    client
        .notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "mentor", "version": 1, "text": text } }),
        )
        .await;
    let mut version = 1;
    for line in script.split(|b| *b == b'\n').take(200) {
        let mut words = line.splitn(2, |b| *b == b' ');
        let command = words.next().unwrap_or_default();
        let rest = words.next().unwrap_or_default();
        let mut args = rest.split(|b| *b == b' ');
        let mut at = || json!({ "line": number(args.next()), "character": number(args.next()) });
        let document = json!({ "uri": uri });
        match command {
            b"hover" | b"completion" | b"definition" | b"references" | b"prepareRename" => {
                let method = format!(
                    "textDocument/{}",
                    std::str::from_utf8(command).unwrap_or_default()
                );
                let params = json!({ "textDocument": document, "position": at(),
                                     "context": { "includeDeclaration": true } });
                client.request(&method, params).await;
            }
            b"rename" => {
                let position = at();
                let name = rest.splitn(3, |b| *b == b' ').nth(2).unwrap_or_default();
                let params = json!({ "textDocument": document, "position": position,
                                     "newName": String::from_utf8_lossy(name) });
                client.request("textDocument/rename", params).await;
            }
            b"symbols" | b"formatting" | b"folding" => {
                let method = match command {
                    b"symbols" => "textDocument/documentSymbol",
                    b"formatting" => "textDocument/formatting",
                    _ => "textDocument/foldingRange",
                };
                let params = json!({ "textDocument": document,
                                     "options": { "tabSize": 2, "insertSpaces": true } });
                client.request(method, params).await;
            }
            b"edit" => {
                let (start, end) = (at(), at());
                let inserted = rest.splitn(5, |b| *b == b' ').nth(4).unwrap_or_default();
                version += 1;
                let change = json!({ "range": { "start": start, "end": end },
                                     "text": String::from_utf8_lossy(&unescape(inserted)) });
                client
                    .notify(
                        "textDocument/didChange",
                        json!({ "textDocument": { "uri": uri, "version": version },
                                "contentChanges": [change] }),
                    )
                    .await;
            }
            b"replace" => {
                version += 1;
                let change = json!({ "text": String::from_utf8_lossy(&unescape(rest)) });
                client
                    .notify(
                        "textDocument/didChange",
                        json!({ "textDocument": { "uri": uri, "version": version },
                                "contentChanges": [change] }),
                    )
                    .await;
            }
            b"frame" => client.send_body(&unescape(rest)).await,
            b"scan" => scan(&unescape(rest)),
            _ => {}
        }
    }
    // the session still answers, then ends
    client
        .request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    let shutdown = client.request("shutdown", Value::Null).await;
    assert!(shutdown.get("error").is_none(), "{shutdown}");
    client.notify("exit", Value::Null).await;
    tokio::time::timeout(PATIENCE, server)
        .await
        .expect("the server stops after exit")
        .expect("the server does not panic");
}

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|b| *b == 0).unwrap_or(data.len());
    let (text, script) = data.split_at(split);
    let text = String::from_utf8_lossy(text).into_owned();
    let script = match script.get(1..) {
        Some(script) if !script.is_empty() => script,
        _ => DEFAULT_SCRIPT.as_bytes(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(session(text, script));
});
