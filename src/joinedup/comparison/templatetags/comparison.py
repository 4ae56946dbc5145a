"""{% comparison_for partnership %}: the "Compared with similar partnerships"
section, for any page that shows one partnership of the current workspace."""

from django import template

from ..presenters import comparison_section

register = template.Library()


# ?compare=all-nations on the page widens the comparison from the workspace's
# nations to every nation (a link in the section); without it, the default.
ALL_NATIONS = "all-nations"


@register.inclusion_tag("comparison/_comparison.html", takes_context=True)
def comparison_for(context, partnership):
    request = context.get("request")
    all_nations = bool(request) and request.GET.get("compare") == ALL_NATIONS
    return {"section": comparison_section(partnership, all_nations=all_nations), "all_nations_value": ALL_NATIONS}
