"""The `present` subcommand: open a module's or a session plan's deck (the Slides page) in the browser."""

from __future__ import annotations

import argparse
import sys
import webbrowser
from pathlib import Path
from urllib.parse import urlencode

from mingle.errors import UsageError
from mingle.course.agenda import load_for, read_modules

DECKS = Path("presenters") / "slides" / "index.html"  # the Slides page, in either build


def add_parser(sub) -> argparse.ArgumentParser:
    """Register `mingle present` on the CLI's subparsers."""
    cmd = sub.add_parser("present", help="open a module's or a session plan's slides in the browser",
                         description="Open a deck from the built site: a module's (`mingle present 2`) or a whole "
                                     "session plan's (`mingle present --plan 90`). Without --site it uses the copy "
                                     "that works from disk (site-offline), building it first if it is not there.")
    cmd.add_argument("module", nargs="?", help="the module's number")
    cmd.add_argument("--plan", help="a session plan's id from data/sessions.yml")
    cmd.add_argument("--ratio", choices=("16:9", "4:3"), default="16:9", help="the slides' shape (default: 16:9)")
    cmd.add_argument("--site", help="an already built site to use (make build or make offline)")
    cmd.add_argument("--config", default="mkdocs.yml", help="the site's MkDocs config (default: mkdocs.yml)")
    cmd.add_argument("--no-open", action="store_true", help="print the deck's address without opening a browser")
    cmd.set_defaults(run=run)
    return cmd


def deck_query(args, root: Path) -> dict[str, str]:
    """The deck the arguments name, as the Slides page's query; a module or plan the kit lacks is a usage error."""
    if (args.module is None) == (args.plan is None):
        raise UsageError("name a module (mingle present 2) or a plan (mingle present --plan 90), not both")
    if args.plan is not None:
        plans, _ = load_for(root)
        if args.plan not in plans:
            raise UsageError(f"--plan {args.plan}: no such session plan; expected one of: {', '.join(plans)}")
        query = {"plan": args.plan}
    else:
        modules = read_modules(root / "docs" / "modules")
        if not args.module.isdigit() or int(args.module) not in modules:
            raise UsageError(f"{args.module}: no such module; expected one of: {', '.join(map(str, sorted(modules)))}")
        query = {"module": str(int(args.module))}
    if args.ratio != "16:9":
        query["ratio"] = args.ratio
    return query


def run(args) -> int:
    """Find or build the site, then open (or print) the deck's address."""
    config = Path(args.config)
    if not config.is_file():
        raise UsageError(f"{config}: no such MkDocs config; run from the kit's folder or pass --config")
    query = deck_query(args, config.parent)
    site = Path(args.site) if args.site else config.parent / "site-offline"
    if not (site / DECKS).is_file():
        if args.site:
            raise UsageError(f"{site}: no Slides page there; build the site first (make build or make offline)")
        from mingle.sitebuild import build_site  # MkDocs runs only when a build is needed

        print(f"mingle: building the site into {site} first (make offline does the same)", file=sys.stderr)
        build_site(config, site, offline=True)
    address = (site / DECKS).resolve().as_uri() + "?" + urlencode(query)
    print(address)
    if not args.no_open and not webbrowser.open(address):
        print("mingle: no browser could be opened here: open the address above in one", file=sys.stderr)
    return 0
