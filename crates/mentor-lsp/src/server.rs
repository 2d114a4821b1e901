//! The protocol handlers: each one finds the document, asks `mentor-ide`, and converts.

use crate::capabilities::server_capabilities;
use crate::convert;
use crate::documents::{Document, Documents};
use crate::notify::Notify;
use mentor_policy_test::files;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tower_lsp_server::LanguageServer;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::{
    CodeActionOrCommand, CodeActionParams, CodeActionResponse, CompletionParams,
    CompletionResponse, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DocumentFormattingParams, DocumentSymbolParams,
    DocumentSymbolResponse, FoldingRange, FoldingRangeParams, GotoDefinitionParams,
    GotoDefinitionResponse, Hover, HoverContents, HoverParams, InitializeParams, InitializeResult,
    InitializedParams, Location, MarkupContent, MarkupKind, MessageType, PrepareRenameResponse,
    ReferenceParams, RenameParams, ServerInfo, TextDocumentPositionParams, TextEdit, Uri,
    WorkspaceEdit,
};

/// How long the files a test file names may take to read before their problems are left out.
const FILE_PATIENCE: Duration = Duration::from_secs(5);

/// The language server, generic over what it sends unasked (see [`Notify`]).
#[derive(Debug)]
pub struct Backend<C> {
    client: C,
    documents: Documents,
    /// The workspace folders the editor opened: test files read only inside them.
    workspace: Mutex<Vec<PathBuf>>,
}

impl<C: Notify> Backend<C> {
    pub fn new(client: C) -> Self {
        Backend {
            client,
            documents: Documents::default(),
            workspace: Mutex::new(Vec::new()),
        }
    }

    fn document(&self, uri: &Uri) -> Option<Arc<Document>> {
        self.documents.get(uri.as_str())
    }

    /// The document and byte offset of a position request; `None` for an unknown document.
    fn at(&self, params: &TextDocumentPositionParams) -> Option<(Arc<Document>, usize)> {
        let document = self.document(&params.text_document.uri)?;
        let offset = document.offset(params.position);
        Some((document, offset))
    }

    async fn publish(&self, uri: Uri, document: &Arc<Document>) {
        let mut found = document.analysis.diagnostics();
        found.extend(self.test_problems(&uri, document).await);
        if self
            .document(&uri)
            .is_some_and(|now| now.version > document.version)
        {
            // A newer version came while the test's files were read: it publishes its own.
            return;
        }
        let diagnostics = found
            .iter()
            .map(|d| convert::diagnostic(&uri, &document.text, &document.lines, d))
            .collect();
        self.client
            .publish_diagnostics(uri, diagnostics, Some(document.version))
            .await;
    }

    /// Problems in a document's `test` items, checked against the policy they test (the
    /// open copy when the editor has it, else the file on disk) and the case files they
    /// name. The files are read off the message loop, inside the workspace, and given up on
    /// after [`FILE_PATIENCE`], so that nothing on disk can stop the server answering.
    async fn test_problems(
        &self,
        uri: &Uri,
        document: &Arc<Document>,
    ) -> Vec<mentor_diagnostics::Diagnostic> {
        let Some(path) = uri.to_file_path().map(|p| p.into_owned()) else {
            return Vec::new();
        };
        let file = &document.analysis.parsed.policy;
        if !file
            .items
            .iter()
            .any(|i| matches!(i.kind, mentor_syntax::ast::ItemKind::Test(_)))
        {
            return Vec::new();
        }
        let policy_path = files::policy_for(&path, file);
        let open_policy = policy_path
            .as_deref()
            .and_then(Uri::from_file_path)
            .and_then(|u| self.document(&u))
            .map(|d| d.text.clone());
        let folders = self.workspace_folders();
        let document = Arc::clone(document);
        let reading = tokio::task::spawn_blocking(move || {
            let project = files::Project::for_workspace(&folders, &path);
            let open = |p: &Path| {
                open_policy
                    .clone()
                    .filter(|_| policy_path.as_deref() == Some(p))
            };
            files::test_problems(&path, &document.analysis, &open, &project)
        });
        match tokio::time::timeout(FILE_PATIENCE, reading).await {
            Ok(Ok(found)) => found,
            Ok(Err(_)) => Vec::new(),
            Err(_) => {
                self.client
                    .log(
                        MessageType::WARNING,
                        format!(
                            "the files named by the tests of {} took too long to read; their problems are not shown",
                            uri.as_str()
                        ),
                    )
                    .await;
                Vec::new()
            }
        }
    }

    /// Where a document is: its file and the workspace, to read the closure files it names.
    fn place(&self, uri: &Uri) -> crate::documents::Place {
        crate::documents::Place {
            path: uri.to_file_path().map(|p| p.into_owned()),
            folders: self.workspace_folders(),
        }
    }

    fn workspace_folders(&self) -> Vec<PathBuf> {
        self.workspace
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn location(&self, uri: &Uri, document: &Document, span: mentor_diagnostics::Span) -> Location {
        Location {
            uri: uri.clone(),
            range: convert::range(&document.text, &document.lines, span),
        }
    }
}

/// The folders of the workspace the editor opened: its workspace folders, or else its root.
#[allow(deprecated)] // `root_uri` and `root_path`: older editors send only these
fn workspace_folders(params: &InitializeParams) -> Vec<PathBuf> {
    let folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
        .collect();
    if !folders.is_empty() {
        return folders;
    }
    if let Some(root) = params.root_uri.as_ref().and_then(|u| u.to_file_path()) {
        return vec![root.into_owned()];
    }
    params.root_path.iter().map(PathBuf::from).collect()
}

/// The error answer to a rename that cannot be done (LSP's `RequestFailed`).
fn request_failed(message: String) -> Error {
    Error {
        code: ErrorCode::ServerError(-32803),
        message: message.into(),
        data: None,
    }
}

impl<C: Notify> LanguageServer for Backend<C> {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        *self
            .workspace
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = workspace_folders(&params);
        Ok(InitializeResult {
            capabilities: server_capabilities(),
            server_info: Some(ServerInfo {
                name: "mentor".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.client
            .log(
                MessageType::INFO,
                "mentor language server ready".to_string(),
            )
            .await;
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let place = self.place(&doc.uri);
        let document = self
            .documents
            .open(doc.uri.as_str(), doc.text, doc.version, &place);
        self.publish(doc.uri, &document).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // The edit is applied before the first `.await`: changes are never interleaved.
        let doc = params.text_document;
        if let Some(document) = self.documents.change(
            doc.uri.as_str(),
            doc.version,
            params.content_changes,
            &self.place(&doc.uri),
        ) {
            self.publish(doc.uri, &document).await;
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.documents.close(uri.as_str());
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let Some((document, offset)) = self.at(&params.text_document_position_params) else {
            return Ok(None);
        };
        let found = mentor_ide::hover(&document.text, &document.analysis, offset);
        Ok(found.map(|h| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: h.markdown,
            }),
            range: Some(convert::range(&document.text, &document.lines, h.span)),
        }))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let position = &params.text_document_position_params;
        let Some((document, offset)) = self.at(position) else {
            return Ok(None);
        };
        let span = mentor_ide::definition(&document.text, &document.analysis, offset);
        Ok(span.map(|span| {
            GotoDefinitionResponse::Scalar(self.location(
                &position.text_document.uri,
                &document,
                span,
            ))
        }))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let position = &params.text_document_position;
        let Some((document, offset)) = self.at(position) else {
            return Ok(None);
        };
        let spans = mentor_ide::references(
            &document.text,
            &document.analysis,
            offset,
            params.context.include_declaration,
        );
        let uri = &position.text_document.uri;
        Ok(Some(
            spans
                .into_iter()
                .map(|s| self.location(uri, &document, s))
                .collect(),
        ))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let Some((document, offset)) = self.at(&params.text_document_position) else {
            return Ok(None);
        };
        let items = mentor_ide::completion(&document.text, &document.analysis, offset)
            .into_iter()
            .map(convert::completion)
            .collect();
        Ok(Some(CompletionResponse::Array(items)))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(document) = self.document(&params.text_document.uri) else {
            return Ok(None);
        };
        let symbols = mentor_ide::document_symbols(&document.text, &document.analysis)
            .into_iter()
            .map(|s| convert::symbol(&document.text, &document.lines, s))
            .collect();
        Ok(Some(DocumentSymbolResponse::Nested(symbols)))
    }

    /// Quick fixes: the edits the diagnostics under the cursor offer (the same fixes
    /// `mentor check --format json` lists).
    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(document) = self.document(&params.text_document.uri) else {
            return Ok(None);
        };
        let start = document.offset(params.range.start);
        let end = document.offset(params.range.end);
        let actions: Vec<CodeActionOrCommand> = document
            .analysis
            .diagnostics()
            .iter()
            .filter(|d| d.primary.span.start() <= end && start <= d.primary.span.end())
            .flat_map(|d| {
                d.fixes().iter().map(|fix| {
                    CodeActionOrCommand::CodeAction(convert::quick_fix(
                        &params.text_document.uri,
                        &document.text,
                        &document.lines,
                        d,
                        fix,
                    ))
                })
            })
            .collect();
        Ok(Some(actions))
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let Some(document) = self.document(&params.text_document.uri) else {
            return Ok(None);
        };
        match mentor_fmt::format(&document.text) {
            Ok(formatted) if formatted == document.text => Ok(Some(Vec::new())),
            Ok(formatted) => Ok(Some(vec![TextEdit {
                range: convert::range(
                    &document.text,
                    &document.lines,
                    convert::whole(&document.text),
                ),
                new_text: formatted,
            }])),
            Err(error) => {
                // Syntax errors are already shown as diagnostics; the document is left as it is.
                self.client
                    .log(MessageType::INFO, format!("not formatted: {error}"))
                    .await;
                Ok(None)
            }
        }
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let Some((document, offset)) = self.at(&params) else {
            return Ok(None);
        };
        Ok(
            mentor_ide::prepare_rename(&document.text, &document.analysis, offset)
                .ok()
                .map(|span| {
                    PrepareRenameResponse::Range(convert::range(
                        &document.text,
                        &document.lines,
                        span,
                    ))
                }),
        )
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let position = &params.text_document_position;
        let Some((document, offset)) = self.at(position) else {
            return Ok(None);
        };
        let edits =
            mentor_ide::rename(&document.text, &document.analysis, offset, &params.new_name)
                .map_err(request_failed)?;
        let edits: Vec<TextEdit> = edits
            .into_iter()
            .map(|(span, new_text)| TextEdit {
                range: convert::range(&document.text, &document.lines, span),
                new_text,
            })
            .collect();
        let uri = position.text_document.uri.clone();
        Ok(Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri, edits)])),
            ..WorkspaceEdit::default()
        }))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some(document) = self.document(&params.text_document.uri) else {
            return Ok(None);
        };
        Ok(Some(
            mentor_ide::folding_ranges(&document.text, &document.analysis)
                .into_iter()
                .filter_map(|f| convert::fold(&document.text, &document.lines, f))
                .collect(),
        ))
    }
}

#[cfg(test)]
#[path = "server_tests.rs"]
mod tests;
