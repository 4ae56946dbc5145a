"""{% social_return_summary partnership review %}: the user's unit costs and
social return, for the review report (web and PDF). Renders nothing when the
partnership has no valuations."""

from django import template

from ..presenters import SocialReturnPresenter

register = template.Library()


@register.inclusion_tag("social_return/_summary.html", takes_context=True)
def social_return_summary(context, partnership, review=None):
    """`review`, when given, supplies the yearly meeting cost used as the
    investment (unless the user entered one), so the section matches the
    review it is printed with."""
    return {
        "page": SocialReturnPresenter(partnership, partnership.workspace, review),
        "pdf": context.get("pdf", False),
    }
