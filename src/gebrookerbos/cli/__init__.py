"""The command line: ``python -m gebrookerbos COMMAND [--db PATH] ...``.

Every command takes ``--db PATH`` (default: $GEBROOKERBOS_DB, else gebrookerbos.duckdb in
the data folder, see :func:`gebrookerbos.config.data_dir`). Exit codes: 0 done, 2 refused
(the reason on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from gebrookerbos import config, db
from gebrookerbos.cli import admin, exports
from gebrookerbos.cli.common import EXIT_OK, EXIT_REFUSED, Refused, label


def _db_parent() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--db",
        metavar="PATH",
        help="database file (default: $GEBROOKERBOS_DB, else gebrookerbos.duckdb in "
        "$GEBROOKERBOS_DATA_DIR, data/ of a source checkout or ~/.local/share/gebrookerbos)",
    )
    return parent


# --- commands --------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    """Create the database file and fill it (reference geography, demo data)."""
    from gebrookerbos.services import bootstrap

    path = config.db_path(args.db)
    con = db.connect(path)
    try:
        if bootstrap.is_initialised(con) and not args.force:
            raise Refused(
                f"{label(path)} already holds a database; nothing changed. "
                "Use --force to reload the reference geography"
                + ("" if args.no_demo else " and replace plots and initiatives with the demo data")
                + "."
            )
        counts = bootstrap.initialise(con, demo=not args.no_demo)
    finally:
        con.close()
    summary = ", ".join(f"{k}: {v}" for k, v in counts.items())
    print(f"Initialised {label(path)} ({summary}).")
    return EXIT_OK


def _default_demo_dir() -> Path:
    """geodata/ of the source checkout (the committed files), else demo/ in the data folder."""
    return config.CHECKOUT / "geodata" if config.CHECKOUT else config.data_dir() / "demo"


def cmd_demo(args: argparse.Namespace) -> int:
    """Generate the fictional demo data files and load them into the database."""
    from gebrookerbos.services import bootstrap, demo

    out_dir = Path(args.out) if args.out else _default_demo_dir()
    data = demo.generate(seed=args.seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    demo.write_demo_files(data, out_dir)
    print(f"Wrote demo files to {out_dir}: {', '.join(demo.DEMO_FILES)}")
    if args.no_load:
        return EXIT_OK
    path = config.db_path(args.db)
    con = db.connect(path)
    try:
        if not bootstrap.is_initialised(con):
            bootstrap.initialise(con, demo=False)
        counts = demo.load_demo(con, out_dir)
    finally:
        con.close()
    print(f"Loaded fictional demo data into {label(path)}: "
          + ", ".join(f"{k}: {v}" for k, v in counts.items()))
    return EXIT_OK




def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m gebrookerbos",
        description="Gebrookerbos dashboard: manage the database of plots and initiatives.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    parent = _db_parent()

    p = sub.add_parser("init", parents=[parent], help=cmd_init.__doc__)
    p.add_argument("--no-demo", action="store_true",
                   help="reference geography only: no plots or initiatives")
    p.add_argument("--force", action="store_true",
                   help="re-initialise a file that already holds a database")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", parents=[parent], help=cmd_demo.__doc__)
    p.add_argument("--out", metavar="DIR",
                   help="where to write the files (default: geodata/ of the source checkout, "
                   "else demo/ in the data folder)")
    p.add_argument("--seed", type=int, default=None, help="random seed (default: fixed)")
    p.add_argument("--no-load", action="store_true", help="only write the files")
    p.set_defaults(func=cmd_demo)

    admin.add_parsers(sub, parent)
    exports.add_parser(sub, parent)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except Refused as exc:
        print(f"Refused: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except (db.DatabaseLockedError, db.SpatialExtensionError, db.postgres.PostgresError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return EXIT_REFUSED
