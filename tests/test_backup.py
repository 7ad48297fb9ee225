"""Backup and restore (round trip), the whole database as a GeoPackage (public and full),
and the database lock between the command line and the dashboard (real processes)."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pyogrio
import pytest
import shapely

from gebrookerbos import config, db
from gebrookerbos.domain import PERSONAL_COLUMNS
from gebrookerbos.services import accounts, backup, edits
from tests import GEODATA, ROOT
from tests.actors import ADMIN, BROKER, COMMAND_LINE, STAFF, session_user
from tests.dm_helpers import (
    cli,
    interior_points,
    rectangle,
    snapshot,
    to_wgs84,
    write_geojson,
)

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL

HOLD = ("import sys\nfrom gebrookerbos import db\ncon = db.connect(sys.argv[1])\n"
        "print('READY', flush=True)\nsys.stdin.readline()\ncon.close()\n")


def _snapshot_file(path: Path) -> dict:
    con = db.connect(path, read_only=True)
    try:
        return snapshot(con)
    finally:
        con.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _without_backup_stamp(snap: dict) -> dict:
    return {**snap, "schema_meta": [r for r in snap["schema_meta"]
                                    if r[0] != "backup_created_at"]}


def _snapshot_store(store: str) -> dict:
    con = db.connect(store)
    try:
        return snapshot(con)
    finally:
        con.close()


def test_backup_and_restore_round_trip(store, tmp_path):
    before = _snapshot_store(store)
    out = tmp_path / "backup.duckdb"
    made = cli("backup", "--out", str(out), "--db", store)
    assert made.returncode == 0, made.stderr
    assert "keep it safe" in made.stdout
    # changes after the backup: an account and an edited plot
    con = db.connect(store)
    try:
        accounts.create_user(con, "na_backup", "brooker", "een lang wachtwoord",
                             actor=COMMAND_LINE)
        row = edits.plot_for_edit(con, "KV-0004", actor=COMMAND_LINE)
        values = {s.name: row[s.name] for s in edits.PLOT_FIELDS}
        edits.update_plot(con, "KV-0004", dict(values, name="Na de back-up"),
                          expected_version=row["version"], actor=BROKER)
    finally:
        con.close()
    changed = _snapshot_store(store)
    assert changed != before
    restored = cli("restore", str(out), "--db", store)
    assert restored.returncode == 0, restored.stderr
    after = _snapshot_store(store)
    # the changes made after the backup are gone; everything else is identical
    assert _without_backup_stamp(after) == before
    assert not [r for r in after["users"] if r[0] == "na_backup"]
    # the previous database is kept as a safety copy (a DuckDB file), with the later changes
    safety = Path(re.search(r"kept as (\S+\.duckdb)\.", restored.stdout).group(1))
    assert safety.name.startswith(("gebrookerbos.before-restore-", "before-restore-"))
    assert _without_backup_stamp(_snapshot_file(safety)) == _without_backup_stamp(changed)
    # and the store goes on: a new event gets a number after the restored ones
    con = db.connect(store)
    try:
        accounts.create_user(con, "na_herstel", "brooker", "een lang wachtwoord",
                             actor=COMMAND_LINE)
        ids = [r[0] for r in con.execute("SELECT audit_id FROM audit_log").fetchall()]
        assert len(ids) == len(set(ids)) == len(before["audit_log"]) + 1
    finally:
        con.close()


def test_backup_refuses_to_overwrite(db_file, tmp_path):
    out = tmp_path / "bestaat.duckdb"
    out.write_text("iets belangrijks")
    refused = cli("backup", "--out", str(out), "--db", str(db_file))
    assert refused.returncode == 2 and "exists already" in refused.stderr
    assert out.read_text() == "iets belangrijks"


def _no_trace_of_a_restore(db_file: Path) -> None:
    assert not list(db_file.parent.glob("*.before-restore-*"))
    assert not list(db_file.parent.glob("*.restoring*"))


def test_restore_refuses_what_is_not_a_backup(db_file, tmp_path):
    text = tmp_path / "geen.duckdb"
    text.write_text("dit is geen database")
    empty = tmp_path / "leeg.duckdb"
    empty.write_bytes(b"")
    other = tmp_path / "ander.duckdb"
    con = db.connect(other)
    con.execute("CREATE TABLE iets (x INTEGER)")
    con.close()
    sqlite = tmp_path / "kavels.gpkg"  # a GeoPackage is a SQLite database
    pyogrio.write_dataframe(pyogrio.read_dataframe(GEODATA / "heerlen_wijken_2024.geojson"),
                            sqlite, driver="GPKG")
    newer = tmp_path / "nieuwer.duckdb"
    con = db.connect(db_file)
    try:
        backup.backup_database(con, newer, actor=ADMIN)
    finally:
        con.close()
    wrong = tmp_path / "andere-kolommen.duckdb"  # the right table names, other columns
    con = db.connect(db_file)
    try:
        backup.backup_database(con, wrong, actor=ADMIN)
    finally:
        con.close()
    con = db.connect(wrong)
    con.execute("DROP TABLE audit_log")
    con.execute("CREATE TABLE audit_log (iets VARCHAR)")
    con.close()
    truncated = tmp_path / "afgebroken.duckdb"  # a download that broke off half-way
    truncated.write_bytes(newer.read_bytes()[: newer.stat().st_size // 2])
    con = db.connect(newer)
    con.execute("UPDATE schema_meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    digest = _digest(db_file)
    before = _snapshot_file(db_file)
    for path, phrase in ((text, "it is text, not a DuckDB database file"),
                         (empty, "is empty (0 bytes)"),
                         (other, "tables missing"),
                         (sqlite, "it is a SQLite database (such as a GeoPackage), not a "
                                  "DuckDB database file"),
                         (truncated, "is damaged or incomplete"),
                         (newer, "schema version 99"),
                         (wrong, "the columns of audit_log do not match the dashboard's schema"),
                         (tmp_path / "weg.duckdb", "does not exist")):
        result = cli("restore", str(path), "--db", str(db_file))
        assert result.returncode == 2, path
        assert phrase in result.stderr, result.stderr
        assert "Nothing was changed" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr and "in use by another" not in result.stderr
        assert _digest(db_file) == digest, path  # the current database, byte for byte
    _no_trace_of_a_restore(db_file)
    assert _snapshot_file(db_file) == before
    dutch = cli("restore", str(truncated), "--db", str(db_file),
                env={"GEBROOKERBOS_LANG": "nl"})
    assert "is beschadigd of onvolledig" in dutch.stderr and "Er is niets veranderd" in (
        dutch.stderr)


def _damaged_in_its_data(good: Path, out: Path) -> Path:
    """A copy of ``good`` with one block of table data overwritten, found by trying: a
    block the quick check (schema_meta, counts) does not read, but a full read does."""
    import duckdb

    data = good.read_bytes()
    block, headers = 262_144, 3 * 4096  # DuckDB's block size, after its three file headers
    for k in range(1, (len(data) - headers) // block):
        damaged = bytearray(data)
        at = headers + k * block + 100
        damaged[at:at + 64] = b"\xff" * 64
        out.write_bytes(bytes(damaged))
        try:
            backup.inspect_backup(out)
        except backup.BackupError:
            continue
        try:
            _snapshot_file(out)
        except duckdb.Error:
            return out
    raise AssertionError("no block of table data found to damage")


def test_restore_reads_the_whole_backup_before_it_replaces_anything(db_file, tmp_path):
    """A backup damaged where the quick check does not look is still refused: the restore
    rebuilds it (reading every row) before the current database is touched."""
    good = tmp_path / "goed.duckdb"
    con = db.connect(db_file)
    try:
        backup.backup_database(con, good, actor=ADMIN)
    finally:
        con.close()
    damaged = _damaged_in_its_data(good, tmp_path / "beschadigd.duckdb")
    digest = _digest(db_file)
    with pytest.raises(backup.BackupError) as refused:
        backup.restore_database(damaged, db_file, actor=COMMAND_LINE)
    assert refused.value.key == "damaged"
    assert "is beschadigd of onvolledig" in refused.value.message("nl")
    assert "Corrupt database file" in str(refused.value)  # DuckDB's own words, at the end
    assert _digest(db_file) == digest
    _no_trace_of_a_restore(db_file)
    # the good one restores, and the restored file is a complete database again
    backup.restore_database(good, db_file, actor=COMMAND_LINE)
    assert backup.inspect_backup(db_file).plots == len(_snapshot_file(good)["plots"])


def _layers(path: Path) -> dict[str, str | None]:
    return {str(n): g for n, g in pyogrio.list_layers(path)}


def _all_text(path: Path) -> str:
    parts = []
    for layer in _layers(path):
        frame = pyogrio.read_dataframe(path, layer=layer, read_geometry=False)
        parts.append(frame.to_csv())
    return "\n".join(parts)


def test_geopackage_exports_full_and_public(store, tmp_path):
    con = db.connect(store)
    try:
        tables = [r[0] for r in db.fetch_all(con, "backup_tables")]
        personal = {v for row in con.execute(
            "SELECT contact_name, contact_email, contact_phone, initiator_group, "
            "account_manager FROM initiatives").fetchall() for v in row if v}
        areas = dict(con.execute("SELECT plot_id, area_m2 FROM plots").fetchall())
    finally:
        con.close()
    full, public = tmp_path / "volledig.gpkg", tmp_path / "openbaar.gpkg"
    assert cli("export-gpkg", "--out", str(full), "--db", store).returncode == 0
    result = cli("export-gpkg", "--out", str(public), "--public", "--db", store)
    assert result.returncode == 0, result.stderr
    assert "Kadaster / Centraal Bureau voor de Statistiek" in result.stdout

    layers = _layers(full)
    assert set(layers) == {*tables, "attribution"} - backup.NEVER_EXPORTED_TABLES
    assert "login_failures" in tables  # kept in backups, never in an export
    for spatial in ("plots", "neighbourhoods"):
        info = pyogrio.read_info(full, layer=spatial)
        assert info["crs"] == "EPSG:28992" and "Polygon" in str(layers[spatial])
    assert layers["initiatives"] is None  # an attribute table
    plots = pyogrio.read_dataframe(full, layer="plots")
    assert len(plots) == len(areas)
    for pid, geom in zip(plots["plot_id"], plots.geometry, strict=True):
        assert shapely.area(geom) == pytest.approx(areas[pid], rel=1e-9)
    initiatives = pyogrio.read_dataframe(full, layer="initiatives")
    assert initiatives["contact_email"].notna().sum() > 10  # the full one has them
    users = pyogrio.read_dataframe(full, layer="users")
    assert sorted(users["username"]) == sorted(a.username for a in STAFF)
    assert "password_hash" not in users.columns

    public_layers = _layers(public)
    assert "users" not in public_layers and "audit_log" not in public_layers
    for layer in public_layers:
        columns = set(pyogrio.read_info(public, layer=layer)["fields"])
        assert not columns & set(PERSONAL_COLUMNS), layer
    public_text = _all_text(public)
    leaked = sorted(v for v in personal if v in public_text)
    assert not leaked, leaked[:5]
    for path in (full, public):  # password hashes are in no GeoPackage at all
        assert "scrypt$" not in _all_text(path)
        attribution = pyogrio.read_dataframe(path, layer="attribution")
        assert config.ATTRIBUTION_BOUNDARIES in set(attribution["value"])


def test_backup_from_the_running_app_connection(con, tmp_path):
    """The Beheer page makes backups on the dashboard's own (open) connection."""
    before = snapshot(con)
    info = backup.backup_database(con, tmp_path / "b.duckdb", actor=ADMIN)
    assert info.plots == len(before["plots"]) and info.created_at
    copy = db.connect(tmp_path / "b.duckdb", read_only=True)
    try:
        assert _without_backup_stamp(snapshot(copy)) == before
    finally:
        copy.close()
    assert snapshot(con) == before


# --- the lock: one writing process per file ---------------------------------------------------


@pytest.fixture()
def holder(db_file):
    """Another process (like a long CLI import) holding the database file."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db_file)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout.readline().strip() == "READY"
    yield proc
    if proc.poll() is None:
        proc.stdin.close()
        proc.wait(30)


def test_cli_says_why_and_what_to_do_while_the_file_is_held(db_file, holder, tmp_path):
    for args in (("backup", "--out", str(tmp_path / "b.duckdb")),
                 ("import-plots", str(GEODATA / "demo_plots.geojson")),
                 ("export-gpkg", "--out", str(tmp_path / "x.gpkg")),
                 ("add-user", "bea", "--role", "brooker"),
                 ("restore", str(db_file))):
        result = cli(*args, "--db", str(db_file), stdin="een lang wachtwoord\n")
        assert result.returncode == 2, args
        assert "in use by another process" in result.stderr or "is the database itself" in (
            result.stderr), result.stderr
        assert "Traceback" not in result.stderr
    result = cli("backup", "--out", str(tmp_path / "b.duckdb"), "--db", str(db_file))
    assert "stop the dashboard" in result.stderr and "page Beheer" in result.stderr
    assert not (tmp_path / "b.duckdb").exists()


WATCH = ("import sys\nfrom gebrookerbos import db\ncon = db.connect(sys.argv[1])\n"
         "print('READY', flush=True)\n"
         "for _ in sys.stdin:\n"
         "    print(*con.execute('SELECT (SELECT count(*) FROM users), "
         "(SELECT count(*) FROM plots)').fetchone(), flush=True)\n")


def test_on_postgresql_every_command_works_while_a_dashboard_is_connected(postgres_url,
                                                                         tmp_path):
    """The shared store has no lock: the commands work while another process (a running
    dashboard) is connected, and that process sees each change on its next read."""
    dashboard = subprocess.Popen([sys.executable, "-c", WATCH, postgres_url], text=True,
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT)
    assert dashboard.stdout.readline().strip() == "READY"

    def seen() -> tuple[int, int]:
        dashboard.stdin.write("\n")
        dashboard.stdin.flush()
        return tuple(int(v) for v in dashboard.stdout.readline().split())

    try:
        users, plots = seen()
        out = tmp_path / "voor.duckdb"
        made = cli("backup", "--out", str(out), "--db", postgres_url)
        assert made.returncode == 0, made.stderr
        assert f"{plots} plots" in made.stdout
        added = cli("add-user", "nieuwe_beheerder", "--role", "beheerder", "--db",
                    postgres_url, stdin="een lang wachtwoord\n")
        assert added.returncode == 0, added.stderr
        assert seen() == (users + 1, plots)
        con = db.connect(postgres_url)
        try:
            (x, y), = interior_points(con, 1)
        finally:
            con.close()
        src = write_geojson(tmp_path / "kavels.geojson", [
            ({"plot_id": f"PG-{i}", "naam": f"Kavel {i}"},
             to_wgs84(rectangle(x + 12 * i, y, 10, 10))) for i in range(2)])
        imported = cli("import-plots", str(src), "--db", postgres_url)
        assert imported.returncode == 0, imported.stderr
        assert seen() == (users + 1, plots + 2)
        geojson = tmp_path / "kavels-uit.geojson"
        exported = cli("export-plots", "--format", "geojson", "--out", str(geojson),
                       "--db", postgres_url)
        assert exported.returncode == 0, exported.stderr
        assert len(pyogrio.read_dataframe(geojson)) == plots + 2
        gpkg = tmp_path / "openbaar.gpkg"
        assert cli("export-gpkg", "--public", "--out", str(gpkg), "--db",
                   postgres_url).returncode == 0
        assert len(pyogrio.read_dataframe(gpkg, layer="plots")) == plots + 2
        restored = cli("restore", str(out), "--db", postgres_url)
        assert restored.returncode == 0, restored.stderr
        assert seen() == (users, plots)
        again = cli("init", "--db", postgres_url)
        assert again.returncode == 2 and "already holds a database" in again.stderr
        assert seen() == (users, plots)
        for result in (made, added, restored, again):  # the URL, never a password
            assert "postgresql://postgres@127.0.0.1" in result.stdout + result.stderr
    finally:
        dashboard.stdin.close()
        dashboard.wait(30)


@pytest.mark.duckdb_only  # (a PostgreSQL store has no lock: see the test above)
def test_dashboard_started_while_the_cli_holds_the_file_recovers(app, holder):
    at = app.run()
    assert not at.exception
    assert any("database is even bezet" in w.value for w in at.warning)
    assert at.button(key="db_retry").label == "Opnieuw proberen"
    holder.stdin.close()  # the CLI finishes
    holder.wait(30)
    at.run()  # the next rerun connects: no failure was cached
    assert not at.exception
    assert not any("bezet" in w.value for w in at.warning)
    assert at.title[0].value == "Kaart van open ruimtes"


def test_help_lists_the_data_management_commands():
    result = cli("--help")
    assert result.returncode == 0
    for command in ("add-user", "import-plots", "backup", "restore", "export-gpkg"):
        assert command in result.stdout


def test_backup_and_exports_download_from_the_running_app(app, con, tmp_path):
    """While the dashboard holds the file, the Beheer page still makes backups."""
    con.close()
    at = app
    at.session_state["user"] = session_user("beheerder")
    at.switch_page("pages/beheer.py").run()
    at.button(key="backup_make").click().run()
    assert not at.exception
    kind, data = at.session_state["backup_bytes"]
    assert kind == "duckdb" and data[8:12] == b"DUCK"
    copy = tmp_path / "download.duckdb"
    copy.write_bytes(data)
    assert backup.inspect_backup(copy).plots > 100
    at.button(key="export_gpkg_public").click().run()
    kind, data = at.session_state["backup_bytes"]
    assert kind == "public.gpkg" and data.startswith(b"SQLite format 3")
    gpkg = tmp_path / "download.gpkg"
    gpkg.write_bytes(data)
    assert "users" not in _layers(gpkg) and "plots" in _layers(gpkg)
