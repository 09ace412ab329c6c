#!/usr/bin/env python3
"""Fails when any text of the project repeats 10 or more words in a row from the source article.

Limber takes the article's facts (exercise names, holds, red flags) but writes every sentence in
its own words. This check keeps it so: it reads the article, takes every run of RUN words
(lower case, punctuation and apostrophes ignored, so line breaks, string continuations and
curly quotes do not hide a copy), and looks for the same run in the project's texts: the code
(string literals, comments), the routine, the desktop and AppStream files, README and docs.

Usage: copy-check.py ARTICLE [ROOT]   (ROOT defaults to the repository)
Prints each copied run with its file and line, then "copy check: N files, M runs copied";
exits 1 when M > 0, 2 when the article cannot be read.
"""

import pathlib
import re
import sys

RUN = 10
WORD = re.compile(r"[a-z0-9]+")
# Texts a person reads: code (the app's strings), the routine, packaging, documents.
SUFFIXES = {".rs", ".ron", ".md", ".xml", ".desktop", ".txt", ".py", ".sh", ".svg"}
SKIP_DIRS = {"target", ".git", "fuzz", "node_modules"}


def words(text):
    """The words of `text` with their line numbers, apostrophes dropped ("it’s" -> "its")."""
    text = text.lower().replace("’", "").replace("'", "").replace("‘", "")
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        out.extend((w, number) for w in WORD.findall(line))
    return out


def runs(seq):
    return (tuple(w for w, _ in seq[i : i + RUN]) for i in range(len(seq) - RUN + 1))


def project_files(root):
    for path in sorted(root.rglob("*")):
        if any(part in SKIP_DIRS for part in path.relative_to(root).parts):
            continue
        if path.is_file() and path.suffix in SUFFIXES:
            yield path


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    article_path = pathlib.Path(sys.argv[1])
    root = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else pathlib.Path(__file__).parent.parent
    try:
        article = article_path.read_text(encoding="utf-8")
    except OSError as err:
        print(f"copy check: cannot read the article: {err}", file=sys.stderr)
        return 2
    source = set(runs(words(article)))
    if not source:
        print(f"copy check: the article {article_path} has fewer than {RUN} words", file=sys.stderr)
        return 2
    files = 0
    copied = 0
    for path in project_files(root):
        files += 1
        try:
            seq = words(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
        last_line = -1
        for i, run in enumerate(runs(seq)):
            if run in source:
                line = seq[i][1]
                # One report per copied passage: later overlapping runs of it are counted once.
                if line != last_line:
                    copied += 1
                    rel = path.relative_to(root)
                    print(f"{rel}:{line}: copied from the article: \"{' '.join(run)}\"")
                last_line = line
    print(f"copy check: {files} files, {copied} runs of {RUN}+ words copied from the article")
    return 1 if copied else 0


if __name__ == "__main__":
    sys.exit(main())
