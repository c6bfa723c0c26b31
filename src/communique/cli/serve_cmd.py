"""``communique serve``: browse a corpus database in a local web UI (read-only)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from communique.cli.ingest_cmd import add_db_option


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "serve", help="browse a corpus database in a local web UI and JSON API",
        description="Serve a read-only web UI (dashboard, actors, dyads, articles with "
                    "highlighted evidence, search) and a JSON API (/api, OpenAPI at "
                    "/api/openapi.json) over a corpus database. Binds 127.0.0.1 by default; "
                    "needs `pip install 'communique[serve]'`.",
    )
    add_db_option(parser)
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to bind (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.set_defaults(run=run)


def _check_port_free(host: str, port: int) -> None:
    """Raise UsageError when ``host:port`` cannot be bound (in use, or not this machine's
    address), before saying "serving": uvicorn would print its own error and exit 3."""
    import errno
    import socket

    from communique.errors import UsageError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UsageError(f"--host {host}: cannot resolve it ({exc.strerror})") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            # "Address already in use": the port is the problem; "Cannot assign requested
            # address": the host is not one of this machine's addresses.
            fix = ("choose another port with --port" if exc.errno == errno.EADDRINUSE
                   else "choose an address of this machine with --host (e.g. 127.0.0.1)"
                   if exc.errno == errno.EADDRNOTAVAIL else "check --host and --port")
            raise UsageError(f"cannot serve on {host}:{port} ({exc.strerror}); {fix}") from None


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from communique.errors import NotADatabaseError, UsageError

    if not 0 < args.port < 65536:
        raise UsageError("--port must be between 1 and 65535")
    if not Path(args.db).exists():
        # serve never creates a database (read-only); say how to build one.
        raise NotADatabaseError(f"{args.db} does not exist; build it with `communique ingest`")
    try:
        import uvicorn

        from communique.serve.app import create_app
    except ImportError:
        raise UsageError("the web UI needs its extra: pip install 'communique[serve]'") from None
    from communique.store.schema import database_errors

    # The database first: a damaged or unreadable one is the error to report.
    with database_errors(args.db):
        app = create_app(args.db)
    _check_port_free(args.host, args.port)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"communique: warning: serving on {args.host}: anyone who can reach this "
              "address can read the corpus", file=sys.stderr)
    print(f"communique: serving {args.db} on http://{args.host}:{args.port}/ "
          "(Ctrl-C to stop)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
