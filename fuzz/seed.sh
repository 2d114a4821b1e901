#!/usr/bin/env bash
# Copies the seed corpora from the repository's policies, tests and examples into
# fuzz/corpus/<target>/ (the regression inputs there, `regression-*`, are kept). Run it
# again when the seeds change; the corpora are committed.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=fuzz/corpus
policy_index() { # the first byte of a case input: which seed policy it is for
  case "$1" in
    *supportt*) echo 0 ;; *mphp*) echo 1 ;; *mentorconnect*) echo 2 ;; *esu*) echo 3 ;;
    *) return 1 ;;
  esac
}
name_of() { echo "$1" | tr '/' '_'; }

for target in parse_check fmt lsp_session case_json case_csv evaluation; do
  mkdir -p "$corpus/$target"
  find "$corpus/$target" -type f ! -name 'regression-*' -delete
done

for f in policies/*.mentor tests/semantics/*.mentor tests/fmt/*.mentor tests/check/*/*.mentor \
         tests/lsp/*.mentor tests/cli/*.mentor; do
  for target in parse_check fmt; do cp "$f" "$corpus/$target/$(name_of "$f")"; done
done
for f in policies/*.mentor tests/lsp/*.mentor tests/check/multiple/*.mentor; do
  cp "$f" "$corpus/lsp_session/$(name_of "$f")"
done

for f in tests/cases/good/*.json tests/cases/bad/*.json examples/*/*.json; do
  byte=$(policy_index "$f") || continue
  for target in case_json evaluation; do
    { printf "\\x0$byte"; cat "$f"; } > "$corpus/$target/$(name_of "$f")"
  done
done

for f in tests/cases/good/*.events.csv tests/cases/bad/*.events.csv examples/*/*.events.csv; do
  byte=$(policy_index "$f") || continue
  participants="${f%events.csv}participants.csv"
  [ -f "$participants" ] || continue
  { printf "\\x0$byte"; cat "$f"; printf '\x00'; cat "$participants"; } \
    > "$corpus/case_csv/$(name_of "$f")"
done

du -sh "$corpus"/*
