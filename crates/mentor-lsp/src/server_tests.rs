//! The server's logic with a recording stand-in for the editor, without the protocol.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use super::Backend;
use crate::notify::Notify;
use std::sync::Mutex;
use tower_lsp_server::LanguageServer;
use tower_lsp_server::ls_types::{
    Diagnostic, DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    MessageType, TextDocumentContentChangeEvent, TextDocumentIdentifier, TextDocumentItem, Uri,
    VersionedTextDocumentIdentifier,
};

/// Every publication, in order: (uri, number of diagnostics, version).
#[derive(Default)]
struct Recorder {
    published: Mutex<Vec<(String, usize, Option<i32>)>>,
}

impl Notify for Recorder {
    async fn publish_diagnostics(&self, uri: Uri, d: Vec<Diagnostic>, version: Option<i32>) {
        self.published
            .lock()
            .unwrap()
            .push((uri.as_str().to_string(), d.len(), version));
    }

    async fn log(&self, _: MessageType, _: String) {}
}

fn uri() -> Uri {
    "file:///p.mentor".parse().unwrap()
}

fn change(version: i32, text: &str) -> DidChangeTextDocumentParams {
    DidChangeTextDocumentParams {
        text_document: VersionedTextDocumentIdentifier {
            uri: uri(),
            version,
        },
        content_changes: vec![TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: text.to_string(),
        }],
    }
}

#[tokio::test]
async fn publishes_on_open_and_change_ignores_stale_versions_and_clears_on_close() {
    let backend = Backend::new(Recorder::default());
    backend
        .did_open(DidOpenTextDocumentParams {
            text_document: TextDocumentItem {
                uri: uri(),
                language_id: "mentor".to_string(),
                version: 3,
                text: "programme p\nrule r\n  after x, y must z\n".to_string(),
            },
        })
        .await;
    backend.did_change(change(2, "stale")).await;
    backend.did_change(change(4, "programme p\n")).await;
    let close = || DidCloseTextDocumentParams {
        text_document: TextDocumentIdentifier { uri: uri() },
    };
    backend.did_close(close()).await;
    backend.did_close(close()).await;
    let published = backend.client.published.lock().unwrap().clone();
    let p = "file:///p.mentor".to_string();
    assert_eq!(
        published,
        vec![
            (p.clone(), 3, Some(3)),
            (p.clone(), 0, Some(4)),
            (p.clone(), 0, None),
            (p, 0, None),
        ]
    );
}

#[tokio::test]
async fn incremental_changes_are_applied_in_utf16_units() {
    let backend = Backend::new(Recorder::default());
    let text = "programme p \"é🙂\"\nrole a\n";
    backend
        .did_open(DidOpenTextDocumentParams {
            text_document: TextDocumentItem {
                uri: uri(),
                language_id: "mentor".to_string(),
                version: 1,
                text: text.to_string(),
            },
        })
        .await;
    // replace the emoji (2 UTF-16 units at column 14) by `x`
    let range = tower_lsp_server::ls_types::Range {
        start: tower_lsp_server::ls_types::Position::new(0, 14),
        end: tower_lsp_server::ls_types::Position::new(0, 16),
    };
    let mut params = change(2, "x");
    params.content_changes[0].range = Some(range);
    backend.did_change(params).await;
    let document = backend.documents.get(uri().as_str()).unwrap();
    assert_eq!(document.text, "programme p \"éx\"\nrole a\n");
}
