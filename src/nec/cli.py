"""The `nec` command: `nec demo`, `nec serve`, `nec manage <django command>`, `nec timetable`."""

import argparse
import os
import sys


def _django(debug: bool) -> None:
    if debug:
        os.environ.setdefault("NEC_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nec.settings")
    import django

    django.setup()
    from django.conf import settings

    # var/ holds the SQLite database, the collected static files and uploads
    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)


def demo(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="nec demo", description="Prepare and serve the demo.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--no-serve", action="store_true", help="only prepare the database")
    args = parser.parse_args(argv)
    # e-mails printed by the demo must point to the address it actually serves
    os.environ.setdefault("BASE_URL", f"http://{args.host}:{args.port}")
    _django(debug=True)
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo")
    from django.conf import settings

    print(f"Connexion : {settings.BASE_URL}/compte/connexion/", flush=True)
    if args.no_serve:
        return 0
    print(f"\nNEC demo on http://{args.host}:{args.port}/  (Ctrl+C to stop)\n", flush=True)
    # Background work (mailings, grid proposals, PDFs) needs a worker next to the web server.
    worker = _start_demo_worker()
    try:
        call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, skip_checks=True)
    finally:
        worker.terminate()
        worker.wait(timeout=10)
    return 0


def _start_demo_worker():
    import subprocess

    command = "import sys; from nec.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.Popen(
        [sys.executable, "-c", command, "manage", "db_worker", "--interval", "1", "--no-reload"],
        env=os.environ.copy(),
    )


def serve(argv: list[str]) -> int:
    """Production server: gunicorn configured from the environment."""
    parser = argparse.ArgumentParser(prog="nec serve")
    parser.add_argument("--bind", default=os.environ.get("NEC_BIND", "127.0.0.1:8000"))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("NEC_WORKERS", "3")))
    parser.add_argument("--no-collectstatic", action="store_true")
    args = parser.parse_args(argv)
    _django(debug=False)
    from django.core.management import call_command

    if not args.no_collectstatic:
        call_command("collectstatic", interactive=False, verbosity=0)
    gunicorn_args = [
        "gunicorn",
        "nec.wsgi:application",
        "--bind",
        args.bind,
        "--workers",
        str(args.workers),
        "--access-logfile",
        "-",
    ]
    os.execvp(sys.executable, [sys.executable, "-m", *gunicorn_args])
    return 0  # pragma: no cover


def manage(argv: list[str]) -> int:
    _django(debug=os.environ.get("NEC_DEBUG", "") not in ("", "0"))
    from django.core.management import execute_from_command_line

    execute_from_command_line(["nec manage", *argv])
    return 0


def timetable(argv: list[str]) -> int:
    """`solve` runs without Django; `export` sets it up like `nec manage` does."""
    from nec.timetabling.command import main as timetable_main

    return timetable_main(
        argv, lambda: _django(debug=os.environ.get("NEC_DEBUG", "") not in ("", "0"))
    )


COMMANDS = {"demo": demo, "serve": serve, "manage": manage, "timetable": timetable}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in COMMANDS:
        print(
            "usage: nec {demo|serve|manage|timetable} [options]\n"
            "  demo    create the SQLite demo in var/ and serve it on http://127.0.0.1:8000\n"
            "  serve   run the production server (gunicorn), configured from the environment\n"
            "  manage  run a Django management command, e.g. `nec manage migrate`\n"
            "  timetable  solve INSTANCE.json / export EDITION INSTANCE.json (demand-aware grid)",
            file=sys.stderr,
        )
        return 2
    return COMMANDS[argv[0]](argv[1:]) or 0


if __name__ == "__main__":
    sys.exit(main())
