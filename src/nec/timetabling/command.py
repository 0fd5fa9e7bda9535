"""`nec timetable solve|export`: the solver outside the web app. `solve` needs no database;
`export` sets Django up (through the `setup_django` callable it is given) to read an edition."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path


def _positive(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"nombre attendu : {value!r}") from None
    if not number > 0:
        raise argparse.ArgumentTypeError("la limite de temps doit être strictement positive")
    return number


def solve_command(argv: list[str]) -> int:
    from nec.timetabling.solver import InstanceError, NoGridFound, load_instance, solve

    parser = argparse.ArgumentParser(prog="nec timetable solve", description="Propose une grille.")
    parser.add_argument("instance", type=Path)
    parser.add_argument("--time-limit", type=_positive, default=60.0, help="secondes (défaut 60)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", type=Path, help="fichier solution (défaut : sortie standard)")
    parser.add_argument("--quiet", action="store_true", help="sans barre de progression")
    args = parser.parse_args(argv)
    try:
        problem = load_instance(args.instance)
    except InstanceError as error:
        print("Instance refusée :", file=sys.stderr)
        for line in error.problems:
            print(f"  - {line}", file=sys.stderr)
        return 1

    def progress(step) -> None:
        if not args.quiet:
            print(
                f"\r{step.fraction:6.1%}  {step.elapsed:5.1f} s  manqués {step.best_missed}"
                f"  places manquantes {step.best_overflow}",
                end="",
                file=sys.stderr,
                flush=True,
            )

    try:
        result = solve(problem, time_limit=args.time_limit, seed=args.seed, on_progress=progress)
    except NoGridFound as error:
        print(f"\n{error}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(file=sys.stderr)
    text = json.dumps(result.solution(), ensure_ascii=False, indent=1)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    metrics = result.metrics
    print(
        f"Souhaits manqués : {metrics.missed_wishes} sur {metrics.total_wishes} "
        f"({metrics.missed_share:.1%})\n"
        f"Places manquantes : {metrics.overflow_seats}\n"
        f"Temps : {result.elapsed:.1f} s ({result.iterations} itérations, {result.stopped})",
        file=sys.stderr if not args.output else sys.stdout,
    )
    return 0


def export_command(argv: list[str], setup_django: Callable[[], None]) -> int:
    parser = argparse.ArgumentParser(
        prog="nec timetable export", description="Écrit l'instance d'une édition."
    )
    parser.add_argument("edition", help="slug de l'édition")
    parser.add_argument("instance", type=Path)
    args = parser.parse_args(argv)
    setup_django()
    from nec.editions.models import Edition
    from nec.timetabling.export import edition_instance

    edition = Edition.objects.filter(slug=args.edition).first()
    if edition is None:
        print(f"Édition inconnue : {args.edition}", file=sys.stderr)
        return 1
    exported = edition_instance(edition)
    args.instance.write_text(
        json.dumps(exported.data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    data = exported.data
    print(
        f"{len(data['sessions'])} séances, {len(data['slots'])} créneaux, "
        f"{len(data['rooms'])} salles, "
        f"{len(data['attendees'])} participant·es → {args.instance}"
    )
    if exported.ignored_wishes:
        print(
            f"Attention : {exported.ignored_wishes} souhaits sur des séances annulées ou non "
            "retenues ignorés."
        )
    return 0


def main(argv: list[str], setup_django: Callable[[], None]) -> int:
    if argv and argv[0] == "solve":
        return solve_command(argv[1:])
    if argv and argv[0] == "export":
        return export_command(argv[1:], setup_django)
    print(
        "usage: nec timetable solve INSTANCE.json [--time-limit 60] [--seed 1]"
        " [--output SOLUTION.json]\n"
        "       nec timetable export EDITION INSTANCE.json",
        file=sys.stderr,
    )
    return 2
