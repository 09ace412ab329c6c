#!/usr/bin/env bash
# Converts readers of the session log to its accessors (issue 27, item 1): `SessionLog`'s
# lists became private, so `log.sessions` reads `log.sessions()`, `&log.check_ins` reads
# `log.check_ins()`, `log.sessions.clone()` reads `log.sessions().to_vec()`, imports of
# `session::SessionLog` (and `Prefer`, `MergeReport`, `Settled`, `CONTINUE_WITHIN`) name
# `log::…`, and the app, which holds a `Journal`, reads `self.journal.log()` where it read
# `self.log` (UI tests: `app.log()`).
#
# Idempotent: run it again, on this tree or on a branch that still reads the old fields, and
# only what is left to convert changes. It leaves alone the core's `log`, `journal` and
# `store` modules (they own the lists), the sample data (it builds logs of its own), and
# receivers that are not a log: `self` outside those modules, `brief`, `summary`, `sums`,
# `week`, `data`, `s` (structs with fields of the same names) and `r` (the lists handed to
# `edit_records`). A change of a list in a test or a benchmark (`log.sessions.push(x)`,
# `log.sessions[0].notes = …`, `for s in &mut log.sessions {…}`) goes through
# `log.edit_records(|r| …)` (behind the `test-support` feature); inside the core it stays a
# field access, which only the journal and the store may make (tests/log_owner.rs checks).
#
# Usage: scripts/dev/log-accessors.sh [files…]   (default: every .rs file of the workspace)
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "$#" -gt 0 ]; then
    files=("$@")
else
    mapfile -t files < <(git ls-files 'src/*.rs' 'crates/*.rs' 'tests/*.rs' 'benches/*.rs' 'examples/*.rs')
fi

for file in "${files[@]}"; do
    case "$file" in
        crates/limber-core/src/log.rs | crates/limber-core/src/log/* | \
        crates/limber-core/src/journal.rs | crates/limber-core/src/journal/* | \
        crates/limber-core/src/store/* | \
        crates/limber-core/src/sample.rs | crates/limber-core/src/sample_visit.rs | \
        crates/limber-core/tests/log_owner.rs)
            # The sample data builds logs of its own, never the app's; the guard test names
            # the old forms on purpose.
            continue ;;
    esac
    [ -f "$file" ] || continue
    APP=0
    case "$file" in
        src/ui/app.rs | src/ui/app/*) APP=1 ;;
    esac
    CORE=0
    case "$file" in
        crates/limber-core/*) CORE=1 ;;
    esac
    UITEST=0
    case "$file" in
        tests/ui_* | tests/common/* | examples/*) UITEST=1 ;;
    esac
    APP=$APP UITEST=$UITEST CORE=$CORE perl -0777 -i -pe '
        my $fields = qr/(?:sessions|check_ins|exports|pain_entries|measures|activities|questions|homes|schema_version)/;
        my $names = qr/(?:SessionLog|Prefer|MergeReport|Settled|CONTINUE_WITHIN)/;
        my %not_a_log = map { $_ => 1 } qw(self brief summary sums week data s r written pattern);

        # Imports: `…::session::SessionLog` names `…::log::SessionLog`.
        s{\b((?:crate|limber|super)(?:::core)?)::session::($names)\b}{$1::log::$2}g;
        # In a `use …::session::{…};` group, the log names move to a `use …::log::{…};`.
        s{^([ \t]*)use ((?:crate|limber)(?:::core)?)::session::\{([^\}]*)\};}{
            my ($indent, $prefix, $list) = ($1, $2, $3);
            my @items = grep { /\S/ } map { s/^\s+|\s+$//gr } split /,/, $list;
            my @log = grep { /^$names$/ } @items;
            my @rest = grep { !/^$names$/ } @items;
            if (!@log) { $& }
            else {
                my $out = "";
                $out .= "${indent}use ${prefix}::log::" . (@log == 1 ? $log[0] : "{" . join(", ", @log) . "}") . ";";
                if (@rest) {
                    $out .= "\n${indent}use ${prefix}::session::" . (@rest == 1 ? $rest[0] : "{" . join(", ", @rest) . "}") . ";";
                }
                $out
            }
        }gme;

        # The app holds a `Journal`: its log is `self.journal.log()`.
        if ($ENV{APP}) {
            s{&(?:mut )?self\.log\b(?!\s*\()}{self.journal.log()}g;
            s{\bself(\s*)\.log\b(?!\s*\()}{self$1.journal.log()}g;
            s{\bself\.log_revision\b}{self.journal.content_revision()}g;
        }
        # UI tests read the app state`s log through `LimberApp::log()`.
        if ($ENV{UITEST}) {
            s{\b((?:harness|h)\.state_mut\(\)|\bapp)\.log\s*=(?!=)\s*([^;]*);}{$1.journal = limber::core::journal::Journal::new($2);}g;
            s{\b((?:harness|h)\s*\.state(?:_mut)?\(\)|\bapp)(\s*)\.log\b(?!\s*\()}{$1$2.log()}g;
        }

        # `&x.sessions` (not indexed, not called on) is the slice itself.
        s{&((?:\w+(?:\(\))?\.)*?(\w+)(?:\(\))?)\.($fields)\b(?!\s*[\(\[\.])}{
            $not_a_log{$2} ? $& : "$1.$3()"
        }ge;
        # `x.sessions.clone()` is a copy of the slice.
        s{(?<!::)\b(\w+)((?:\(\))?)(\s*)\.($fields)\b(\s*)\.clone\(\)}{
            $not_a_log{$1} ? $& : "$1$2$3.$4()$5.to_vec()"
        }ge;
        # Every other read of a list is its accessor.
        s{\b(\w+)((\((?:[^()]++|(?3))*+\))?)(\s*)\.($fields)\b(?!\s*\()}{
            $not_a_log{$1} ? $& : "$1$2$4.$5()"
        }ge;
        # Outside the core, a test changes a log it built through `edit_records` (behind the
        # `test-support` feature): `log.sessions.push(x)` reads
        # `log.edit_records(|r| r.sessions.push(x))`.
        if (!$ENV{CORE}) {
            # Changes of the log belong to the journal; a test builds a log with their
            # `test-support` twins.
            s{\.upsert\(}{.put_session(}g;
            s{\.add_pain_entry\(}{.put_pain_entry(}g;
            # A log written as a struct literal is built from its records.
            s{(?<!fn )\bSessionLog\s*\{(\s*\w+:(?:[^{}]|(\{(?:[^{}]++|(?-1))*+\}))*?)\.\.SessionLog::default\(\)(\s*)\}}{SessionLog::from_records(limber::core::log::Records {$1..limber::core::log::Records::default()$3})}g;
            s{for (\w+) in &mut (?!r\.)(\w+(?:\.\w+)*)\.($fields)(?:\(\))?\s*(\{(?:[^{}]++|(?-1))*+\})}{$2.edit_records(|r| for $1 in &mut r.$3 $4);}g;
            s{\b(\w+(?:\(\))?(?:\.\w+(?:\(\))?)*?)\.($fields)\(\)\s*\.((?:push|insert|retain|clear|extend|iter_mut|remove|sort\w*|truncate|pop|drain|last_mut|first_mut|get_mut|append|dedup\w*)(\((?:[^()]++|(?-1))*+\))(?:\.\w+(\((?:[^()]++|(?-1))*+\))?)*)}{$1.edit_records(|r| r.$2.$3)}g;
            s{^([ \t]*)(\w+(?:\.\w+)*)\.($fields)\(\)(\[[^\]]*\][^;=]*=[^=][^;]*);}{$1$2.edit_records(|r| r.$3$4);}gm;
            s{^([ \t]*)(\w+(?:\.\w+)*)\.($fields)\(\)\s*=(?!=)([^;]*);}{$1$2.edit_records(|r| r.$3 =$4);}gm;
            # A change that returns nothing is a statement of its own (clippy asks for the `;`).
            s{\.edit_records\(\|r\| (r\.$fields\s*\.(?:push|insert|retain|clear|extend|truncate|sort\w*|dedup\w*|append)(\((?:[^()]++|(?-1))*+\)))\);}{.edit_records(|r| {\n$1;\n});}g;
        }
        # Inside the core a change of a list stays a field access (`pub(crate)`), so that the
        # guard test (tests/log_owner.rs) finds it: only the journal and the store may.
        if ($ENV{CORE}) {
            s{\.($fields)\(\)(\s*\.(?:push|insert|retain|clear|extend|iter_mut|remove|sort\w*|truncate|pop|drain|last_mut|first_mut|get_mut|append|dedup\w*)\()}{.$1$2}g;
            s{\.($fields)\(\)(\[[^\]]*\](?:\.\w+)*\s*=[^=])}{.$1$2}g;
        }
    ' "$file"
done
