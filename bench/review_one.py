"""Time one partnership's review including its PDF report, for a partnership
with five years of data: monthly meetings since late 2021 (attendance,
decisions, actions), three indicators with monthly or quarterly series from
two years before it started, two survey waves, and five years of monthly
reviews behind it (so the report has its history chart). Target: under 2 s.

Prints two figures, each with its ratio to the target:

- warm: the median of --repeat runs in one process after one unmeasured run,
  which is what the web server and the worker pay;
- cold: the first review + PDF in a fresh process, just after django.setup()
  (imports of WeasyPrint, altair and the statistics, font set-up), which is
  what `joinedup review --format pdf` pays every time; with the whole
  process's wall time beside it.

    uv run python bench/review_one.py [--repeat 5] [--regenerate]
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
import warnings
from datetime import date
from pathlib import Path

TARGET_SECONDS = 2.0
SLUG = "bench-one"
HERE = Path(__file__).resolve().parent
YEARS = 5


def _candidate(workspace):
    """The partnership to review: started closest to mid-2021 (and no later than
    five years ago), with at least two outcomes and four members."""
    from django.db.models import Count

    from joinedup.partnerships.models import Partnership

    rows = (Partnership.objects.filter(workspace=workspace, start_date__lte=date(2021, 11, 1))
            .annotate(n_outcomes=Count("outcomes", distinct=True), n_members=Count("memberships", distinct=True))
            .filter(n_outcomes__gte=2, n_members__gte=4).order_by("pk"))
    return min(rows, key=lambda p: (abs((p.start_date - date(2021, 6, 1)).days), p.pk))


def _five_years(workspace, partnership):
    """Replace the partnership's generated data with five years of it, using the
    generator's own functions, then review it monthly for five years."""
    from generate import (
        LAST_DAY,
        add_indicators,
        add_meetings,
        add_months,
        add_survey_waves,
    )

    from joinedup.indicators.models import Event, Indicator
    from joinedup.meetings.models import Meeting
    from joinedup.organisations.models import Organisation, Person
    from joinedup.review import services
    from joinedup.review.models import Review
    from joinedup.surveys.models import Obstacle, Wave

    for model in (Meeting, Indicator, Event, Wave, Obstacle, Review):
        model.objects.filter(partnership=partnership).delete()
    rng = random.Random(f"{SLUG}-five-years")
    organisations = list(Organisation.objects.filter(workspace=workspace).order_by("pk"))
    people = list(Person.objects.filter(workspace=workspace).order_by("pk"))
    # Meetings every month for five years; indicators from two years before the start.
    print(" ", add_meetings(workspace, rng, [partnership], organisations, people, years=YEARS, share=1, every=1))
    print(" ", add_indicators(workspace, rng, [partnership], organisations, people, years=YEARS + 2,
                              per_partnership=(3, 3)))
    print(" ", add_survey_waves(workspace, rng, [partnership], organisations, people, share=1))
    for months in range(12 * YEARS, 0, -1):  # five years of monthly reviews
        services.review_partnership(partnership, as_of=add_months(LAST_DAY, -months))


def _quiet():
    import joinedup.indicators.stats  # noqa: F401  (its libraries set their own warning filters on import)

    warnings.simplefilter("ignore")


def _review_and_pdf(workspace, partnership):
    from joinedup.review import services
    from joinedup.review.pdf import review_pdf
    from joinedup.review.presenters import ReviewPresenter

    review = services.review_partnership(partnership)
    history = list(services.reviews_of(workspace).filter(partnership=partnership))
    return history, review_pdf(ReviewPresenter(review, workspace, history))


def cold():
    """In a fresh process: django.setup() (no migrate) and one review + PDF; prints JSON."""
    began = time.perf_counter()
    os.environ.setdefault("JOINEDUP_DATA_DIR", str(HERE / ".data"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "joinedup.settings")
    sys.path.insert(0, str(HERE))
    import django

    django.setup()
    from joinedup.partnerships.models import Partnership
    from joinedup.workspaces.models import Workspace

    workspace = Workspace.objects.get(slug=SLUG)
    partnership = Partnership.objects.get(pk=int(os.environ["BENCH_PARTNERSHIP"]))
    set_up = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _review_and_pdf(workspace, partnership)
    done = time.perf_counter()
    print(json.dumps({"setup": set_up - began, "first": done - set_up}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--cold", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold:
        return cold()

    from _setup import django_setup, report

    django_setup()
    from generate import generate

    from joinedup.meetings.models import Meeting
    from joinedup.review import services
    from joinedup.workspaces.models import Workspace

    workspace = Workspace.objects.filter(slug=SLUG).first()
    if workspace is None or args.regenerate:
        workspace = generate(200, seed=7, slug=SLUG)
    partnership = _candidate(workspace)
    # Its five years are there once it has a meeting over four years old (the first may
    # fall a quarter after the start: the generator's plan steps to it by its own interval).
    from generate import LAST_DAY, add_months

    if not Meeting.objects.filter(partnership=partnership,
                                  starts_at__date__lt=add_months(LAST_DAY, -12 * (YEARS - 1))).exists():
        print(f"Giving {partnership.name} five years of data…", flush=True)
        started = time.perf_counter()
        _five_years(workspace, partnership)
        print(f"  done in {time.perf_counter() - started:.1f} s")
    _quiet()
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())

    # Cold first, while nothing of this process has warmed the operating system's caches for it.
    env = {**os.environ, "BENCH_PARTNERSHIP": str(partnership.pk)}
    began = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--cold"], env=env, check=True, capture_output=True, text=True)
    whole = time.perf_counter() - began
    cold_figures = json.loads(out.stdout.strip().splitlines()[-1])

    first_started = time.perf_counter()
    _review_and_pdf(workspace, partnership)
    first = time.perf_counter() - first_started
    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        history, pdf = _review_and_pdf(workspace, partnership)
        timings.append(time.perf_counter() - started)

    meetings = Meeting.objects.filter(partnership=partnership)
    print(f"{partnership.name} (started {partnership.start_date:%-d %B %Y}): {meetings.count()} meetings, "
          f"{partnership.indicators.count()} indicators, {partnership.waves.count()} survey waves, "
          f"{len(history)} reviews of history; PDF {len(pdf):,} bytes; "
          f"{services.reviews_of(workspace).filter(partnership=partnership).count()} reviews now")
    print(f"Load average at the start: {load}")
    report(f"Warm: median of {len(timings)} in one process", statistics.median(timings), TARGET_SECONDS, "s")
    report("Cold: first review + PDF in a fresh process, after django.setup()", cold_figures["first"],
           TARGET_SECONDS, "s")
    print(f"  (that process: {cold_figures['setup']:.2f} s to set Django up, {whole:.2f} s in all, "
          f"interpreter start included; the first run in this process, after migrate: {first:.2f} s)")


if __name__ == "__main__":
    main()
