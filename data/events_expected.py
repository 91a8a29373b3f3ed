#!/usr/bin/env python3
"""Independent count of the GDELT 2.0 event sample, by the rules of contract section 6.

Reads the raw export files (``*.export.CSV`` and ``*.export.CSV.zip``) of an events folder and
puts every row in exactly one bucket, in the contract's order: quarantined, out_of_scope,
after_as_of, superseded, accepted. It shares no code with the job: Python 3 standard library
only. Countries come from ``data/reference/cameo_countries.csv`` and, for the per-sector
count, sectors from ``data/reference/event_sectors.csv``.

    python3 data/events_expected.py                      # the bundled sample, as of 2025-12-31
    python3 data/events_expected.py --as-of 2017-06-01 --min-mentions 3 --events DIR

Judgment calls where the contract leaves room (see data/README.md):
- only rows that reach step 4 (valid, in scope, not after the as-of date) take part in
  superseding; a repeated GLOBALEVENTID is settled first (latest DATEADDED wins; on a tie the
  first row read, by file name and line, stays), then re-emissions are settled among the rows
  that are left (lowest GLOBALEVENTID stays);
- the re-emission key uses the country codes as written (CAMEO codes, not their ISO alpha-3),
  in order: Actor1 -> Actor2 and Actor2 -> Actor1 are two events;
- NumMentions, NumSources and NumArticles must be whole numbers (digits only); GoldsteinScale
  and AvgTone decimal numbers (no NaN or infinity) on the codebook's scales, -10..10 and
  -100..100;
- a GLOBALEVENTID that is not digits is quarantined as invalid_number (the contract names no
  check for it);
- an empty line is not a row.
"""
import argparse
import csv
import datetime as dt
import os
import re
from decimal import Decimal
import sys
import zipfile
from collections import Counter, OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))

# GDELT 2.0 event codebook: column positions (0-based) of the 61 columns.
GLOBALEVENTID, SQLDATE = 0, 1
ACTOR1_COUNTRY, ACTOR2_COUNTRY = 7, 17
ACTOR_TYPES = (12, 13, 14, 22, 23, 24)  # Actor1Type1Code..Actor1Type3Code, Actor2Type1Code..Actor2Type3Code
EVENT_CODE, EVENT_BASE_CODE, EVENT_ROOT_CODE = 26, 27, 28
GOLDSTEIN, NUM_MENTIONS, NUM_SOURCES, NUM_ARTICLES, AVG_TONE = 30, 31, 32, 33, 34
DATEADDED, SOURCEURL = 59, 60
COLUMNS = 61

COOPERATION_ROOTS = {"03", "04", "05", "06"}
QUARANTINE_REASONS = ["malformed_record", "invalid_date", "invalid_number"]
OUT_OF_SCOPE_REASONS = ["not_cooperation", "not_two_countries", "same_country", "few_mentions"]

WHOLE = re.compile(r"[0-9]+")
DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")


def export_files(folder):
    """(name, bytes) of each export file, by name; a zip holds one entry."""
    out = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.endswith(".export.CSV"):
            with open(path, "rb") as f:
                out.append((name, f.read()))
        elif name.endswith(".export.CSV.zip"):
            with zipfile.ZipFile(path) as z:
                entries = z.namelist()
                if len(entries) != 1:
                    sys.exit(f"{path}: {len(entries)} entries, expected one")
                out.append((name, z.read(entries[0])))
    return out


def lines(data):
    """The rows of one file as bytes, with their 1-based line numbers; a last line end is optional."""
    parts = data.split(b"\n")
    if parts and parts[-1] == b"":
        parts.pop()
    for i, raw in enumerate(parts, start=1):
        if raw.endswith(b"\r"):
            raw = raw[:-1]
        if raw.strip() == b"":
            continue
        yield i, raw


def day(text):
    if not re.fullmatch(r"[0-9]{8}", text):
        return None
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        return None


def instant(text):
    if not re.fullmatch(r"[0-9]{14}", text):
        return None
    try:
        return dt.datetime.strptime(text, "%Y%m%d%H%M%S")
    except ValueError:
        return None


def read_countries(path):
    with open(path, encoding="utf-8", newline="") as f:
        return {r["cameo"].strip().upper(): r["alpha3"].strip().upper() for r in csv.DictReader(f)}


def read_event_sectors(path):
    codes, types, default = {}, {}, None
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            match, code, sector = r["match"].strip(), r["code"].strip().upper(), r["sector"].strip()
            if match == "event_code":
                codes[code] = sector
            elif match == "actor_type":
                types[code] = sector
            elif match == "default":
                default = sector
    return codes, types, default


def sectors_of(f, event_sectors):
    codes, types, default = event_sectors
    out = {s for prefix, s in codes.items() if f[EVENT_CODE].strip().startswith(prefix)}
    out |= {types[t] for t in (f[i].strip().upper() for i in ACTOR_TYPES) if t in types}
    return out or {default}


def classify(f, countries, as_of, min_mentions):
    """(bucket, reason) for steps 1 to 3, or (None, None) for a row that goes on to step 4."""
    if day(f[SQLDATE]) is None or instant(f[DATEADDED]) is None:
        return "quarantined", "invalid_date"
    if not all(DECIMAL.fullmatch(f[i]) for i in (GOLDSTEIN, AVG_TONE)) \
            or not all(WHOLE.fullmatch(f[i]) for i in (NUM_MENTIONS, NUM_SOURCES, NUM_ARTICLES)) \
            or not WHOLE.fullmatch(f[GLOBALEVENTID]) \
            or abs(float(f[GOLDSTEIN])) > 10 or abs(float(f[AVG_TONE])) > 100:
        return "quarantined", "invalid_number"
    if f[EVENT_ROOT_CODE].strip() not in COOPERATION_ROOTS:
        return "out_of_scope", "not_cooperation"
    a1 = countries.get(f[ACTOR1_COUNTRY].strip().upper())
    a2 = countries.get(f[ACTOR2_COUNTRY].strip().upper())
    if a1 is None or a2 is None:
        return "out_of_scope", "not_two_countries"
    if a1 == a2:
        return "out_of_scope", "same_country"
    if int(f[NUM_MENTIONS]) < min_mentions:
        return "out_of_scope", "few_mentions"
    if day(f[SQLDATE]) > as_of or instant(f[DATEADDED]).date() > as_of:
        return "after_as_of", None
    return None, None


def reemission_key(r):
    f = r["fields"]
    return (f[SQLDATE], f[ACTOR1_COUNTRY], f[ACTOR2_COUNTRY], f[EVENT_CODE], f[SOURCEURL])


def settle(candidates, order="ids_first"):
    """Indexes of the rows that stay, and how many were superseded by repeated id and by re-emission.

    ids_first (the count): repeated ids, then re-emissions among the id winners.
    reemissions_first and reemissions_over_all are the other readings, printed to show whether
    the choice matters for these files.
    """
    def by_id(rows):
        best = OrderedDict()
        ties = 0
        for r in rows:
            b = best.get(r["id"])
            if b is None or r["added"] > b["added"]:
                best[r["id"]] = r
            elif r["added"] == b["added"]:
                ties += 1
        return list(best.values()), ties

    def by_key(rows):
        best = OrderedDict()
        for r in rows:
            k = reemission_key(r)
            if k not in best or r["id"] < best[k]["id"]:
                best[k] = r
        return list(best.values())

    if order == "ids_first":
        stay, ties = by_id(candidates)
        after_ids = len(stay)
        stay = by_key(stay)
        return stay, len(candidates) - after_ids, after_ids - len(stay), ties
    if order == "reemissions_first":
        stay = by_key(candidates)
        after_keys = len(stay)
        stay, ties = by_id(stay)
        return stay, after_keys - len(stay), len(candidates) - after_keys, ties
    if order == "reemissions_over_all":
        ids, ties = by_id(candidates)
        keys = {id(r) for r in by_key(candidates)}
        stay = [r for r in ids if id(r) in keys]
        return stay, len(candidates) - len(ids), len(ids) - len(stay), ties
    raise ValueError(order)


def print_pair_totals(accepted, countries, event_sectors, top):
    """Per (pair, sector), what dyad_sector_period's event columns add up to over all periods of a grain:
    events, by direction (country_a is the alphabetically first), sums of mentions, sources and
    articles, the sum of Goldstein and the mean tone; for the pairs with the most events."""
    totals = {}
    per_pair = Counter()
    for r in accepted:
        f = r["fields"]
        a1 = countries[f[ACTOR1_COUNTRY].strip().upper()]
        a2 = countries[f[ACTOR2_COUNTRY].strip().upper()]
        pair = tuple(sorted((a1, a2)))
        per_pair[pair] += 1
        for s in sectors_of(f, event_sectors):
            t = totals.setdefault(pair + (s,), [0, 0, 0, 0, 0, 0, Decimal(0), Decimal(0)])
            t[0] += 1
            t[1 if a1 == pair[0] else 2] += 1
            t[3] += int(f[NUM_MENTIONS])
            t[4] += int(f[NUM_SOURCES])
            t[5] += int(f[NUM_ARTICLES])
            t[6] += Decimal(f[GOLDSTEIN])
            t[7] += Decimal(f[AVG_TONE])
    pairs = sorted(per_pair, key=lambda p: (-per_pair[p], p))[:top]
    print(f"top {len(pairs)} pairs by accepted events; per sector: events a_to_b b_to_a mentions sources "
          f"articles goldstein_sum tone_mean")
    for key in sorted(k for k in totals if k[:2] in pairs):
        t = totals[key]
        print(f"  {key[0]} {key[1]} {key[2]} {t[0]} {t[1]} {t[2]} {t[3]} {t[4]} {t[5]} "
              f"{t[6].normalize():f} {float(t[7] / t[0]):.12f}")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--events", default=os.path.join(HERE, "curated", "events"))
    p.add_argument("--countries", default=os.path.join(HERE, "reference", "cameo_countries.csv"))
    p.add_argument("--event-sectors", default=os.path.join(HERE, "reference", "event_sectors.csv"))
    p.add_argument("--as-of", default="2025-12-31", type=dt.date.fromisoformat)
    p.add_argument("--min-mentions", default=1, type=int, help="events_min_mentions")
    p.add_argument("--pairs", default=5, type=int,
                   help="print the totals of dyad_sector_period's event columns for this many pairs "
                        "with the most accepted events")
    args = p.parse_args()

    countries = read_countries(args.countries)
    event_sectors = read_event_sectors(args.event_sectors)
    read = 0
    per_file = OrderedDict()
    quarantined, out_of_scope = Counter(), Counter()
    after_as_of = 0
    candidates = []
    for name, data in export_files(args.events):
        per_file[name] = 0
        for line, raw in lines(data):
            read += 1
            per_file[name] += 1
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                quarantined["malformed_record"] += 1
                continue
            f = text.split("\t")
            if len(f) != COLUMNS:
                quarantined["malformed_record"] += 1
                continue
            bucket, reason = classify(f, countries, args.as_of, args.min_mentions)
            if bucket == "quarantined":
                quarantined[reason] += 1
            elif bucket == "out_of_scope":
                out_of_scope[reason] += 1
            elif bucket == "after_as_of":
                after_as_of += 1
            else:
                candidates.append({"id": int(f[GLOBALEVENTID]), "added": instant(f[DATEADDED]),
                                   "fields": f, "file": name, "line": line})

    accepted, by_id, by_reemission, ties = settle(candidates)
    superseded = by_id + by_reemission
    q, o = sum(quarantined.values()), sum(out_of_scope.values())
    assert read == len(accepted) + q + superseded + after_as_of + o

    print(f"events folder: {os.path.relpath(args.events)}  as-of: {args.as_of}  "
          f"events_min_mentions: {args.min_mentions}")
    for name, n in per_file.items():
        print(f"  {name}: {n} rows")
    print(f"read          {read}")
    print(f"quarantined   {q}  " + ", ".join(f"{r}={quarantined[r]}" for r in QUARANTINE_REASONS))
    print(f"out_of_scope  {o}  " + ", ".join(f"{r}={out_of_scope[r]}" for r in OUT_OF_SCOPE_REASONS))
    print(f"after_as_of   {after_as_of}")
    print(f"superseded    {superseded}  repeated_id={by_id}, re_emission={by_reemission}"
          + (f"  (ids repeated with the same latest DATEADDED: {ties})" if ties else ""))
    print(f"accepted      {len(accepted)}")
    print(f"check         read = accepted + quarantined + superseded + after_as_of + out_of_scope: "
          f"{read} = {len(accepted)} + {q} + {superseded} + {after_as_of} + {o}")

    pairs = Counter()
    sectors = Counter()
    for r in accepted:
        f = r["fields"]
        pairs[tuple(sorted((countries[f[ACTOR1_COUNTRY].strip().upper()],
                            countries[f[ACTOR2_COUNTRY].strip().upper()])))] += 1
        for s in sectors_of(f, event_sectors):
            sectors[s] += 1
    print(f"accepted pairs {len(pairs)}; events by sector: "
          + ", ".join(f"{s}={n}" for s, n in sorted(sectors.items())))
    years = Counter(day(r["fields"][SQLDATE]).year for r in accepted)
    print("accepted events by SQLDATE year: " + ", ".join(f"{y}={n}" for y, n in sorted(years.items())))

    print_pair_totals(accepted, countries, event_sectors, args.pairs)

    for order in ("reemissions_first", "reemissions_over_all"):
        other, i, k, _ = settle(candidates, order)
        same = "same" if (len(other), i + k) == (len(accepted), superseded) else "DIFFERENT"
        print(f"variant {order}: accepted {len(other)}, superseded {i + k} ({same})")


if __name__ == "__main__":
    main()
