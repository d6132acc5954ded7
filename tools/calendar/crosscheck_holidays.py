#!/usr/bin/env python3
"""Cross-check data/calendar/YYYY.toml (2010-2026) against the MIT PyPI package `holidays`.

    pip install 'holidays>=0.109'
    python3 tools/calendar/crosscheck_holidays.py                  # compare, exit 1 on differences
    python3 tools/calendar/crosscheck_holidays.py --write-fixture  # also rewrite the Rust fixture

What is compared, year by year (by the year of each date):

- days off: the Monday-Friday dates that are not working days. Weekend dates are left out:
  the package lists a holiday that falls on a weekend under the holiday's name, and our files
  list it too, but neither changes whether a weekend day is worked;
- make-up working days: in the package they exist only inside a label
  "Day off (substituted from MM/DD/YYYY)" (language en_US), which is parsed here; the
  make-up day belongs to the year of its own date (12/27/2014 is in 2014).

Entries shipped disabled (`enabled = false`) do not count as days off.

Every difference must be listed in JUSTIFIED with the notice or the decision that explains it;
any other difference, or a listed one that no longer occurs, makes the script exit 1.

--write-fixture writes crates/calendar/tests/fixtures/holidays_crosscheck.json: the package's view
per year and the justified deviations, which `crates/calendar/tests/holidays_crosscheck.rs` checks
the embedded data against under `cargo test`, without Python.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import pathlib
import re
import sys
import tomllib

import holidays

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "calendar"
FIXTURE = ROOT / "crates" / "calendar" / "tests" / "fixtures" / "holidays_crosscheck.json"
YEARS = range(2010, 2027)
MIN_VERSION = (0, 109)
SUBSTITUTED = re.compile(r"substituted from (\d{2})/(\d{2})/(\d{4})")

# Differences that are ours on purpose. "side" says who has the day: "package" (the package
# has the day and our data does not) or "ours". "what" is "day_off" or "working_saturday".
JUSTIFIED = [
    {
        "date": "2026-11-24",
        "what": "day_off",
        "side": "package",
        "reason": (
            "Ngày Văn hóa Việt Nam: NQ 80-NQ/TW chose 24/11 and intends a paid holiday, but an "
            "amendment of Điều 112 BLLĐ 2019 is unconfirmed (docs/DOMAIN.md § Public holidays). "
            "data/calendar/2026.toml ships it disabled; configuration can enable it."
        ),
    },
]


def package_view(year: int) -> tuple[set[dt.date], set[dt.date]]:
    """Weekday days off and make-up days that the package gives for dates in `year`."""
    off: set[dt.date] = set()
    work: set[dt.date] = set()
    for y in (year - 1, year, year + 1):
        for day, label in holidays.country_holidays("VN", years=y, language="en_US").items():
            if day.year == year and day.weekday() < 5:
                off.add(day)
            for m, d, yy in SUBSTITUTED.findall(label):
                made_up = dt.date(int(yy), int(m), int(d))
                if made_up.year == year:
                    work.add(made_up)
    return off, work


def our_view(year: int) -> tuple[set[dt.date], set[dt.date]]:
    """Weekday days off and make-up days of data/calendar/`year`.toml."""
    data = tomllib.loads((DATA / f"{year}.toml").read_text(encoding="utf-8"))
    if data["year"] != year:
        raise SystemExit(f"{year}.toml declares year {data['year']}")
    off = {
        o["date"]
        for o in data.get("off", [])
        if o.get("enabled", True) and o["date"].weekday() < 5
    }
    work = {w["date"] for w in data.get("work", [])}
    return off, work


def differences() -> list[dict]:
    found = []
    for year in YEARS:
        theirs, ours = package_view(year), our_view(year)
        for what, t, o in (("day_off", theirs[0], ours[0]), ("working_saturday", theirs[1], ours[1])):
            for day in sorted(t - o):
                found.append({"date": day.isoformat(), "what": what, "side": "package"})
            for day in sorted(o - t):
                found.append({"date": day.isoformat(), "what": what, "side": "ours"})
    return found


def write_fixture() -> None:
    years = {}
    for year in YEARS:
        off, work = package_view(year)
        years[str(year)] = {
            "days_off": sorted(d.isoformat() for d in off),
            "working_saturdays": sorted(d.isoformat() for d in work),
        }
    fixture = {
        "generated_by": "tools/calendar/crosscheck_holidays.py",
        "package": f"holidays {holidays.__version__} (country VN, language en_US)",
        "compared": "Monday-Friday days off and make-up working days, by the year of the date",
        "years": years,
        "justified_deviations": JUSTIFIED,
    }
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(json.dumps(fixture, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {FIXTURE.relative_to(ROOT)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write-fixture", action="store_true")
    args = parser.parse_args()
    version = tuple(int(p) for p in holidays.__version__.split(".")[:2])
    if version < MIN_VERSION:
        print(f"holidays {holidays.__version__} is older than 0.109", file=sys.stderr)
        return 2
    key = lambda d: (d["date"], d["what"], d["side"])  # noqa: E731
    justified = {key(j): j for j in JUSTIFIED}
    found = differences()
    unexplained = [d for d in found if key(d) not in justified]
    stale = [j for k, j in justified.items() if k not in {key(d) for d in found}]
    for d in found:
        note = justified.get(key(d), {}).get("reason", "UNEXPLAINED")
        only = "package only" if d["side"] == "package" else "ours only"
        print(f"{d['date']} {d['what']:<16} {only:<12} {note}")
    for j in stale:
        print(f"{j['date']} {j['what']:<16} justified but no longer differs: remove it from JUSTIFIED")
    print(
        f"holidays {holidays.__version__}: {len(YEARS)} years, {len(found)} differences, "
        f"{len(found) - len(unexplained)} justified, {len(unexplained)} unexplained, {len(stale)} stale"
    )
    if args.write_fixture:
        write_fixture()
    return 1 if unexplained or stale else 0


if __name__ == "__main__":
    sys.exit(main())
