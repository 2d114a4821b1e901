//! Formats every `tests/fmt/*.mentor` file of the workspace and snapshots input and output.

#[test]
fn formats_every_example() {
    insta::glob!("../../../../tests/fmt", "*.mentor", |path| {
        let input = std::fs::read_to_string(path).unwrap();
        let output = mentor_fmt::format(&input)
            .unwrap_or_else(|e| panic!("{} did not format: {e:?}", path.display()));
        insta::with_settings!({
            description => "the input file, then its formatted output",
            omit_expression => true,
        }, {
            insta::assert_snapshot!(
                "format",
                format!("---- input ----\n{input}\n---- output ----\n{output}")
            );
        });
    });
}
