"""{% comparison_for partnership %}: the "Compared with similar partnerships"
section, for any page that shows one partnership of the current workspace."""

from django import template

from ..presenters import comparison_section

register = template.Library()


@register.inclusion_tag("comparison/_comparison.html")
def comparison_for(partnership):
    return {"section": comparison_section(partnership)}
