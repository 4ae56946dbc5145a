"""Which partnerships are similar: the same form and the same user group
(partnerships/user_groups.py says how the user group is read)."""

from __future__ import annotations

from joinedup.partnerships.user_groups import user_group_of


def group_key(form: str, user_groups_text: str) -> tuple[str, str] | None:
    """(form, user group) that similar partnerships share; None when the
    people served cannot be classified or no form is recorded."""
    group = user_group_of(user_groups_text)
    if not form or group is None:
        return None
    return form, group
