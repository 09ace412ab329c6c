#!/usr/bin/env python3
"""Checks a FHIR bundle that Limber exported, with an independent validator.

Usage: check-fhir.py BUNDLE.json

Parses the whole Bundle, then every entry's resource on its own, with the R4B models of the
Python package fhir.resources (pip install fhir.resources). R4B shares R4's Observation,
QuestionnaireResponse, Patient and Bundle. Prints one line per resource type with its count
and exits 1 at the first error, naming the entry.
"""
import collections
import json
import sys

from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle


def validate(model, data):
    """Parses `data` with `model`: model_validate on pydantic 2, parse_obj before."""
    if hasattr(model, "model_validate"):
        return model.model_validate(data)
    return model.parse_obj(data)


def main(path):
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    try:
        validate(Bundle, data)
    except Exception as err:  # the validator's own error type varies between versions
        print(f"{path}: the Bundle is not valid FHIR R4B: {err}", file=sys.stderr)
        return 1
    counts = collections.Counter()
    for index, entry in enumerate(data.get("entry", [])):
        resource = entry["resource"]
        kind = resource.get("resourceType")
        try:
            model = get_fhir_model_class(kind)
            validate(model, resource)
        except Exception as err:
            print(f"{path}: entry {index} ({kind} {resource.get('id')}) is not valid: {err}",
                  file=sys.stderr)
            return 1
        counts[kind] += 1
    for kind, count in sorted(counts.items()):
        print(f"{kind} {count}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
