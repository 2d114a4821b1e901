//! The bytes from the editor, read before tower-lsp-server sees them: Content-Length frames
//! are split here, well-formed JSON-RPC messages are passed on (re-framed), and a malformed
//! frame (bad JSON, a wrong Content-Length, a body that is not a message) is answered with a
//! JSON-RPC error and skipped. tower-lsp-server's own reader stops at the first malformed
//! frame; behind this one it never sees one, so only `exit` ends the server.

use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};

/// The largest message the server reads, in bytes (32 MiB): a policy at its own limit,
/// even with every character escaped, fits. A larger frame is answered and skipped unread.
pub const MAX_FRAME_BYTES: usize = 32 * 1024 * 1024;

/// The longest header block (the lines before the body).
const MAX_HEADER_BYTES: usize = 8 * 1024;

const CONTENT_LENGTH: &[u8] = b"content-length";

/// What the scanner found next in the bytes from the editor.
#[derive(Debug, PartialEq)]
pub enum Step {
    /// A well-formed JSON-RPC message: its body.
    Message(Vec<u8>),
    /// Something malformed, skipped: the error to answer.
    Malformed(Response),
}

/// What skipping bytes that are not a header did.
enum Skipped {
    Answer(Step),
    Silently,
    /// Too few bytes to tell yet.
    Nothing,
}

/// Splits the bytes from the editor into messages, skipping what is malformed. Feed it with
/// [`Scanner::push`] and take what it found with [`Scanner::next_step`].
#[derive(Debug, Default)]
pub struct Scanner {
    /// Bytes received and not yet consumed; they start at a header, or at garbage.
    buffer: Vec<u8>,
    /// Bytes of an oversize body still to be dropped as they arrive.
    discard: usize,
    /// How far the current body has been searched for a next header (for a Content-Length
    /// larger than the body actually sent).
    searched: usize,
    /// The last thing read was malformed and answered: garbage right after it (the rest of
    /// a body whose Content-Length was too small) is skipped without a second answer.
    answered: bool,
}

impl Scanner {
    /// Takes bytes from the editor.
    pub fn push(&mut self, bytes: &[u8]) {
        let dropped = self.discard.min(bytes.len());
        self.discard -= dropped;
        self.buffer
            .extend_from_slice(bytes.get(dropped..).unwrap_or_default());
    }

    /// The next message or malformed frame, or `None` until more bytes come.
    pub fn next_step(&mut self) -> Option<Step> {
        loop {
            let blank = self
                .buffer
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            self.consume(blank);
            if self.buffer.is_empty() {
                return None;
            }
            if !starts_with_ignoring_case(&self.buffer, b"content-") {
                if b"content-".len() > self.buffer.len()
                    && starts_with_ignoring_case(b"content-", &self.buffer)
                {
                    return None; // the start of a header, still arriving
                }
                match self.skip_garbage() {
                    Skipped::Answer(step) => return Some(step),
                    Skipped::Silently => continue,
                    Skipped::Nothing => return None,
                }
            }
            let header_end = find(&self.buffer, b"\r\n\r\n");
            if header_end.map_or(self.buffer.len(), |end| end + 4) > MAX_HEADER_BYTES {
                self.consume(1); // not a header after all: skipped as garbage next time
                return Some(self.malformed(parse_error("the message header is too long")));
            }
            let header_end = header_end?;
            let body_start = header_end + 4;
            let Some(length) = self.buffer.get(..header_end).and_then(content_length) else {
                self.consume(body_start);
                return Some(self.malformed(parse_error(
                    "the message header has no valid Content-Length",
                )));
            };
            if length > MAX_FRAME_BYTES {
                self.consume(body_start);
                let here = length.min(self.buffer.len());
                self.consume(here);
                self.discard = length - here;
                return Some(self.malformed(parse_error(&format!(
                    "the message is {length} bytes long, more than the {MAX_FRAME_BYTES} the server reads"
                ))));
            }
            let received = self.buffer.len() - body_start;
            if let Some(next_header) = self.header_inside_body(body_start, length.min(received)) {
                // A complete message followed by the next header before the declared length:
                // the Content-Length was too large. Start again at the next header.
                self.consume(body_start + next_header);
                return Some(self.malformed(parse_error(
                    "the message's Content-Length is larger than the message",
                )));
            }
            if received < length {
                return None;
            }
            let body: Vec<u8> = self
                .buffer
                .get(body_start..body_start + length)
                .unwrap_or_default()
                .to_vec();
            self.consume(body_start + length);
            return Some(match check(&body) {
                Ok(()) => {
                    self.answered = false;
                    Step::Message(body)
                }
                Err(response) => self.malformed(response),
            });
        }
    }

    fn consume(&mut self, n: usize) {
        self.buffer.drain(..n.min(self.buffer.len()));
        if n > 0 {
            self.searched = 0;
        }
    }

    fn malformed(&mut self, response: Response) -> Step {
        self.answered = true;
        Step::Malformed(response)
    }

    /// Skips bytes that do not start a header, up to the next `Content-Length`; answers
    /// once, unless they follow a frame already answered.
    fn skip_garbage(&mut self) -> Skipped {
        let next = find_ignoring_case(self.buffer.get(1..).unwrap_or_default(), CONTENT_LENGTH)
            .map(|at| at + 1);
        // without a next header, keep the tail: it may be the start of one
        let skipped =
            next.unwrap_or_else(|| self.buffer.len().saturating_sub(CONTENT_LENGTH.len()));
        if skipped == 0 {
            return Skipped::Nothing;
        }
        self.consume(skipped);
        if self.answered {
            return Skipped::Silently;
        }
        Skipped::Answer(self.malformed(parse_error(
            "expected a message header (`Content-Length: ...`)",
        )))
    }

    /// Where a next header starts inside the first `received` bytes of a body, when what
    /// comes before it is a whole JSON value: the sign of a Content-Length too large. (A
    /// header-like text inside a JSON string is not one: the text before it is not whole.)
    fn header_inside_body(&mut self, body_start: usize, received: usize) -> Option<usize> {
        let body = self.buffer.get(body_start..body_start + received)?;
        let mut from = self.searched.saturating_sub(CONTENT_LENGTH.len() - 1);
        self.searched = received;
        while let Some(at) = find_ignoring_case(body.get(from..)?, CONTENT_LENGTH) {
            let at = from + at;
            let whole = serde_json::from_slice::<serde::de::IgnoredAny>(body.get(..at)?).is_ok();
            if whole {
                return Some(at);
            }
            from = at + 1;
        }
        None
    }
}

/// Whether a body is a JSON-RPC message tower-lsp-server accepts; if not, the answer.
fn check(body: &[u8]) -> Result<(), Response> {
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => return Err(parse_error(&format!("the message is not valid JSON: {e}"))),
    };
    if !value.is_object() {
        return Err(invalid_request(Id::Null, "a message must be a JSON object"));
    }
    let is_request = serde_json::from_value::<Request>(value.clone()).is_ok();
    if is_request || serde_json::from_value::<Response>(value.clone()).is_ok() {
        return Ok(());
    }
    let id = match value.get("id") {
        Some(serde_json::Value::Number(n)) => n.as_i64().map_or(Id::Null, Id::Number),
        Some(serde_json::Value::String(s)) => Id::String(s.clone()),
        _ => Id::Null,
    };
    Err(invalid_request(
        id,
        "the message is not a JSON-RPC 2.0 request, notification or response",
    ))
}

fn parse_error(message: &str) -> Response {
    Response::from_error(
        Id::Null,
        Error {
            code: ErrorCode::ParseError,
            message: message.to_string().into(),
            data: None,
        },
    )
}

fn invalid_request(id: Id, message: &str) -> Response {
    Response::from_error(
        id,
        Error {
            code: ErrorCode::InvalidRequest,
            message: message.to_string().into(),
            data: None,
        },
    )
}

/// The Content-Length of a header block, when every line is `Name: value` and the length
/// is a number.
fn content_length(header: &[u8]) -> Option<usize> {
    let text = std::str::from_utf8(header).ok()?;
    let mut length = None;
    for line in text.split("\r\n") {
        let (name, value) = line.split_once(':')?;
        if name.trim().eq_ignore_ascii_case("content-length") {
            length = Some(value.trim().parse::<usize>().ok()?);
        }
    }
    length
}

/// A message framed for the wire.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn find_ignoring_case(haystack: &[u8], lowercase_needle: &[u8]) -> Option<usize> {
    haystack
        .windows(lowercase_needle.len())
        .position(|w| w.eq_ignore_ascii_case(lowercase_needle))
}

fn starts_with_ignoring_case(bytes: &[u8], lowercase_prefix: &[u8]) -> bool {
    bytes
        .get(..lowercase_prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(lowercase_prefix))
}
