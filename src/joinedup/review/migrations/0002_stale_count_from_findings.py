"""Reviews stored before 2 December 2026 counted their voice.* findings in
stale_count (the verdict's staleness family); the portfolio counted the
stale.* findings again from the findings instead. It now reads stale_count
(issue 19: the findings of a big workspace are megabytes of JSON), so every
review's count is made the count of its stale.* findings."""

from django.db import migrations


def recount(apps, schema_editor):
    Review = apps.get_model("review", "Review")
    changed = []
    for review in Review.objects.only("pk", "findings", "stale_count").order_by("pk").iterator(chunk_size=500):
        # As models.stale_findings (a migration does not import the app's code).
        count = sum(1 for f in review.findings or () if f["rule_id"].startswith("stale."))
        if review.stale_count != count:
            review.stale_count = count
            changed.append(review)
    Review.objects.bulk_update(changed, ["stale_count"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("review", "0001_initial")]

    operations = [migrations.RunPython(recount, migrations.RunPython.noop, elidable=True)]
