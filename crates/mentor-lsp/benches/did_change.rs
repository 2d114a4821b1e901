//! From a change of a 5,000-line policy to its diagnostics.
//!
//! `cargo bench -p mentor-lsp --bench did_change`. Four measures in one run, so they can be
//! compared on a noisy shared machine:
//! - `parse_only`: parsing alone (the baseline);
//! - `analyze_with_error`, `analyze_clean`: parsing and checking the policy with the edit (one
//!   misspelt event) and without it (then the checker also looks for warnings);
//! - `backend_did_change`: the server's `didChange` handler, alternating between the two
//!   texts: apply the edit, analyse, convert every diagnostic to the protocol's form (UTF-16
//!   ranges), publish to a null client;
//! - `protocol_round_trip`: a framed `didChange` written to `mentor_lsp::serve` over an
//!   in-memory pipe, until its `publishDiagnostics` has been read back and parsed
//!   (alternating too).

use criterion::{Criterion, criterion_group, criterion_main};
use mentor_lsp::{Backend, Notify};
use serde_json::{Value, json};
use std::hint::black_box;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tower_lsp_server::LanguageServer;
use tower_lsp_server::ls_types::{
    Diagnostic, DidChangeTextDocumentParams, DidOpenTextDocumentParams, MessageType,
    TextDocumentContentChangeEvent, TextDocumentItem, Uri, VersionedTextDocumentIdentifier,
};

const URI: &str = "file:///bench/large.mentor";

/// A policy of about `lines` lines: a header, then blocks of events, rules and eligibility.
fn generated_policy(lines: usize) -> String {
    let mut text = String::from(
        "# Generated for the did_change benchmark.\n\
         programme large \"A large generated programme\"\n\n\
         calendar england_and_wales\n\n\
         role mentee {\n  profession: doctor | dentist | nurse | other\n  out_of_training: bool\n}\n\n\
         role mentor {\n  course_sessions_attended: int\n  biography_submitted: bool\n}\n\n\
         role admin\n\n",
    );
    let mut i = 0;
    while text.lines().count() < lines {
        text.push_str(&format!(
            "event requested_{i} by mentee to mentor\n\
             event answered_{i} by mentor to mentee {{ minutes: int }}\n\
             event extended_{i} by admin to mentee {{ sessions: int }}\n\n\
             rule respond_{i}\n\
             \x20 source \"Peer Mentors will respond to mentee requests within 5 working days.\"\n\
             \x20 after requested_{i},\n\
             \x20   mentor must answered_{i} within 5 working days\n\
             \x20 if missed \"the mentee may choose another mentor\"\n\n\
             rule limit_{i}\n\
             \x20 mentee must have at most 4 answered_{i} plus extended_{i}.sessions\n\n\
             rule length_{i}\n\
             \x20 each answered_{i} should have minutes >= 60\n\n\
             eligibility eligible_{i}\n\
             \x20 mentee is eligible when profession in {{doctor, dentist}} and out_of_training\n\n"
        ));
        i += 1;
    }
    text
}

/// The same policy with one misspelt event in its middle: what a keystroke typically does.
fn edited(text: &str) -> String {
    text.replacen("after requested_200,", "after requestd_200,", 1)
}

/// A client that drops what it is sent.
struct NullClient;

impl Notify for NullClient {
    async fn publish_diagnostics(&self, _: Uri, d: Vec<Diagnostic>, _: Option<i32>) {
        black_box(d);
    }
    async fn log(&self, _: MessageType, _: String) {}
}

fn change(version: i32, text: &str) -> DidChangeTextDocumentParams {
    DidChangeTextDocumentParams {
        text_document: VersionedTextDocumentIdentifier {
            uri: URI.parse().unwrap_or_else(|_| unreachable!()),
            version,
        },
        content_changes: vec![TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: text.to_string(),
        }],
    }
}

struct Wire {
    to_server: DuplexStream,
    from_server: BufReader<DuplexStream>,
}

impl Wire {
    async fn send(&mut self, message: &Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        let _ = self.to_server.write_all(frame.as_bytes()).await;
    }

    async fn read(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            if self.from_server.read_line(&mut line).await.unwrap_or(0) == 0 {
                return Value::Null;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        let _ = self.from_server.read_exact(&mut body).await;
        serde_json::from_slice(&body).unwrap_or(Value::Null)
    }

    async fn diagnostics(&mut self) -> Value {
        loop {
            let message = self.read().await;
            let method = message.get("method").and_then(Value::as_str);
            if message.is_null() || method == Some("textDocument/publishDiagnostics") {
                return message;
            }
        }
    }
}

fn bench(c: &mut Criterion) {
    let text = generated_policy(5_000);
    let broken = edited(&text);
    assert_ne!(text, broken);
    let diagnostics = mentor_check::analyze(&broken).diagnostics().len();
    println!(
        "policy: {} lines, {} bytes; {diagnostics} diagnostic(s) after the edit",
        text.lines().count(),
        text.len()
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|_| unreachable!());

    let mut group = c.benchmark_group("did_change_5000_lines");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(8));

    group.bench_function("parse_only", |b| {
        b.iter(|| black_box(mentor_syntax::parse(black_box(&broken))))
    });
    // With an error the checker skips its warnings; a clean policy gets them too.
    group.bench_function("analyze_with_error", |b| {
        b.iter(|| black_box(mentor_check::analyze(black_box(&broken))))
    });
    group.bench_function("analyze_clean", |b| {
        b.iter(|| black_box(mentor_check::analyze(black_box(&text))))
    });

    let backend = Backend::new(NullClient);
    runtime.block_on(backend.did_open(DidOpenTextDocumentParams {
        text_document: TextDocumentItem {
            uri: URI.parse().unwrap_or_else(|_| unreachable!()),
            language_id: "mentor".to_string(),
            version: 0,
            text: text.clone(),
        },
    }));
    let mut version = 0;
    group.bench_function("backend_did_change", |b| {
        b.iter(|| {
            version += 1;
            let next = if version % 2 == 0 { &text } else { &broken };
            runtime.block_on(backend.did_change(change(version, next)));
        })
    });

    let (to_server, server_input) = tokio::io::duplex(1 << 22);
    let (server_output, from_server) = tokio::io::duplex(1 << 22);
    let mut wire = Wire {
        to_server,
        from_server: BufReader::new(from_server),
    };
    let server = runtime.spawn(mentor_lsp::serve(server_input, server_output));
    runtime.block_on(async {
        wire.send(&json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize",
                           "params": { "capabilities": {} } }))
            .await;
        wire.read().await;
        wire.send(&json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }))
            .await;
        wire.send(
            &json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
                "textDocument": { "uri": URI, "languageId": "mentor", "version": 0, "text": text }
            }}),
        )
        .await;
        wire.diagnostics().await;
    });
    let mut version = 0;
    group.bench_function("protocol_round_trip", |b| {
        b.iter(|| {
            version += 1;
            let next = if version % 2 == 0 { &text } else { &broken };
            let message = json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": { "uri": URI, "version": version },
                "contentChanges": [{ "text": next }]
            }});
            runtime.block_on(async {
                wire.send(&message).await;
                black_box(wire.diagnostics().await);
            })
        })
    });
    group.finish();
    server.abort();
}

criterion_group!(benches, bench);
criterion_main!(benches);
