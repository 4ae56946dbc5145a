"""An attendance line saved or deleted on its own (in the admin) marks its
meeting changed, which is what the kept network figures' fingerprint looks
at (network/kept.py). Connected by apps.py."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from joinedup.meetings.models import Attendance, Meeting


@receiver(post_save, sender=Attendance, dispatch_uid="network-attendance-saved")
@receiver(post_delete, sender=Attendance, dispatch_uid="network-attendance-deleted")
def meeting_changed(sender, instance, **kwargs):
    Meeting.objects.filter(pk=instance.meeting_id).update(updated_at=timezone.now())
