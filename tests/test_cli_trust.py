"""No traceback ever reaches a user: the real command in a real subprocess, on real files.

Broken pipes end quietly; an empty, truncated, foreign, newer or damaged database gets one Dutch
sentence naming the file and what to do; an unexpected error leaves its trace in a private log
file; a mistyped --db is refused and never created; backups never overwrite anything.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from examenbureau.core.store import SCHEMA_VERSION, Store

BIN = [sys.executable, "-m", "examenbureau"]
EXAMPLES = Path(__file__).resolve().parent / "fixtures" / "examples"


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*BIN, *args], capture_output=True, text=True, cwd=cwd, timeout=120,
                          env={**os.environ, **(env or {})})


def no_trace(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "Error:" not in proc.stderr  # no Python or DuckDB exception name on the screen


@pytest.fixture
def school(results_school_db_shared, tmp_path) -> Path:
    path = tmp_path / "school.duckdb"
    shutil.copyfile(results_school_db_shared, path)
    return path


# -- broken pipes -------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["uitslag", "--format", "json"], ["uitslag"],
                                     ["ce", "verschillen"]])
def test_a_reader_that_stops_early_ends_the_command_quietly(demo_db, command, tmp_path):
    # `examenbureau uitslag ... | head -2`: the reader closes the pipe after two lines.
    # On a copy: uitslag keeps its results, and the session's demo is shared, never written.
    db = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db, db)
    proc = subprocess.Popen([*BIN, *command, "--db", str(db)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=120) in (0, 1)   # `ce verschillen` exits 1 with open differences
    assert "Traceback" not in err and "BrokenPipe" not in err


# -- databases that cannot be used ----------------------------------------------------------------

def _truncated(src: Path, dest: Path) -> None:
    dest.write_bytes(src.read_bytes()[: 300_000])


def _damaged(src: Path, dest: Path) -> None:
    shutil.copyfile(src, dest)
    with duckdb.connect(str(dest)) as con:
        con.execute("CHECKPOINT")
    size = dest.stat().st_size
    with dest.open("r+b") as handle:   # overwrite part of every block after the headers
        for offset in range(12_288 + 4096 + 100, size - 64, 262_144):
            handle.seek(offset)
            handle.write(b"\xaa" * 64)


def _newer(src: Path, dest: Path) -> None:
    shutil.copyfile(src, dest)
    with duckdb.connect(str(dest)) as con:
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])


def _foreign(src: Path, dest: Path) -> None:
    with duckdb.connect(str(dest)) as con:
        con.execute("CREATE TABLE boekhouding (bedrag INTEGER)")


BROKEN = {
    "leeg": (lambda src, dest: dest.write_bytes(b""), "is leeg"),
    "afgebroken": (_truncated, "is afgebroken"),
    "geen database": (lambda src, dest: dest.write_bytes(os.urandom(50_000)), "geen examenbureau-database"),
    "ander programma": (_foreign, "van een ander programma"),
    "nieuwere versie": (_newer, "nieuwere versie van examenbureau"),
    "beschadigd": (_damaged, "is beschadigd"),
}


COMMANDS = [["pack", "list"], ["pack", "kies", "ozhw"], ["uitslag"], ["export", "results", "uit.csv"],
            ["backup", "kopie/"]]
# every kind with a reading and a writing command; one kind with every command
CASES = [(kind, command) for kind in BROKEN for command in (COMMANDS[0], COMMANDS[2])] + [
    ("afgebroken", command) for command in (COMMANDS[1], COMMANDS[3], COMMANDS[4])]


@pytest.mark.parametrize(("kind", "command"), CASES)
def test_an_unusable_database_gets_one_dutch_sentence(results_school_db_shared, tmp_path, kind,
                                                      command):
    make, words = BROKEN[kind]
    db = tmp_path / "school.duckdb"
    make(results_school_db_shared, db)
    before = db.read_bytes()
    proc = run(*command, "--db", str(db), cwd=tmp_path)
    no_trace(proc)
    if kind == "beschadigd" and command[:2] == ["pack", "list"] and proc.returncode == 0:
        return  # the damaged blocks hold no setting: listing packs may still work
    assert proc.returncode == 2, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if not ln.startswith("Let op")]
    assert len(lines) == 1 and words in lines[0] and str(db) in lines[0], proc.stderr
    if kind != "nieuwere versie":
        assert "reservekopie" in lines[0] or "--db" in lines[0]
    assert db.read_bytes() == before        # nothing was written to it
    assert not (tmp_path / "uit.csv").exists() and not (tmp_path / "kopie").exists()


def test_an_unexpected_error_goes_to_a_private_log_file(school, tmp_path):
    # Someone dropped a table by hand: not a damaged file, not a user error, but a state the
    # program cannot handle. The user reads where the details are; the trace is in that file.
    with duckdb.connect(str(school)) as con:
        con.execute("DROP TABLE ce_scores")
    state = tmp_path / "state"
    proc = run("uitslag", "--db", str(school), env={"XDG_STATE_HOME": str(state)})
    no_trace(proc)
    assert proc.returncode == 3
    logs = list((state / "examenbureau").glob("fout-*.log"))
    assert len(logs) == 1 and str(logs[0]) in proc.stderr
    assert stat.S_IMODE(logs[0].stat().st_mode) == 0o600
    text = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in text and "ce_scores" in text and "uitslag" in text


# -- a missing file is never created ------------------------------------------------------------

def test_a_mistyped_db_is_refused_not_created(tmp_path):
    # issue 9 "Also fix": `examenbureau --db typo.duckdb` created an empty school
    typo = tmp_path / "typo.duckdb"
    for args in ([], ["pack", "kies", "ozhw"], ["pack", "list"], ["uitslag"], ["backup", "k/"]):
        proc = run(*args, "--db", str(typo), cwd=tmp_path)
        no_trace(proc)
        assert proc.returncode in (0, 2)
        assert not typo.exists(), args
    proc = run("--db", str(typo))
    assert proc.returncode == 2 and "bestaat niet" in proc.stderr and "--nieuw" in proc.stderr


def test_import_creates_a_new_school_and_says_so(tmp_path):
    db = tmp_path / "nieuw.duckdb"
    proc = run("import", "candidates", str(EXAMPLES / "candidates.csv"), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert f"Nieuwe database {db} aangemaakt" in proc.stdout
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    again = run("import", "candidates", str(EXAMPLES / "candidates.csv"), "--db", str(db))
    assert "Nieuwe database" not in again.stdout


def test_a_refused_first_import_leaves_no_empty_school(tmp_path):
    bad = tmp_path / "kandidaten.csv"
    bad.write_text("examenjaar;examennummer\n2025;1\n", encoding="utf-8")
    db = tmp_path / "nieuw.duckdb"
    proc = run("import", "candidates", str(bad), "--db", str(db))
    assert proc.returncode == 2 and "achternaam" in proc.stderr
    assert not db.exists()


def test_import_of_a_folder_says_it_is_a_folder(school, tmp_path):
    # issue 9 "Also fix": `import se-results /some/folder` said "bestand bestaat niet"
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "se_grades.csv").write_text("x\n", encoding="utf-8")
    proc = run("import", "se-results", str(folder), "--db", str(school))
    no_trace(proc)
    assert proc.returncode == 2
    assert "is een map, geen bestand" in proc.stderr and "se_grades.csv" in proc.stderr


# -- backups -------------------------------------------------------------------------------------

def test_backup_into_a_folder_never_overwrites_and_refuses_the_database_itself(school, tmp_path):
    made = []
    for dest in ("kopie/", "kopie", "kopie/"):
        proc = run("backup", dest, "--db", str(school), cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        made.append(Path(tmp_path, proc.stdout.split("naar ", 1)[1].rstrip(".\n")))
    assert len(set(made)) == 3 and all(p.parent == tmp_path / "kopie" for p in made)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in made)
    named = tmp_path / "vast.duckdb"
    assert run("backup", str(named), "--db", str(school)).returncode == 0
    stamp = named.stat().st_mtime_ns
    proc = run("backup", str(named), "--db", str(school))
    assert proc.returncode == 2 and "bestaat al en wordt niet overschreven" in proc.stderr
    assert named.stat().st_mtime_ns == stamp
    before = school.read_bytes()
    proc = run("backup", str(school), "--db", str(school))
    assert proc.returncode == 2 and "de database zelf" in proc.stderr
    assert school.read_bytes() == before
    copy = Store(made[0], create=False)
    with copy.read() as con:
        assert con.execute("SELECT count(*) FROM candidates").fetchone()[0] > 0


# -- formulas in `uitslag --format csv` -----------------------------------------------------------

def test_uitslag_csv_neutralises_formulas_in_names(school):
    with duckdb.connect(str(school)) as con:
        con.execute("UPDATE candidates SET last_name = ?, first_name = ? WHERE exam_number = "
                    "(SELECT min(exam_number) FROM candidates)", ["=cmd|' /C calc'!A0", "@SUM(A1:A9)"])
    proc = run("uitslag", "--format", "csv", "--db", str(school))
    assert proc.returncode == 0, proc.stderr
    names = [line.split(";")[2] for line in proc.stdout.splitlines()[1:]]
    hostile = [n for n in names if "calc" in n]
    assert hostile and all(n.startswith("'") for n in hostile)
    assert not any(n.startswith(("=", "+", "-", "@")) for n in names)


def test_a_backup_waits_for_a_running_import_says_so_and_succeeds_after_it(school, tmp_path):
    # a long import: another process holds the file inside its transaction until the backup
    # has said that it waits (a fixed 4 s hold was over before the backup's Python had started
    # on a machine at load 11, so it never waited: the test then failed for the wrong reason)
    go = tmp_path / "klaar"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from examenbureau.core.store import Store\n"
        "store = Store(sys.argv[1])\n"
        "with store.transaction(reason='lange import', source='groot.csv') as tx:\n"
        "    tx.upsert_many('settings', ['key'], [{'key': 'import.bezig', 'value': 'ja'}])\n"
        "    print('bezig', flush=True)\n"
        "    end = time.monotonic() + 90\n"
        "    while not Path(sys.argv[2]).exists() and time.monotonic() < end:\n"
        "        time.sleep(0.05)\n"), str(school), str(go)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "bezig"
    backup = subprocess.Popen([*BIN, "backup", str(tmp_path / "kopie/"), "--db", str(school)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert backup.stderr is not None
    said = ""
    while "wacht tot het klaar is" not in said:               # until it says that it waits
        line = backup.stderr.readline()
        if not line:
            break
        said += line
    go.touch()                                                # the import ends now
    out, err = backup.communicate(timeout=120)
    assert holder.wait(timeout=60) == 0
    assert backup.returncode == 0, said + err
    assert "wacht tot het klaar is" in said                   # it said that it waited
    proc = subprocess.CompletedProcess(backup.args, backup.returncode, out, said + err)
    copy = Path(proc.stdout.split("naar ", 1)[1].rstrip(".\n"))
    with Store(copy, create=False).read() as con:              # and it holds the import
        assert con.execute("SELECT value FROM settings WHERE key = 'import.bezig'").fetchone() == ("ja",)
