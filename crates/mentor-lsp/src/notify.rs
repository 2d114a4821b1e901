//! What the server sends to the editor unasked: the one seam between the server's logic and
//! the protocol's client, so that tests can use a recording stand-in.

use std::future::Future;
use tower_lsp_server::ls_types::{Diagnostic, MessageType, Uri};

/// The messages the server sends on its own.
pub trait Notify: Send + Sync + 'static {
    /// Replaces the diagnostics shown for a document (an empty list clears them).
    fn publish_diagnostics(
        &self,
        uri: Uri,
        diagnostics: Vec<Diagnostic>,
        version: Option<i32>,
    ) -> impl Future<Output = ()> + Send;

    /// A line for the editor's log of the server.
    fn log(&self, kind: MessageType, message: String) -> impl Future<Output = ()> + Send;
}

impl Notify for tower_lsp_server::Client {
    async fn publish_diagnostics(
        &self,
        uri: Uri,
        diagnostics: Vec<Diagnostic>,
        version: Option<i32>,
    ) {
        tower_lsp_server::Client::publish_diagnostics(self, uri, diagnostics, version).await;
    }

    async fn log(&self, kind: MessageType, message: String) {
        self.log_message(kind, message).await;
    }
}
