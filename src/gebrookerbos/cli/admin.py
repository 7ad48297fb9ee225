"""Data-management commands: accounts, importing plots, backup, restore, GeoPackage export.

Registered by :func:`gebrookerbos.cli.build_parser`. Messages are in English unless
$GEBROOKERBOS_LANG=nl. While the dashboard runs it holds the database file, so these
commands are refused with what to do (see :class:`gebrookerbos.db.DatabaseLockedError`);
the dashboard's Beheer page offers the same import, accounts and backup download meanwhile.
On a PostgreSQL store (``--db postgresql://...``) every command works while dashboards run.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from gebrookerbos import config, db, i18n
from gebrookerbos.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    Refused,
    existing_database,
    label,
)
from gebrookerbos.domain import Role
from gebrookerbos.domain.auth import COMMAND_LINE


def cli_lang() -> str:
    lang = os.environ.get("GEBROOKERBOS_LANG", "en")
    return lang if lang in i18n.LANGUAGES else "en"


def _existing_db(args: argparse.Namespace) -> str | Path:
    return existing_database(args.db)


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat the password: ") != first:
        raise Refused("The two passwords differ; no account was changed.")
    return first


def cmd_add_user(args: argparse.Namespace) -> int:
    """Create an account (e.g. the first beheerder); the password is read without echo and
    must pass the password policy (at least 12 characters, not the username, not easy to
    guess)."""
    from gebrookerbos.domain import auth
    from gebrookerbos.services import accounts

    path = config.db_path(args.db)
    password = _read_password(args)
    con = db.connect(path)
    try:
        db.ensure_schema(con)
        name = accounts.normalise_username(args.name)
        exists = bool(db.fetch_value(con, "user_exists", username=name))
        if exists and not args.update:
            raise Refused(f"The account {name} exists already; nothing changed. Use --update "
                          "to give it a new password and role.")
        if exists:
            accounts.update_account(con, name, role=args.role, password=password,
                                    actor=auth.COMMAND_LINE)
            print(f"Updated account {name} (role {args.role}) in {label(path)}: a new password, "
                  "its failed logins cleared and its sessions ended.")
        else:
            accounts.create_user(con, name, args.role, password, actor=auth.COMMAND_LINE)
            print(f"Created account {name} (role {args.role}) in {label(path)}.")
    except auth.AuthError as exc:
        raise Refused(exc.message(cli_lang())) from None
    finally:
        con.close()
    return EXIT_OK


def cmd_import_plots(args: argparse.Namespace) -> int:
    """Import plots from GeoPackage, GeoJSON, zipped Shapefile or CSV (all or nothing)."""
    from gebrookerbos.domain import auth
    from gebrookerbos.services import importer

    path = _existing_db(args)
    con = db.connect(path)
    lang = cli_lang()
    try:
        report = importer.import_plots(
            con, args.file, layer=args.layer, crs=args.crs, dry_run=args.dry_run,
            repair=args.repair, encoding=args.encoding,
            actor=(auth.Actor(args.user, Role.ADMIN, command_line=True) if args.user
                   else auth.COMMAND_LINE),
        )
    except Exception as exc:  # never a traceback: a clear refusal instead
        print(f"Refused: the import failed and changed nothing ({type(exc).__name__}: "
              f"{str(exc).splitlines()[0] if str(exc) else ''})", file=sys.stderr)
        return EXIT_REFUSED
    finally:
        con.close()
    if report.ok:
        print(report.summary(lang))
        return EXIT_OK
    print(report.summary(lang), file=sys.stderr)
    return EXIT_REFUSED


def cmd_backup(args: argparse.Namespace) -> int:
    """Write a consistent copy of the database (restore it with `restore`)."""
    from gebrookerbos.services import backup

    path = _existing_db(args)
    con = db.connect(path)  # ATTACH of the new file needs a writable instance
    try:
        info = backup.backup_database(con, args.out, actor=COMMAND_LINE, force=args.force)
    except backup.BackupError as exc:
        raise Refused(exc.message(cli_lang())) from None
    finally:
        con.close()
    print(f"Backup of {label(path)} written to {args.out} (schema version {info.schema_version}, "
          f"{info.plots} plots, {info.initiatives} initiatives). It holds personal data and "
          "accounts: keep it safe.")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """Replace the database with a backup; the current file is kept as a safety copy."""
    from gebrookerbos.services import backup

    try:
        info = backup.inspect_backup(args.file)
        safety = backup.restore_database(args.file, args.db, actor=COMMAND_LINE)
    except backup.BackupError as exc:
        raise Refused(exc.message(cli_lang())) from None
    target = config.db_path(args.db)
    print(f"Restored {label(target)} from {args.file} (made {info.created_at or 'unknown'}, "
          f"{info.plots} plots, {info.initiatives} initiatives). The previous database is "
          f"kept as {safety}.")
    return EXIT_OK


def cmd_export_gpkg(args: argparse.Namespace) -> int:
    """Export the whole database as one GeoPackage, a layer per table."""
    from gebrookerbos.services import backup

    path = _existing_db(args)
    con = db.connect(path, read_only=True)
    try:
        counts = backup.export_geopackage(con, args.out, public=args.public,
                                          actor=COMMAND_LINE, force=args.force)
    except backup.BackupError as exc:
        raise Refused(exc.message(cli_lang())) from None
    finally:
        con.close()
    kind = "public (no personal data)" if args.public else "full (WITH personal data)"
    print(f"Exported {label(path)} to {args.out}, {kind}: "
          + ", ".join(f"{k}: {v}" for k, v in counts.items()))
    print(config.ATTRIBUTION)
    return EXIT_OK


def add_parsers(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    """Register the data-management commands on the main parser."""
    p = sub.add_parser("add-user", parents=[parent], help=cmd_add_user.__doc__)
    p.add_argument("name", help="username (lower case letters, digits, . _ @ -)")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of stdin (also when stdin "
                        "is not a terminal)")
    p.add_argument("--update", action="store_true",
                   help="give an existing account a new password and role (also clears its "
                        "failed logins from every address and ends its sessions)")
    p.set_defaults(func=cmd_add_user)

    p = sub.add_parser("import-plots", parents=[parent], help=cmd_import_plots.__doc__)
    p.add_argument("file", help=".gpkg, .geojson, .zip (Shapefile) or .csv (WKT column)")
    p.add_argument("--layer", help="the layer to read (files with several layers)")
    p.add_argument("--crs", help="EPSG code of a file that declares no CRS, e.g. 28992")
    p.add_argument("--dry-run", action="store_true", help="check only; change nothing")
    p.add_argument("--repair", action="store_true", help="repair invalid geometries")
    p.add_argument("--encoding", help="text encoding of a file that does not declare it, "
                                      "e.g. cp1252 (default: UTF-8)")
    p.add_argument("--user", help="name recorded in the audit trail (default: cli:<login>)")
    p.set_defaults(func=cmd_import_plots)

    p = sub.add_parser("backup", parents=[parent], help=cmd_backup.__doc__)
    p.add_argument("--out", required=True, metavar="FILE", help="the backup file to write")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", parents=[parent], help=cmd_restore.__doc__)
    p.add_argument("file", help="a backup made with `backup`")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("export-gpkg", parents=[parent], help=cmd_export_gpkg.__doc__)
    p.add_argument("--out", required=True, metavar="FILE", help="the .gpkg file to write")
    p.add_argument("--public", action="store_true",
                   help="leave out personal data, staff names, accounts and the audit log")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.set_defaults(func=cmd_export_gpkg)
