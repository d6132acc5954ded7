#!/usr/bin/env python3
"""Check the shape of data/procedures/procedures.json (standard library only).

Usage: python3 tools/procedures/check.py [path]

Checks what a reviewer editing the file by hand most often breaks: the format tag, required
keys, ids of units and levels, dates, that an unconfirmed mark has a note, that every cited
source is listed, that step budgets fit in the legal time, and that versions of one code do not
overlap. The Rust import (crates/domain/src/procedure) remains the authority; this script only
gives quicker feedback. Prints one line per problem and exits 1 if there is any.
"""

import datetime
import json
import re
import sys

FORMAT = "cchc-procedures/1"
UNITS = {"gio": 1, "ngay": 8, "ngay_lam_viec": 8, "thang": 240, "trong_ngay": 8}
LEVELS = {"province", "district", "commune"}
UNIT_KINDS = {"ubnd_tinh", "so_ban_nganh", "ubnd_huyen", "ubnd_xa", "nganh_doc"}
ONLINE = {"full", "partial", "none"}
RESULTS = {"paper", "electronic", "both"}
FEE_KINDS = {"phi", "le_phi"}
CODE = re.compile(r"^\d+(\.\d+)+(\.[A-Z]\d+)?$")


def date(s):
    return datetime.date.fromisoformat(s) if s else None


class Checker:
    def __init__(self, sources):
        self.sources = sources
        self.problems = []

    def err(self, where, msg):
        self.problems.append(f"{where}: {msg}")

    def marked(self, where, obj):
        if not isinstance(obj, dict):
            return
        if obj.get("unconfirmed") and not obj.get("note"):
            self.err(where, "unconfirmed without a note")
        src = obj.get("source")
        if src and src not in self.sources:
            self.err(where, f"unknown source {src!r}")

    def version(self, where, v):
        t = v.get("processing_time", {})
        if t.get("unit") not in UNITS:
            self.err(f"{where}.processing_time.unit", f"unknown unit {t.get('unit')!r}")
            return None
        self.marked(f"{where}.processing_time", t)
        legal = t.get("value", 0) * UNITS[t["unit"]]
        budget = sum(s.get("budget_hours", 0) for s in v.get("steps", []))
        if budget > legal:
            self.err(f"{where}.steps", f"budgets {budget} h exceed the legal {legal} h")
        if v.get("online_level") not in ONLINE:
            self.err(f"{where}.online_level", f"unknown {v.get('online_level')!r}")
        if v.get("result", {}).get("kind") not in RESULTS:
            self.err(f"{where}.result.kind", "unknown result kind")
        for i, f in enumerate(v.get("fees", [])):
            if f.get("kind") not in FEE_KINDS:
                self.err(f"{where}.fees[{i}].kind", f"unknown {f.get('kind')!r}")
            self.marked(f"{where}.fees[{i}]", f)
        if not v.get("legal_basis"):
            self.err(f"{where}.legal_basis", "no legal basis")
        for i, d in enumerate(v.get("legal_basis", [])):
            self.marked(f"{where}.legal_basis[{i}]", d)
        pub = v.get("publication")
        if not pub:
            self.err(f"{where}.publication", "no publication decision")
        else:
            self.marked(f"{where}.publication", pub)
            if not pub.get("decision_no") and not pub.get("unconfirmed"):
                self.err(f"{where}.publication", "no decision number and not marked unconfirmed")
        try:
            return date(v["valid_from"]), date(v.get("valid_to"))
        except (KeyError, ValueError) as e:
            self.err(f"{where}.valid_from", f"bad date: {e}")
            return None

    def procedure(self, where, p, seen):
        code = p.get("code")
        if isinstance(code, dict):
            self.marked(f"{where}.code", code)
            code = code.get("value")
        if not isinstance(code, str) or not CODE.match(code):
            self.err(f"{where}.code", f"bad code {code!r}")
        elif code in seen:
            self.err(f"{where}.code", f"duplicate code {code} (also {seen[code]})")
        else:
            seen[code] = where
        if not str(p.get("name", "")).strip():
            self.err(f"{where}.name", "missing name")
        self.marked(f"{where}.sector", p.get("sector"))
        if p.get("level") not in LEVELS:
            self.err(f"{where}.level", f"unknown {p.get('level')!r}")
        if p.get("unit_kind") not in UNIT_KINDS:
            self.err(f"{where}.unit_kind", f"unknown {p.get('unit_kind')!r}")
        spans = []
        for i, v in enumerate(p.get("versions", [])):
            span = self.version(f"{where}.versions[{i}]", v)
            if span:
                spans.append((span, v.get("version"), i))
        spans.sort(key=lambda s: s[0][0])
        for (a, va, _), (b, vb, j) in zip(spans, spans[1:]):
            if a[1] is None or a[1] >= b[0]:
                self.err(f"{where}.versions[{j}]", f"version {vb} overlaps version {va}")
            if va == vb:
                self.err(f"{where}.versions[{j}]", f"duplicate version {vb}")


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "data/procedures/procedures.json"
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if doc.get("format") != FORMAT:
        print(f"file: format is {doc.get('format')!r}, expected {FORMAT!r}")
        return 1
    checker = Checker({s["id"] for s in doc.get("sources", [])})
    seen = {}
    for i, p in enumerate(doc.get("procedures", []), start=1):
        checker.procedure(f"record {i}", p, seen)
    for line in checker.problems:
        print(line)
    marks = json.dumps(doc, ensure_ascii=False).count('"unconfirmed": true')
    print(f"{len(doc.get('procedures', []))} procedures, {marks} unconfirmed marks, {len(checker.problems)} problems")
    return 1 if checker.problems else 0


if __name__ == "__main__":
    sys.exit(main())
