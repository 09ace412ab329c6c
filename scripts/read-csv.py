#!/usr/bin/env python3
"""Reads a CSV file Limber wrote with Python's own csv module and prints its rows as JSON (a
list of lists of strings, the header first), so a test can compare them with what it wrote.

Usage: read-csv.py FILE

The file must start with the UTF-8 byte-order mark Limber writes; it is read as utf-8-sig, as
a spreadsheet would, with newline='' as the csv module asks.
"""
import csv
import json
import sys


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: read-csv.py FILE", file=sys.stderr)
        return 2
    with open(sys.argv[1], "rb") as raw:
        if not raw.read(3) == b"\xef\xbb\xbf":
            print("the file does not start with the UTF-8 byte-order mark", file=sys.stderr)
            return 1
    with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f, strict=True))
    json.dump(rows, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
