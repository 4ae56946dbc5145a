"""The operations of one register's records, made alike for each: list (a
page, with `updated_since`), the archived ones (read only), one record (with an
ETag), add, change (PATCH: only the fields sent), archive and restore. Writes go
through the register's form and audit log (registers.py)."""

from ninja import Path, Query

from joinedup.workspaces.access import for_workspace

from .conventions import (
    ONE,
    REFUSALS,
    WRITES,
    Page,
    Paging,
    live_partnership,
    one,
    page_of,
    workspace,
)
from .registers import archive, created, input_schemas, output_schema, save, the_record


def record_operations(api, register, *, name, plural, tag, out=None, listed=True, one_path=None):
    """Add the operations of `register` to `api`. `name` is the record's name in
    paths and operation ids ("person"), `plural` its collection ("people");
    a partnership's records are listed and added under the partnership. `out`
    is the record's output schema (made from the model if not given);
    `listed` False when the list is already there."""
    schema_name = "".join(part.title() for part in name.split("_"))
    new_schema, change_schema = input_schemas(register.form_class, schema_name)
    out = out or output_schema(register.model, schema_name)
    page_schema = type(f"{schema_name}Page", (Page,), {"__annotations__": {"items": list[out]}})
    key = f"{name}_id"
    item = f"/{plural}/{{{key}}}"
    collection = f"/partnerships/{{partnership_id}}/{plural}" if register.in_partnership else f"/{plural}"
    model = register.model

    def parent(request, record):
        return record.partnership if register.in_partnership else None

    if listed:
        if register.in_partnership:
            def list_records(request, partnership_id: int, paging: Query[Paging]):
                partnership = live_partnership(request, partnership_id)
                return page_of(request, model.objects.filter(partnership=partnership).live(), paging, out)
        else:
            def list_records(request, paging: Query[Paging]):
                return page_of(request, for_workspace(model, workspace(request)).live(), paging, out)
        list_records.__doc__ = f"The {register.plural} that are not archived."
        api.get(collection, response={200: page_schema, **REFUSALS}, tags=[tag], url_name=f"list_{plural}",
                operation_id=f"list_{plural}")(list_records)

    # The archived records, so that a sync learns what was archived since it last ran
    # (`updated_since`: archiving a record changes its `updated_at`). Read only: a
    # record comes back with its own restore.
    if register.in_partnership:
        def list_archived(request, partnership_id: int, paging: Query[Paging]):
            partnership = live_partnership(request, partnership_id)
            return page_of(request, model.objects.filter(partnership=partnership, archived_at__isnull=False), paging, out)
    else:
        def list_archived(request, paging: Query[Paging]):
            return page_of(request, for_workspace(model, workspace(request)).filter(archived_at__isnull=False), paging, out)
    list_archived.__doc__ = (f"The archived {register.plural}, as the list of those not archived gives them "
                             f"(`updated_at`: when archived, or changed since); restore one with POST {item}/restore.")
    api.get(f"{collection}/archived", response={200: page_schema, **REFUSALS}, tags=[tag],
            url_name=f"list_archived_{plural}", operation_id=f"list_archived_{plural}")(list_archived)

    if register.in_partnership:
        def add_record(request, partnership_id: int, payload: new_schema):
            return created(out, save(request, register, payload, partnership=live_partnership(request, partnership_id)))
    else:
        def add_record(request, payload: new_schema):
            return created(out, save(request, register, payload))
    add_record.__doc__ = f"Add a {register.singular}, as its page does (a read-and-write token)."
    api.post(collection, response={201: out, **WRITES}, tags=[tag], url_name=f"add_{name}",
             operation_id=f"add_{name}")(add_record)

    def get_record(request, record_id: int = Path(..., alias=key)):
        return one(request, out.from_record(the_record(request, model, record_id)))
    get_record.__doc__ = f"One {register.singular}, with its ETag: send it back as If-None-Match for 304."
    api.get(one_path or item, response={200: out, **ONE}, tags=[tag], url_name=f"get_{name}",
            operation_id=f"get_{name}")(get_record)

    def change_record(request, payload: change_schema, record_id: int = Path(..., alias=key)):
        record = the_record(request, model, record_id)
        return out.from_record(save(request, register, payload, partnership=parent(request, record), instance=record))
    change_record.__doc__ = f"Change a {register.singular}: only the fields sent change."
    api.patch(item, response={200: out, **WRITES}, tags=[tag], url_name=f"change_{name}",
              operation_id=f"change_{name}")(change_record)

    def archive_record(request, record_id: int = Path(..., alias=key)):
        return out.from_record(archive(request, register, the_record(request, model, record_id), True))
    archive_record.__doc__ = f"Archive a {register.singular}: kept, and shown again if restored; nothing is deleted."
    api.post(f"{item}/archive", response={200: out, **REFUSALS}, tags=[tag], url_name=f"archive_{name}",
             operation_id=f"archive_{name}")(archive_record)

    def restore_record(request, record_id: int = Path(..., alias=key)):
        return out.from_record(archive(request, register, the_record(request, model, record_id, live=False), False))
    restore_record.__doc__ = f"Restore an archived {register.singular}."
    api.post(f"{item}/restore", response={200: out, **REFUSALS}, tags=[tag], url_name=f"restore_{name}",
             operation_id=f"restore_{name}")(restore_record)
