//! The language server over the real protocol: Content-Length framed JSON-RPC to
//! `mentor_lsp::serve`, one test per capability, and the robustness rules of issue 5.

use crate::support::{Client, EVERYTHING, at, position_of};
use serde_json::{Value, json};

const URI: &str = "file:///policies/everything.mentor";
const BROKEN_URI: &str = "file:///policies/broken.mentor";

/// Three broken items: two misspelt events and a misspelt unit.
const BROKEN: &str = "programme p \"A broken policy\"

role mentee
role mentor

event asked by mentee to mentor
event answered by mentor to mentee

rule first
  after askd, mentor must answered within 5 days

rule second
  after asked, mentor must answred within 5 days

rule third
  after asked, mentor must answered within 5 dayz
";

fn labels(result: &Value) -> Vec<String> {
    result
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn initialize_announces_every_capability() {
    let mut client = Client::connect();
    let result = client.initialize().await;
    let caps = &result["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["textDocumentSync"]["change"], 1, "full sync");
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["definitionProvider"], true);
    assert_eq!(caps["referencesProvider"], true);
    assert_eq!(
        caps["completionProvider"]["triggerCharacters"],
        json!([".", " ", "{"])
    );
    assert_eq!(caps["documentSymbolProvider"], true);
    assert_eq!(caps["documentFormattingProvider"], true);
    assert_eq!(caps["renameProvider"]["prepareProvider"], true);
    assert_eq!(caps["foldingRangeProvider"], true);
    assert_eq!(caps["codeActionProvider"], true);
    assert_eq!(result["serverInfo"]["name"], "mentor");
    client.shutdown().await;
}

#[tokio::test]
async fn diagnostics_on_open_and_cleared_when_fixed() {
    let mut client = Client::start().await;
    let published = client.open(BROKEN_URI, BROKEN).await;
    assert_eq!(published["version"], 1);
    let diagnostics = published["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 3, "{published}");

    // The same codes and words as `mentor check`, with the help on its own line.
    let expected = mentor_check::analyze(BROKEN).diagnostics();
    for (got, want) in diagnostics.iter().zip(&expected) {
        assert_eq!(got["code"], want.code.as_str());
        assert_eq!(got["source"], "mentor");
        assert_eq!(got["severity"], 1);
        let message = got["message"].as_str().unwrap();
        assert!(message.starts_with(&want.message), "{message}");
        if let Some(help) = &want.help {
            assert!(message.ends_with(&format!("\nhelp: {help}")), "{message}");
        }
    }
    assert_eq!(
        diagnostics[0]["message"].as_str().unwrap().lines().next(),
        Some("the event `askd` is not declared; did you mean `asked`?")
    );
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({ "line": 9, "character": 8 })
    );
    assert_eq!(
        diagnostics[0]["range"]["end"],
        json!({ "line": 9, "character": 12 })
    );
    assert_eq!(diagnostics[1]["code"], "M0202");
    assert_eq!(diagnostics[2]["code"], "M0101");

    let fixed = BROKEN
        .replace("askd", "asked")
        .replace("answred", "answered")
        .replace("dayz", "days");
    let published = client.change(BROKEN_URI, 2, &fixed).await;
    assert_eq!(published["version"], 2);
    assert_eq!(published["diagnostics"], json!([]));
    client.shutdown().await;
}

#[tokio::test]
async fn diagnostics_carry_related_locations() {
    let mut client = Client::start().await;
    let text = "programme p\nrole mentee\nrole mentee\n";
    let published = client.open(BROKEN_URI, text).await;
    let d = &published["diagnostics"][0];
    assert_eq!(d["code"], "M0209");
    let related = &d["relatedInformation"][0];
    assert_eq!(related["message"], "first declared here");
    assert_eq!(related["location"]["uri"], BROKEN_URI);
    assert_eq!(
        related["location"]["range"]["start"],
        json!({ "line": 1, "character": 5 })
    );
    client.shutdown().await;
}

#[tokio::test]
async fn half_typed_documents_get_diagnostics_on_every_change() {
    let mut client = Client::start().await;
    client.open(URI, EVERYTHING).await;
    let mut version = 1;
    let mut text = String::from(EVERYTHING);
    for piece in [
        "\nrule half",
        "\n  after",
        " mentoring_requ",
        "ested, mentor must",
    ] {
        text.push_str(piece);
        version += 1;
        let published = client.change(URI, version, &text).await;
        assert_eq!(published["version"], version);
        assert!(
            !published["diagnostics"].as_array().unwrap().is_empty(),
            "{text}"
        );
    }
    // a change older than the current version is ignored
    client
        .notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": URI, "version": 1 },
                    "contentChanges": [{ "text": "garbage" }] }),
        )
        .await;
    let (line, character) = position_of(EVERYTHING, "role mentee", 0, 6);
    let hover = client
        .call("textDocument/hover", at(URI, line, character))
        .await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("**role** `mentee`")
    );
    client.shutdown().await;
}

#[tokio::test]
async fn hover_on_a_rule_name_gives_its_meaning_and_source() {
    let mut client = Client::start().await;
    client.open(URI, EVERYTHING).await;
    let (line, character) = position_of(EVERYTHING, "rule respond", 0, 6);
    let hover = client
        .call("textDocument/hover", at(URI, line, character))
        .await;
    assert_eq!(hover["contents"]["kind"], "markdown");
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains(
            "the mentor must do mentor_responded or mentor_declined within 5 working days \
         (england_and_wales calendar) after mentoring_requested"
        ),
        "{text}"
    );
    assert!(text.contains("(deadline, must)"), "{text}");
    assert!(
        text.contains("\n> Peer Mentors will respond to mentee requests within 5 working days.")
    );
    assert_eq!(
        hover["range"]["start"],
        json!({ "line": line, "character": 5 })
    );
    assert_eq!(
        hover["range"]["end"],
        json!({ "line": line, "character": 12 })
    );
    client.shutdown().await;
}

#[tokio::test]
async fn hover_on_an_event_reference_summarises_the_event() {
    let mut client = Client::start().await;
    client.open(URI, EVERYTHING).await;
    let (line, character) = position_of(EVERYTHING, "mentor_declined within", 0, 3);
    let hover = client
        .call("textDocument/hover", at(URI, line, character))
        .await;
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**event** `mentor_declined`"), "{text}");
    assert!(text.contains("done by the mentor, to the mentee"), "{text}");
    // nothing under the cursor: null
    let nothing = client.call("textDocument/hover", at(URI, 0, 0)).await;
    assert_eq!(nothing, Value::Null);
    client.shutdown().await;
}

#[tokio::test]
async fn definition_goes_to_the_declaration() {
    let mut client = Client::start().await;
    client.open(URI, EVERYTHING).await;
    let (line, character) = position_of(EVERYTHING, "mentoring_requested,", 0, 2);
    let location = client
        .call("textDocument/definition", at(URI, line, character))
        .await;
    let (decl_line, decl_char) = position_of(EVERYTHING, "event mentoring_requested", 0, 6);
    assert_eq!(location["uri"], URI);
    assert_eq!(
        location["range"]["start"],
        json!({ "line": decl_line, "character": decl_char })
    );
    // a role, a fact through `role.fact`, a calendar
    for (needle, skip, declared, declared_skip) in [
        ("mentor must", 1, "role mentor", 5),
        ("mentee.profession", 8, "profession: profession", 0),
        ("office\n", 1, "calendar office", 9),
    ] {
        let (line, character) = position_of(EVERYTHING, needle, 0, skip);
        let location = client
            .call("textDocument/definition", at(URI, line, character))
            .await;
        let (l, c) = position_of(EVERYTHING, declared, 0, declared_skip);
        assert_eq!(
            location["range"]["start"],
            json!({ "line": l, "character": c }),
            "{needle}"
        );
    }
    client.shutdown().await;
}

#[tokio::test]
async fn references_list_every_use() {
    let mut client = Client::start().await;
    client.open(URI, EVERYTHING).await;
    let (line, character) = position_of(EVERYTHING, "event session_held", 0, 8);
    let mut params = at(URI, line, character);
    params["context"] = json!({ "includeDeclaration": true });
    let all = client.call("textDocument/references", params.clone()).await;
    assert_eq!(all.as_array().unwrap().len(), 6, "{all}");
    assert_eq!(
        all[0]["range"]["start"],
        json!({ "line": line, "character": 6 })
    );
    params["context"] = json!({ "includeDeclaration": false });
    let uses = client.call("textDocument/references", params).await;
    assert_eq!(uses.as_array().unwrap().len(), 5);
    client.shutdown().await;
}

#[tokio::test]
async fn completion_knows_where_it_is() {
    let mut client = Client::start().await;
    // (text appended to the fixture, labels expected, labels not expected)
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("\n", &["rule", "role", "event", "eligibility"], &["mentee"]),
        (
            "\nrule r\n  after ",
            &["mentoring_requested", "session_held"],
            &["rule"],
        ),
        (
            "\neligibility e\n  mentor is eligible when mentee.",
            &["profession", "out_of_training"],
            &["willing"],
        ),
        (
            "\nrule r\n  after mentoring_requested, mentor must mentor_responded within 5 ",
            &["days", "working days", "months"],
            &["mentee"],
        ),
        ("\nevent e by ", &["mentee", "mentor"], &["session_held"]),
        (
            "\neligibility e\n  mentee is eligible when profession == ",
            &["doctor", "dentist"],
            &["willing"],
        ),
    ];
    let mut version = 1;
    client.open(URI, EVERYTHING).await;
    for (appended, expected, unexpected) in cases {
        let text = format!("{EVERYTHING}{appended}");
        version += 1;
        client.change(URI, version, &text).await;
        let last_line = text.lines().count() as u32 - u32::from(!text.ends_with('\n'));
        let last = text.rsplit('\n').next().unwrap();
        let character = last.encode_utf16().count() as u32;
        let mut params = at(URI, last_line, character);
        params["context"] = json!({ "triggerKind": 2, "triggerCharacter": " " });
        let result = client.call("textDocument/completion", params).await;
        let got = labels(&result);
        for e in *expected {
            assert!(
                got.iter().any(|g| g == e),
                "{appended:?}: {e} not in {got:?}"
            );
        }
        for u in *unexpected {
            assert!(!got.iter().any(|g| g == u), "{appended:?}: {u} in {got:?}");
        }
    }
    // kinds and details
    let text = format!("{EVERYTHING}\nrule r\n  after ");
    version += 1;
    client.change(URI, version, &text).await;
    let line = text.lines().count() as u32 - 1;
    let result = client
        .call("textDocument/completion", at(URI, line, 8))
        .await;
    let item = result
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "mentoring_requested")
        .unwrap();
    assert_eq!(item["kind"], 23, "an event");
    assert_eq!(item["detail"], "event by mentee to mentor");
    client.shutdown().await;
}

#[tokio::test]
async fn formatting_through_mentor_fmt() {
    let mut client = Client::start().await;
    let messy =
        "programme   p \"P\"\nrole   mentee\nrole mentor\nevent asked   by mentee to mentor\n";
    client.open(URI, messy).await;
    let params = json!({ "textDocument": { "uri": URI },
                         "options": { "tabSize": 2, "insertSpaces": true } });
    let edits = client.call("textDocument/formatting", params.clone()).await;
    let formatted = mentor_fmt::format(messy).unwrap();
    assert_ne!(formatted, messy);
    assert_eq!(edits.as_array().unwrap().len(), 1, "{edits}");
    assert_eq!(edits[0]["newText"], formatted.as_str());
    assert_eq!(
        edits[0]["range"]["start"],
        json!({ "line": 0, "character": 0 })
    );
    assert_eq!(
        edits[0]["range"]["end"],
        json!({ "line": 4, "character": 0 })
    );

    // already formatted: no edits
    client.change(URI, 2, &formatted).await;
    let edits = client.call("textDocument/formatting", params.clone()).await;
    assert_eq!(edits, json!([]));

    // syntax errors: the document is left alone
    client.change(URI, 3, BROKEN).await;
    let edits = client.call("textDocument/formatting", params).await;
    assert!(edits.is_null() || edits == json!([]), "{edits}");
    client.shutdown().await;
}

#[tokio::test]
async fn quick_fixes_for_common_slips() {
    let mut client = Client::start().await;
    let text = "programme p 'P'\nrole mentee\n  role mentor\n";
    client.open(URI, text).await;
    let actions = |line: u32, character: u32| {
        json!({ "textDocument": { "uri": URI },
                "range": { "start": { "line": line, "character": character },
                           "end": { "line": line, "character": character } },
                "context": { "diagnostics": [] } })
    };
    // on the indented `role`: remove the indentation
    let found = client.call("textDocument/codeAction", actions(2, 3)).await;
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    assert_eq!(found[0]["title"], "remove the indentation");
    assert_eq!(found[0]["kind"], "quickfix");
    let edit = &found[0]["edit"]["changes"][URI][0];
    assert_eq!(edit["newText"], "");
    assert_eq!(
        edit["range"],
        json!({ "start": { "line": 2, "character": 0 }, "end": { "line": 2, "character": 2 } })
    );
    // on the single-quoted title: double quotes
    let found = client.call("textDocument/codeAction", actions(0, 13)).await;
    assert_eq!(found[0]["title"], "use double quotes");
    assert_eq!(found[0]["edit"]["changes"][URI][0]["newText"], "\"P\"");
    // nowhere near a problem: nothing offered
    let found = client.call("textDocument/codeAction", actions(1, 2)).await;
    assert_eq!(found, json!([]));
    client.shutdown().await;
}

#[tokio::test]
async fn rename_everywhere_or_refuse_with_a_message() {
    let mut client = Client::start().await;
    client.open(URI, EVERYTHING).await;
    let (line, character) = position_of(EVERYTHING, "session_held", 2, 1);

    let prepared = client
        .call("textDocument/prepareRename", at(URI, line, character))
        .await;
    assert_eq!(prepared["start"]["line"], line);
    let nothing = client
        .call("textDocument/prepareRename", at(URI, 0, 0))
        .await;
    assert_eq!(nothing, Value::Null);

    let mut params = at(URI, line, character);
    params["newName"] = json!("meeting_held");
    let edit = client.call("textDocument/rename", params.clone()).await;
    let edits = edit["changes"][URI].as_array().unwrap();
    assert_eq!(edits.len(), 6);
    assert!(edits.iter().all(|e| e["newText"] == "meeting_held"));

    params["newName"] = json!("mentor_responded");
    let refused = client.request("textDocument/rename", params.clone()).await;
    assert_eq!(refused["error"]["code"], -32803, "{refused}");
    assert_eq!(
        refused["error"]["message"],
        "there is already an event called `mentor_responded`"
    );
    params["newName"] = json!("within");
    let refused = client.request("textDocument/rename", params).await;
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("is a word of the language"),
        "{refused}"
    );
    client.shutdown().await;
}

#[tokio::test]
async fn document_symbols_outline_the_policy() {
    let mut client = Client::start().await;
    client.open(URI, EVERYTHING).await;
    let symbols = client
        .call(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": URI } }),
        )
        .await;
    let symbols = symbols.as_array().unwrap();
    assert_eq!(symbols.len(), 40);
    assert_eq!(symbols[0]["name"], "everything");
    let mentee = symbols.iter().find(|s| s["name"] == "mentee").unwrap();
    assert_eq!(mentee["kind"], 5, "a class");
    let facts: Vec<&str> = mentee["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(facts, vec!["profession", "out_of_training", "first_name"]);
    let respond = symbols.iter().find(|s| s["name"] == "respond").unwrap();
    assert_eq!(respond["detail"], "deadline, must");
    let (line, _) = position_of(EVERYTHING, "rule respond", 0, 0);
    assert_eq!(
        respond["range"]["start"],
        json!({ "line": line, "character": 0 })
    );
    assert_eq!(respond["range"]["end"]["line"], line + 4);
    assert_eq!(
        respond["selectionRange"]["start"],
        json!({ "line": line, "character": 5 })
    );
    client.shutdown().await;
}

#[tokio::test]
async fn folding_ranges_for_items_blocks_and_comments() {
    let mut client = Client::start().await;
    client.open(URI, EVERYTHING).await;
    let folds = client
        .call(
            "textDocument/foldingRange",
            json!({ "textDocument": { "uri": URI } }),
        )
        .await;
    let folds = folds.as_array().unwrap();
    assert_eq!(
        folds[0],
        json!({ "startLine": 0, "endLine": 1, "kind": "comment" })
    );
    let (line, _) = position_of(EVERYTHING, "rule respond", 0, 0);
    assert!(folds.contains(&json!({ "startLine": line, "endLine": line + 4, "kind": "region" })));
    let (role, _) = position_of(EVERYTHING, "role mentee {", 0, 0);
    assert!(folds.contains(&json!({ "startLine": role, "endLine": role + 4, "kind": "region" })));
    assert!(
        folds
            .iter()
            .all(|f| f["endLine"].as_u64() > f["startLine"].as_u64())
    );
    client.shutdown().await;
}

/// Accents in names, curly quotes and an emoji in a `source` before the cursor on the same
/// line: every column is counted in UTF-16 units.
#[tokio::test]
async fn positions_are_utf16_with_non_ascii_text() {
    const TEXT: &str = "programme p \"Réseau de tutorat\"

role mentée
role mentor

event demandé by mentée to mentor
event répondu by mentor to mentée

rule réponse source \"« Répondre » sous “5 jours” 🙂\" after demandé, mentor must répondu within 5 dayz
";
    let uri = "file:///policies/r%C3%A9seau.mentor";
    let mut client = Client::start().await;
    let published = client.open(uri, TEXT).await;
    // the misspelt unit, after the quote with the emoji
    let d = &published["diagnostics"][0];
    let (line, character) = position_of(TEXT, "dayz", 0, 0);
    assert_eq!(
        d["range"]["start"],
        json!({ "line": line, "character": character })
    );
    assert_eq!(
        d["range"]["end"],
        json!({ "line": line, "character": character + 4 })
    );

    let fixed = TEXT.replace("dayz", "days");
    let published = client.change(uri, 2, &fixed).await;
    assert_eq!(published["diagnostics"], json!([]));

    // hover on `répondu` after the quote: found, and its range in UTF-16 units
    let (line, character) = position_of(&fixed, "répondu within", 0, 0);
    let hover = client
        .call("textDocument/hover", at(uri, line, character + 3))
        .await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .starts_with("**event** `répondu`")
    );
    assert_eq!(
        hover["range"]["start"],
        json!({ "line": line, "character": character })
    );
    assert_eq!(
        hover["range"]["end"],
        json!({ "line": line, "character": character + 7 })
    );

    // definition of `mentée` in the event line
    let (line, character) = position_of(&fixed, "mentée to mentor", 0, 5);
    let location = client
        .call("textDocument/definition", at(uri, line, character))
        .await;
    assert_eq!(
        location["range"],
        json!({
            "start": { "line": 2, "character": 5 }, "end": { "line": 2, "character": 11 }
        })
    );

    // completion after `mentor must ` on the line with the emoji
    let line_text = fixed.lines().nth(8).unwrap();
    let prefix = &line_text[..line_text.find("répondu").unwrap()];
    let character = prefix.encode_utf16().count() as u32;
    let result = client
        .call("textDocument/completion", at(uri, 8, character))
        .await;
    assert!(labels(&result).contains(&"répondu".to_string()), "{result}");

    // rename `demandé`: the edit in the rule line starts after the emoji's two units
    let (line, character) = position_of(&fixed, "demandé,", 0, 0);
    let mut params = at(uri, line, character);
    params["newName"] = json!("requête");
    let edit = client.call("textDocument/rename", params).await;
    let edits = edit["changes"][uri].as_array().unwrap();
    assert!(
        edits
            .iter()
            .any(|e| e["range"]["start"] == json!({ "line": line, "character": character }))
    );
    client.shutdown().await;
}

#[tokio::test]
async fn never_crashes_never_hangs() {
    let mut client = Client::start().await;
    client.open(URI, EVERYTHING).await;

    // positions past the end of a line and of the document are clamped
    for (line, character) in [(0, 999), (9999, 0), (9999, 9999), (u32::MAX, u32::MAX)] {
        let hover = client
            .request("textDocument/hover", at(URI, line, character))
            .await;
        assert!(hover.get("error").is_none(), "{hover}");
        let completion = client
            .request("textDocument/completion", at(URI, line, character))
            .await;
        assert!(completion.get("error").is_none(), "{completion}");
        let definition = client
            .request("textDocument/definition", at(URI, line, character))
            .await;
        assert!(definition.get("error").is_none(), "{definition}");
    }

    // an unknown document gets empty answers
    let unknown = "file:///nowhere.mentor";
    assert_eq!(
        client.call("textDocument/hover", at(unknown, 1, 1)).await,
        Value::Null
    );
    assert_eq!(
        client
            .call("textDocument/completion", at(unknown, 1, 1))
            .await,
        Value::Null
    );
    let symbols = client
        .call(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": unknown } }),
        )
        .await;
    assert_eq!(symbols, Value::Null);
    // a change to a document that is not open is ignored
    client
        .notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": unknown, "version": 2 },
                    "contentChanges": [{ "text": "rule x" }] }),
        )
        .await;

    // closing twice clears the diagnostics twice, and nothing breaks
    for _ in 0..2 {
        client
            .notify(
                "textDocument/didClose",
                json!({ "textDocument": { "uri": URI } }),
            )
            .await;
        let cleared = client.diagnostics(URI).await;
        assert_eq!(cleared["diagnostics"], json!([]));
    }
    let (line, character) = position_of(EVERYTHING, "role mentee", 0, 6);
    assert_eq!(
        client
            .call("textDocument/hover", at(URI, line, character))
            .await,
        Value::Null
    );

    // an unknown request: MethodNotFound
    let unknown_method = client.request("mentor/doesNotExist", json!({})).await;
    assert_eq!(unknown_method["error"]["code"], -32601, "{unknown_method}");

    // garbage parameters: InvalidParams
    let garbage = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": 42, "position": "here" }),
        )
        .await;
    assert_eq!(garbage["error"]["code"], -32602, "{garbage}");
    let garbage = client
        .request("textDocument/rename", json!([1, 2, 3]))
        .await;
    assert_eq!(garbage["error"]["code"], -32602, "{garbage}");

    // a notification with garbage parameters is ignored; the server still answers
    client
        .notify("textDocument/didOpen", json!({ "textDocument": "nope" }))
        .await;
    let alive = client.request("textDocument/hover", at(URI, 0, 0)).await;
    assert!(alive.get("error").is_none(), "{alive}");

    client.shutdown().await;
}

#[tokio::test]
async fn requests_before_initialize_are_refused_politely() {
    let mut client = Client::connect();
    let early = client.request("textDocument/hover", at(URI, 0, 0)).await;
    assert_eq!(early["error"]["code"], -32002, "{early}");
    client.initialize().await;
    client.shutdown().await;
}

#[tokio::test]
async fn a_test_file_is_checked_against_its_policy() {
    // A test file beside the real SuppoRTT policy, open in the editor but not saved.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../policies")
        .canonicalize()
        .unwrap();
    let uri = format!("file://{}/draft.test.mentor", dir.display());
    let text = "policy \"supportt.mentor\"\n\ntest draft\n  participant amara mentee\n  participant ben mentor\n  on 2026-12-18 amara mentoring_requested to ben\n  at 2026-12-22\n  expect next respnd for ben due 2026-12-29\n";
    let mut client = Client::start().await;
    let published = client.open(&uri, text).await;
    let diagnostics = published["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{published}");
    assert_eq!(diagnostics[0]["code"], "M0602");
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(message.contains("did you mean `respond`?"), "{message}");
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({ "line": 7, "character": 14 })
    );

    let fixed = text.replace("respnd", "respond");
    let published = client.change(&uri, 2, &fixed).await;
    assert_eq!(published["diagnostics"], json!([]));
    client.shutdown().await;
}

#[tokio::test]
async fn closure_files_are_read_beside_the_policy() {
    // The trust policy reads its closure days from two files beside it; a broken copy in
    // the same folder names a file that is not there and one with a mistake.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/cli/closures")
        .canonicalize()
        .unwrap();
    let mut client = Client::start().await;
    let good = std::fs::read_to_string(dir.join("trust.mentor")).unwrap();
    let uri = format!("file://{}/trust.mentor", dir.display());
    let published = client.open(&uri, &good).await;
    assert_eq!(published["diagnostics"], json!([]), "{published}");

    let broken = good.replace(
        "\"extra-closures.csv\"",
        "\"mistaken-closures.csv\", \"gone.ics\"",
    );
    let published = client.change(&uri, 2, &broken).await;
    let diagnostics = published["diagnostics"].as_array().unwrap();
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["M0315", "M0314"], "{published}");
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(message.contains("line 3, column 1"), "{message}");
    client.shutdown().await;
}

/// Bytes an editor (or anything else) might send that are not a well-formed message, and
/// the JSON-RPC error code each is answered with.
const MALFORMED: &[(&str, &[u8], i64)] = &[
    ("bad JSON", b"Content-Length: 9\r\n\r\n{not json", -32700),
    (
        "a body that is an array",
        b"Content-Length: 7\r\n\r\n[1,2,3]",
        -32600,
    ),
    (
        "a body that is a number",
        b"Content-Length: 2\r\n\r\n42",
        -32600,
    ),
    (
        "an object that is no message",
        b"Content-Length: 10\r\n\r\n{\"foo\": 1}",
        -32600,
    ),
    (
        "a Content-Length too small",
        b"Content-Length: 5\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"shutdown\"}",
        -32700,
    ),
    (
        "no Content-Length",
        b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}",
        -32700,
    ),
    (
        "a Content-Length that is not a number",
        b"Content-Length: many\r\n\r\n{}",
        -32700,
    ),
    (
        "bytes that are not a header",
        b"hello there\r\n\r\n",
        -32700,
    ),
    (
        "a body that is not UTF-8",
        b"Content-Length: 4\r\n\r\n\"\xff\xfe\"",
        -32700,
    ),
];

#[tokio::test]
async fn malformed_frames_are_answered_and_the_server_keeps_serving() {
    let mut client = Client::start().await;
    client.open(URI, EVERYTHING).await;
    let (line, character) = position_of(EVERYTHING, "role mentee", 0, 6);
    for (what, bytes, code) in MALFORMED {
        client.send_raw(bytes).await;
        let answer = client.read().await;
        assert_eq!(answer["error"]["code"], *code, "{what}: {answer}");
        assert_eq!(answer["id"], Value::Null, "{what}: {answer}");
        assert_eq!(answer["jsonrpc"], "2.0", "{what}: {answer}");
        let hover = client
            .call("textDocument/hover", at(URI, line, character))
            .await;
        assert!(
            hover["contents"]["value"].is_string(),
            "{what}: then {hover}"
        );
    }

    // a request of another JSON-RPC version is answered with its own id
    let no_method = r#"{"jsonrpc":"1.0","id":7,"method":"initialize"}"#;
    client
        .send_raw(format!("Content-Length: {}\r\n\r\n{no_method}", no_method.len()).as_bytes())
        .await;
    let answer = client.read().await;
    assert_eq!(answer["error"]["code"], -32600, "{answer}");
    assert_eq!(answer["id"], 7, "{answer}");

    // a Content-Length larger than the message: that frame is refused, the next one read
    let next = json!({ "jsonrpc": "2.0", "id": 51, "method": "textDocument/hover",
                       "params": at(URI, line, character) })
    .to_string();
    let too_long = "{\"jsonrpc\":\"2.0\",\"id\":50,\"method\":\"shutdown\"}";
    let bytes = format!(
        "Content-Length: 500\r\n\r\n{too_long}Content-Length: {}\r\n\r\n{next}",
        next.len()
    );
    client.send_raw(bytes.as_bytes()).await;
    let refused = client.read().await;
    assert_eq!(refused["error"]["code"], -32700, "{refused}");
    let answered = client.read().await;
    assert_eq!(answered["id"], 51, "{answered}");
    assert!(
        answered["result"]["contents"]["value"].is_string(),
        "{answered}"
    );

    // a message larger than the server reads is refused, and its bytes skipped unread
    let huge = mentor_lsp::framing::MAX_FRAME_BYTES + 1;
    client
        .send_raw(format!("Content-Length: {huge}\r\n\r\n").as_bytes())
        .await;
    let refused = client.read().await;
    assert_eq!(refused["error"]["code"], -32700, "{refused}");
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..huge / chunk.len() {
        client.send_raw(&chunk).await;
    }
    client.send_raw(&vec![b' '; huge % chunk.len()]).await;
    let hover = client
        .call("textDocument/hover", at(URI, line, character))
        .await;
    assert!(hover["contents"]["value"].is_string(), "{hover}");

    client.shutdown().await;
}

#[tokio::test]
async fn a_test_file_reads_only_regular_files_inside_the_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("workspace");
    let outside = dir.path().join("outside");
    for folder in [&workspace, &outside] {
        std::fs::create_dir_all(folder).unwrap();
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let good = root.join("tests/cases/good/supportt_contract_example.json");
    std::fs::copy(
        root.join("policies/supportt.mentor"),
        workspace.join("supportt.mentor"),
    )
    .unwrap();
    std::fs::copy(&good, workspace.join("case.json")).unwrap();
    std::fs::copy(&good, outside.join("case.json")).unwrap();
    let mut cases = vec![("../outside/case.json", "M0603"), ("case.json", "")];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outside.join("case.json"), workspace.join("link.json")).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(workspace.join("pipe.json"))
            .status()
            .unwrap();
        assert!(made.success());
        cases.extend([
            ("link.json", "M0603"),
            ("pipe.json", "M0603"),
            ("/dev/zero", "M0603"),
        ]);
    }

    let mut client = Client::connect();
    let root_uri = format!("file://{}", workspace.display());
    let init = client
        .request(
            "initialize",
            json!({ "processId": null, "rootUri": root_uri, "capabilities": {} }),
        )
        .await;
    assert!(init.get("error").is_none(), "{init}");
    client.notify("initialized", json!({})).await;
    let uri = format!("{root_uri}/reads.test.mentor");
    for (version, (case, code)) in cases.into_iter().enumerate() {
        let text = format!(
            "policy \"supportt.mentor\"\n\ntest reads\n  case \"{case}\"\n  at 2027-01-06\n  expect respond is met\n"
        );
        let published = if version == 0 {
            client.open(&uri, &text).await
        } else {
            client.change(&uri, version as i32 + 1, &text).await
        };
        let diagnostics = published["diagnostics"].as_array().unwrap();
        if code.is_empty() {
            assert_eq!(diagnostics.len(), 0, "{case}: {published}");
            continue;
        }
        assert_eq!(diagnostics.len(), 1, "{case}: {published}");
        assert_eq!(diagnostics[0]["code"], code, "{case}: {published}");
        assert_eq!(
            diagnostics[0]["range"]["start"],
            json!({ "line": 3, "character": 7 }),
            "{case}"
        );
    }
    client.shutdown().await;
}
