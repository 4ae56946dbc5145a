"""Adding, changing and archiving a register's records through the API, the
way its pages do: through the register's own form (so every rule the page
keeps, the API keeps, in one place), archived rather than deleted, and
recorded in the audit log under the register's kind, as the pages record it.

A record's input schema is read from its form's fields, so the OpenAPI
document says what the form accepts: a related record is given by its id as
`<field>_id`, a date as ISO 8601, a choice as one of its values."""

import re
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Annotated

from django import forms
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Schema, Status
from pydantic import BeforeValidator, StrictBool, StrictInt, create_model

from joinedup.audit.record import differences, snapshot
from joinedup.audit.record import record as audit_record
from joinedup.partnerships.models import Partnership
from joinedup.workspaces.access import for_workspace

from .conventions import (
    TEXT,
    FormRefused,
    PartnershipArchived,
    needs_write,
    under_live_partnership,
    workspace,
)

NO_NUL = r"^[^\x00]*$"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date_only(value):
    # pydantic would also take a number of days or seconds: as a date, more likely a mistake.
    if not isinstance(value, date | str) or isinstance(value, str) and not ISO_DATE.match(value):
        raise ValueError("Write the date as ISO 8601, e.g. 2026-04-01")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]
ENUMS = {}


def _choice_enum(name, field):
    values = [str(value) for value, _ in field.choices if value not in ("", None)]
    key = (name, tuple(values))
    if key not in ENUMS:
        ENUMS[key] = Enum(name, {value: value for value in values}, type=str)
    return ENUMS[key]


def _field_type(schema_name, name, field):
    """The pydantic type of one form field, with what the form checks that a schema can say."""
    described = {"description": str(field.help_text or field.label or name).strip()}
    if isinstance(field, forms.ModelChoiceField):
        return StrictInt, described
    if isinstance(field, forms.MultipleChoiceField):
        return list[_choice_enum(f"{schema_name}{name.title().replace('_', '')}", field)], described
    if isinstance(field, forms.ChoiceField):
        return _choice_enum(f"{schema_name}{name.title().replace('_', '')}", field), described
    if isinstance(field, forms.DateField):
        return IsoDate, described
    if isinstance(field, forms.BooleanField):
        return StrictBool, described
    if isinstance(field, forms.DecimalField):
        return Decimal, {**described, "allow_inf_nan": False, "max_digits": field.max_digits,
                         "decimal_places": field.decimal_places}
    if isinstance(field, forms.IntegerField):
        return StrictInt, {**described, "ge": -(2**31), "lt": 2**31}
    limits = {"max_length": field.max_length} if getattr(field, "max_length", None) else {}
    if field.required:
        return str, {**described, **limits, "min_length": 1, "pattern": TEXT}
    return str, {**described, **limits, "pattern": NO_NUL}


def input_schemas(form_class, schema_name):
    """(the schema of a new record, the schema of a change: every field optional)."""
    new, change = {}, {}
    for name, field in form_class.base_fields.items():
        kind, constraints = _field_type(schema_name, name, field)
        key = f"{name}_id" if isinstance(field, forms.ModelChoiceField) else name
        if field.required and kind is not StrictBool:
            new[key] = (Annotated[kind, Field(**constraints)], ...)
        else:
            new[key] = (Annotated[kind | None, Field(**constraints)], None)
        change[key] = (Annotated[kind | None, Field(**constraints)], None)
    return (create_model(f"{schema_name}In", __base__=Schema, **new),
            create_model(f"{schema_name}Change", __base__=Schema, **change))


def output_schema(model, schema_name):
    """The record as it is sent: its id, its own fields, a related record's id."""
    fields = {"id": (int, ...)}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in ("workspace", "created_at"):
            continue
        if isinstance(field, models.ForeignKey):
            fields[field.attname] = (int | None, None)
            continue
        kind = {models.DateTimeField: datetime, models.DateField: date, models.DecimalField: Decimal,
                models.BooleanField: bool, models.IntegerField: int, models.PositiveIntegerField: int}
        python = next((k for cls, k in kind.items() if isinstance(field, cls)), str)
        fields[field.attname] = (python | None if field.null else python, ...)
    schema = create_model(f"{schema_name}Out", __base__=Schema, **fields)
    names = list(fields)

    def from_record(record):
        return schema(**{name: getattr(record, "pk" if name == "id" else name) for name in names})

    schema.from_record = staticmethod(from_record)
    return schema


def _form_value(value):
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_form_value(v) for v in value]
    return value


def form_data(form_class, payload, current=None):
    """The data a browser would post: the record's current values (for a
    change), with those the client sent over them."""
    data = {}
    if current is not None:
        for name, field in current.fields.items():
            value = current.initial.get(name, field.initial)
            if isinstance(value, models.Model):
                value = value.pk
            data[name] = _form_value(value)
    for key, value in payload.model_dump(exclude_unset=current is not None).items():
        name = key[:-3] if key.endswith("_id") and key[:-3] in form_class.base_fields else key
        if isinstance(form_class.base_fields[name], forms.BooleanField) and not value:
            data.pop(name, None)  # an unticked box sends nothing
            continue
        data[name] = _form_value(value)
    return data


def save(request, register, payload, partnership=None, instance=None, replace=False):
    """Add (or change) a record through the register's form, and audit it as its page does.
    A change keeps the fields not sent, unless it `replace`s the record whole."""
    needs_write(request)
    ws = workspace(request)
    kwargs = {"workspace": ws, "partnership": partnership}
    current = register.form_class(instance=instance, **kwargs) if instance is not None and not replace else None
    form = register.form_class(data=form_data(register.form_class, payload, current), instance=instance,
                               **kwargs)
    before = snapshot(instance)
    if not form.is_valid():
        errors = form.errors.as_data()
        duplicate = any(e.code in ("unique", "unique_together") for found in errors.values() for e in found)
        named = {name: f"{name}_id" if isinstance(field, forms.ModelChoiceField) else name
                 for name, field in form.fields.items()}
        raise FormRefused([(named.get(field, "request"), message)
                           for field, messages in form.errors.items() for message in messages],
                          409 if duplicate else 422)
    with transaction.atomic():
        record = form.save()
        if register.audit_kind:
            audit_record(ws, request.api_token.user, register.audit_kind,
                         "added" if instance is None else "changed", record,
                         changes=differences(before, snapshot(record)))
    return record


def archive(request, register, record, archived):
    """Archive (or restore) a record, as the register's archive page does."""
    needs_write(request)
    if (record.archived_at is not None) != archived:
        record.archived_at = timezone.now() if archived else None
        with transaction.atomic():
            record.save(update_fields=["archived_at", "updated_at"])
            if register.audit_kind:
                audit_record(workspace(request), request.api_token.user, register.audit_kind,
                             "archived" if archived else "restored", record)
    return record


def the_record(request, model, pk, live=True):
    """A record of the token's workspace (archived ones too when `live` is False), or 404;
    404 too under an archived partnership, whose records are gone until it is restored."""
    found = get_object_or_404(for_workspace(model, workspace(request)), pk=pk)
    if live and found.archived_at is not None:
        if model is Partnership:
            raise PartnershipArchived(found.pk)
        raise Http404
    return under_live_partnership(found)


def created(out, record):
    return Status(201, out.from_record(record))
