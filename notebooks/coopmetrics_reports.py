"""Loads the reports of one coopmetrics run into pandas, for the notebooks beside this file.

    from coopmetrics_reports import load, manifest
    dsp = load("dyad_sector_period")      # a pandas DataFrame, partition columns grain and year included
    monthly = load("dyad_sector_period", grain="month")   # only the month partitions
    manifest()["run_id"]

Where the reports are: env COOPMETRICS_REPORTS, else target/reports of this repository (what the
README's first command writes).

How they are read: with pandas.read_parquet when pyarrow is importable; otherwise with DuckDB's
JDBC driver in a JVM started through JPype (Debian 12 packages neither pyarrow nor DuckDB for
Python). The jar: env COOPMETRICS_DUCKDB_JAR, else the newest org/duckdb/duckdb_jdbc in the local
Maven repository (~/.m2, filled by any build of this project). Env COOPMETRICS_READER=duckdb or
=pandas forces one route.

Both routes return the same shape: DATE columns as datetime64, DECIMAL (money) as float, integer
columns with nulls as float (as pandas does), lists as Python lists, `grain` as str, `year` as int.
"""
import datetime
import decimal
import glob
import json
import os
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
REPORTS = ("dyad_sector_period", "country_seizure_period", "agreement_status", "evidence", "quarantine")
PARTITIONED = ("dyad_sector_period", "country_seizure_period")

_connection = None


def reports_dir():
    """The report folder: env COOPMETRICS_REPORTS, else <repo>/target/reports."""
    return _resolve(os.environ.get("COOPMETRICS_REPORTS") or REPO / "target" / "reports")


def _resolve(path):
    """A relative path is taken from the folder Jupyter was started in (PWD; the kernel itself runs in the
    notebook's folder), else from the current folder, else from the repository."""
    path = Path(path)
    if path.is_absolute():
        return path
    bases = [Path(os.environ["PWD"])] if os.environ.get("PWD") else []
    bases += [Path.cwd(), REPO]
    return next((b / path for b in bases if (b / path).exists()), bases[0] / path)


def manifest():
    """The run's _manifest.json as a dict (run id, status, as-of date, datasets' counts, reports' rows)."""
    with open(reports_dir() / "_manifest.json", encoding="utf-8") as f:
        return json.load(f)


def load(report, grain=None):
    """One report as a pandas DataFrame (all partitions; the partition columns grain and year included).

    `grain` ("month", or a list of grains) keeps only those partitions of a report partitioned by grain
    (dyad_sector_period, country_seizure_period); through DuckDB the other partitions are not read at all,
    which matters on a run with the day grain (most of dyad_sector_period's rows)."""
    if report not in REPORTS:
        raise ValueError(f"unknown report {report!r}; one of {', '.join(REPORTS)}")
    grains = None if grain is None else [grain] if isinstance(grain, str) else list(grain)
    if grains is not None and report not in PARTITIONED:
        raise ValueError(f"{report} is not partitioned by grain; one of {', '.join(PARTITIONED)}")
    folder = reports_dir() / report
    if not folder.is_dir():
        raise FileNotFoundError(f"no report folder {folder} (set COOPMETRICS_REPORTS to a run's --output)")
    if not glob.glob(str(folder / "**" / "*.parquet"), recursive=True):
        return pd.DataFrame()  # an empty report (e.g. nothing quarantined) may hold no file
    reader = os.environ.get("COOPMETRICS_READER") or ("pandas" if _has_pyarrow() else "duckdb")
    if reader == "pandas":
        df = _read_pandas(folder)
        if grains is not None:
            df = df[df.grain.isin(grains)].reset_index(drop=True)
    else:
        df = _read_duckdb(folder, grains)
    return df


_FREQ = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}


def label(df):
    """A copy of a report with `pair` ("BHR-PAK"; the reporting country alone when country_b is null) and,
    for the partitioned reports, `period` ("2025-09-10", "2025-09-08/2025-09-14", "2025-09", "2025Q3", "2025")."""
    df = df.copy()
    if "country_a" in df:
        df["pair"] = df.country_a + ("-" + df.country_b).fillna("")
    if "grain" in df:
        df["period"] = ""
        for grain, rows in df.groupby("grain").groups.items():
            df.loc[rows, "period"] = df.loc[rows, "period_start"].dt.to_period(_FREQ[grain]).astype(str)
    return df


def curated(dataset):
    """The curated input rows of one dataset (statements, agreements, seizures) of the run, all
    versions, with the file they come from; read from the manifest's `input` when it is a local folder
    (a relative path as for COOPMETRICS_REPORTS, then from the repository). Empty when the input is not reachable from here."""
    source = str(manifest()["config"]["input"])
    if "://" in source and not source.startswith("file:"):
        return pd.DataFrame()
    folder = _resolve(source.removeprefix("file:"))
    frames = []
    for path in sorted((folder / dataset).glob("*")):
        if path.name.startswith((".", "_")):
            continue
        if path.suffix == ".jsonl":
            df = pd.read_json(path, lines=True, dtype=False, convert_dates=False)
        elif path.suffix == ".csv":
            df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
        else:
            continue
        df = df.astype(object).where(df.notna(), None)
        frames.append(df.assign(file=path.name))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


# ---- pandas + pyarrow -------------------------------------------------------------------------

def _has_pyarrow():
    try:
        import pyarrow  # noqa: F401
        return True
    except ImportError:
        return False


def _read_pandas(folder):
    df = pd.read_parquet(folder)
    for col in df.columns:
        if isinstance(df[col].dtype, pd.CategoricalDtype):  # hive partition columns
            df[col] = df[col].astype(int if col == "year" else str)
        elif df[col].dtype == object:
            first = df[col].dropna().head(1).tolist()
            if first and isinstance(first[0], datetime.date):
                df[col] = pd.to_datetime(df[col])
            elif first and isinstance(first[0], decimal.Decimal):
                df[col] = df[col].astype(float)
            elif first and hasattr(first[0], "tolist"):  # list columns arrive as numpy arrays
                df[col] = df[col].map(lambda v: None if v is None else list(v))
    return df


# ---- DuckDB JDBC through JPype ------------------------------------------------------------------

def duckdb_jar():
    """The DuckDB JDBC jar: env COOPMETRICS_DUCKDB_JAR, else the newest one in the local Maven repository."""
    jar = os.environ.get("COOPMETRICS_DUCKDB_JAR")
    if jar:
        return jar
    m2 = Path(os.environ.get("MAVEN_REPOSITORY") or Path.home() / ".m2" / "repository")
    found = sorted(m2.glob("org/duckdb/duckdb_jdbc/*/duckdb_jdbc-*.jar"),
                   key=lambda p: [int(x) if x.isdigit() else 0 for x in p.parent.name.split(".")])
    if not found:
        raise FileNotFoundError(
            f"no DuckDB JDBC jar under {m2}/org/duckdb/duckdb_jdbc; build the project once (mvn -B verify "
            "resolves it) or set COOPMETRICS_DUCKDB_JAR")
    return str(found[-1])


def _duckdb():
    global _connection
    if _connection is None:
        import jpype
        import jpype.imports  # noqa: F401
        if not jpype.isJVMStarted():
            classpath = [duckdb_jar()] + [j for j in ["/usr/share/java/org.jpype.jar"] if os.path.exists(j)]
            jpype.startJVM(classpath=classpath, convertStrings=True)
        jpype.JClass("java.lang.Class").forName("org.duckdb.DuckDBDriver")
        _connection = jpype.JClass("java.sql.DriverManager").getConnection("jdbc:duckdb:")
    return _connection


def _read_duckdb(folder, grains=None):
    pattern = str(folder / "**" / "*.parquet").replace("'", "''")
    query = f"SELECT * FROM read_parquet('{pattern}', hive_partitioning = true)"
    if grains is not None:  # a filter on a partition column: DuckDB skips the other folders
        quoted = ", ".join("'" + str(g).replace("'", "''") + "'" for g in grains)
        query += f" WHERE grain IN ({quoted})" if grains else " WHERE false"
    statement = _duckdb().createStatement()
    try:
        rs = statement.executeQuery(query)
        md = rs.getMetaData()
        n = md.getColumnCount()
        names = [str(md.getColumnName(i)) for i in range(1, n + 1)]
        types = [str(md.getColumnTypeName(i)) for i in range(1, n + 1)]
        getters = [_getter(rs, i, t) for i, t in zip(range(1, n + 1), types)]
        columns = [[] for _ in names]
        while rs.next():
            for values, get in zip(columns, getters):
                values.append(get())
    finally:
        statement.close()
    df = pd.DataFrame({name: values for name, values in zip(names, columns)})
    for name, kind in zip(names, types):
        if kind in ("DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE"):
            df[name] = pd.to_datetime(df[name])
        elif name == "grain":
            df[name] = df[name].astype(str)
    return df


def _getter(rs, i, kind):
    def nullable(value):
        return None if rs.wasNull() else value

    if kind in ("BIGINT", "INTEGER", "SMALLINT", "TINYINT", "HUGEINT", "UBIGINT", "UINTEGER"):
        return lambda: nullable(int(rs.getLong(i)))
    if kind in ("DOUBLE", "FLOAT", "REAL") or kind.startswith("DECIMAL"):
        return lambda: nullable(float(rs.getDouble(i)))
    if kind == "BOOLEAN":
        return lambda: nullable(bool(rs.getBoolean(i)))
    if kind.endswith("[]"):
        def array():
            a = rs.getArray(i)
            return None if a is None else [None if v is None else str(v) for v in a.getArray()]
        return array
    return lambda: rs.getString(i)  # VARCHAR, DATE (ISO text, parsed afterwards), anything else as text
