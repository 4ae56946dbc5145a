"""Recording audit entries. Views and domain functions call `record(...)`
after a change has been saved (inside its transaction where there is one), so
an entry exists exactly when the change does.

`snapshot` and `differences` describe a record's fields as "Field: old → new"
lines, each value cut short: the log says what changed, it does not copy
documents. Nothing here reads survey answers, and no caller passes them."""

from django.db import models

from .models import Entry, Kind

VALUE_LENGTH = 80
# Bookkeeping fields every record has; their changes say nothing to a reader.
SKIPPED = {"id", "workspace", "partnership", "created_at", "updated_at", "archived_at"}


def record(workspace, actor, kind, action, obj=None, *, label="", changes=""):
    """Add one entry. `obj` is the record changed (its type, id and name are
    kept as text so the entry outlives it); `changes` a few lines of text."""
    if not isinstance(kind, Kind):
        kind = Kind(kind)
    signed_in = actor is not None and getattr(actor, "is_authenticated", False)
    return Entry.objects.create(
        workspace_id=workspace.pk,
        actor=actor if signed_in else None,
        actor_name=(actor.email or actor.get_username()) if signed_in else "",
        kind=kind,
        action=action[:40],
        object_type=obj._meta.verbose_name[:60] if obj is not None else "",
        object_id=str(obj.pk)[:64] if obj is not None and obj.pk is not None else "",
        object_label=_short(label or (str(obj) if obj is not None else ""), 200),
        changes="\n".join(changes) if isinstance(changes, list | tuple) else changes,
    )


def _short(text, length=VALUE_LENGTH):
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _shown(instance, field):
    if field.choices:
        return getattr(instance, f"get_{field.name}_display")()
    value = getattr(instance, field.name)
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return _short(value)


def snapshot(instance):
    """Each field a reader would recognise, by its label, as shown text.
    Empty for a record not yet saved (so every field of a new one shows)."""
    if instance is None or instance.pk is None:
        return {}
    shown = {}
    for field in instance._meta.concrete_fields:
        if field.name not in SKIPPED and not isinstance(field, models.AutoField):
            shown[str(field.verbose_name).capitalize()] = _shown(instance, field)
    for field in instance._meta.many_to_many:
        names = sorted(str(related) for related in getattr(instance, field.name).all())
        shown[str(field.verbose_name).capitalize()] = _short(", ".join(names)) if names else "(none)"
    return shown


def differences(before, after):
    """Lines "Field: old → new" for each field that changed; a field new in
    `after` (a record just added) shows only its value."""
    lines = []
    for name, new in after.items():
        old = before.get(name)
        if old is None:
            if new not in ("(blank)", "(none)"):
                lines.append(f"{name}: {new}")
        elif old != new:
            lines.append(f"{name}: {old} → {new}")
    return lines
