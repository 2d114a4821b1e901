//! A test client: speaks Content-Length framed JSON-RPC to `mentor_lsp::serve` running in
//! the same process over two in-memory pipes.
#![allow(dead_code)]

use serde_json::{Value, json};
use std::collections::VecDeque;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tokio::task::JoinHandle;
use tokio::time::timeout;

/// How long any answer may take before the test fails (the server must never hang).
const PATIENCE: Duration = Duration::from_secs(10);

/// The fixture policy with every kind of item.
pub const EVERYTHING: &str = include_str!("../../../../../tests/lsp/everything.mentor");

pub struct Client {
    to_server: DuplexStream,
    from_server: BufReader<DuplexStream>,
    server: Option<JoinHandle<()>>,
    next_id: i64,
    /// Notifications received while waiting for a response.
    notifications: VecDeque<Value>,
}

impl Client {
    /// Starts a server and initializes it.
    pub async fn start() -> Client {
        let mut client = Client::connect();
        let result = client.initialize().await;
        assert!(result.get("capabilities").is_some(), "{result}");
        client
    }

    /// Starts a server without initializing it.
    pub fn connect() -> Client {
        let (to_server, server_input) = tokio::io::duplex(1 << 20);
        let (server_output, from_server) = tokio::io::duplex(1 << 20);
        let server = tokio::spawn(mentor_lsp::serve(server_input, server_output));
        Client {
            to_server,
            from_server: BufReader::new(from_server),
            server: Some(server),
            next_id: 1,
            notifications: VecDeque::new(),
        }
    }

    pub async fn initialize(&mut self) -> Value {
        let result = self
            .request(
                "initialize",
                json!({ "processId": null, "rootUri": null, "capabilities": {} }),
            )
            .await;
        self.notify("initialized", json!({})).await;
        result.get("result").cloned().unwrap_or(Value::Null)
    }

    pub async fn send(&mut self, message: &Value) {
        let body = serde_json::to_string(message).unwrap();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.to_server.write_all(frame.as_bytes()).await.unwrap();
        self.to_server.flush().await.unwrap();
    }

    /// Sends raw bytes, for malformed input.
    pub async fn send_raw(&mut self, bytes: &[u8]) {
        self.to_server.write_all(bytes).await.unwrap();
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }))
            .await;
    }

    /// Sends a request and returns the whole response (with `result` or `error`).
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))
            .await;
        self.response(id).await
    }

    /// The `result` of a request that must succeed.
    pub async fn call(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params).await;
        assert!(response.get("error").is_none(), "{method}: {response}");
        response.get("result").cloned().unwrap_or(Value::Null)
    }

    async fn response(&mut self, id: i64) -> Value {
        loop {
            let message = self.read().await;
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                return message;
            }
            self.notifications.push_back(message);
        }
    }

    /// The next message from the server.
    pub async fn read(&mut self) -> Value {
        timeout(PATIENCE, self.read_frame())
            .await
            .expect("the server answers within 10 seconds")
    }

    async fn read_frame(&mut self) -> Value {
        let mut length = None;
        loop {
            let mut line = String::new();
            let n = self.from_server.read_line(&mut line).await.unwrap();
            assert!(n > 0, "the server closed its output");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = Some(value.parse::<usize>().unwrap());
            }
        }
        let mut body = vec![0; length.expect("a Content-Length header")];
        self.from_server.read_exact(&mut body).await.unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    /// The next notification with this method, skipping others.
    pub async fn notification(&mut self, method: &str) -> Value {
        if let Some(i) = self
            .notifications
            .iter()
            .position(|n| n.get("method") == Some(&json!(method)))
        {
            return self.notifications.remove(i).unwrap();
        }
        loop {
            let message = self.read().await;
            if message.get("method") == Some(&json!(method)) {
                return message;
            }
        }
    }

    /// The next diagnostics published for `uri`.
    pub async fn diagnostics(&mut self, uri: &str) -> Value {
        loop {
            let n = self.notification("textDocument/publishDiagnostics").await;
            if n["params"]["uri"] == json!(uri) {
                return n["params"].clone();
            }
        }
    }

    pub async fn open(&mut self, uri: &str, text: &str) -> Value {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri, "languageId": "mentor", "version": 1, "text": text
            }}),
        )
        .await;
        self.diagnostics(uri).await
    }

    /// Replaces the whole text of a document (full sync) and returns its new diagnostics.
    pub async fn change(&mut self, uri: &str, version: i32, text: &str) -> Value {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "text": text }]
            }),
        )
        .await;
        self.diagnostics(uri).await
    }

    /// Shuts the server down and checks that it stops after `exit`.
    pub async fn shutdown(mut self) {
        let response = self.request("shutdown", Value::Null).await;
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null).await;
        let server = self.server.take().unwrap();
        timeout(PATIENCE, server)
            .await
            .expect("the server stops after exit")
            .unwrap();
    }
}

/// `{ "textDocument": { "uri": uri }, "position": { "line": l, "character": c } }`
pub fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } })
}

/// The 0-based line and UTF-16 column of the `nth` occurrence of `needle`, plus `skip`
/// characters, computed independently of the server (by counting UTF-16 units).
pub fn position_of(text: &str, needle: &str, nth: usize, skip: usize) -> (u32, u32) {
    let offset = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("no `{needle}` number {nth}"))
        .0;
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column: usize = text[line_start..offset].encode_utf16().count();
    let skipped: usize = text[offset..].chars().take(skip).map(char::len_utf16).sum();
    (line as u32, (column + skipped) as u32)
}
