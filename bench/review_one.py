"""Time one partnership's review including its PDF report, for a partnership
with five years of reviews behind it (so the report has its history chart).
Target: under 2 s. Prints the first (cold) run and the median of the rest.

    uv run python bench/review_one.py [--repeat 5]
"""

import argparse
import statistics
import time
from datetime import date

TARGET_SECONDS = 2.0


def main():
    from _setup import django_setup, report

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    django_setup()

    from generate_workspace import generate

    from joinedup.partnerships.models import Partnership
    from joinedup.review import services
    from joinedup.review.dates import add_months
    from joinedup.review.pdf import review_pdf
    from joinedup.review.presenters import ReviewPresenter
    from joinedup.workspaces.models import Workspace

    workspace = Workspace.objects.filter(slug="bench-one").first() or generate(200, seed=7, slug="bench-one")
    partnership = Partnership.objects.filter(workspace=workspace).order_by("pk").first()
    if not services.reviews_of(workspace).filter(partnership=partnership).exists():
        for months in range(60, 0, -1):  # five years of monthly reviews
            services.review_partnership(partnership, as_of=add_months(date(2026, 11, 1), -months))

    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        review = services.review_partnership(partnership)
        history = list(services.reviews_of(workspace).filter(partnership=partnership))
        pdf = review_pdf(ReviewPresenter(review, workspace, history))
        timings.append(time.perf_counter() - started)
    print(f"{partnership.name}: {len(history)} reviews of history, PDF {len(pdf):,} bytes")
    report("First review + PDF (cold: fonts, imports)", timings[0], TARGET_SECONDS, "s")
    if len(timings) > 1:
        report(f"Median of the next {len(timings) - 1}", statistics.median(timings[1:]), TARGET_SECONDS, "s")


if __name__ == "__main__":
    main()
