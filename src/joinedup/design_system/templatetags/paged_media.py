"""Text placed in the page margins of a printed report by CSS ``content``."""

from django import template

register = template.Library()


@register.filter
def css_string(value):
    """``value`` as the inside of a double-quoted CSS string.

    CSS escapes a character as a backslash, its code point in hex and a space;
    JavaScript's ``\\u0027`` means nothing to CSS, which is how "O'Brien & Sons"
    came to be printed as "Ou0027Brien u0026 Sons"."""
    return "".join(
        character if character.isalnum() or character in " .,-:;()/" else f"\\{ord(character):x} "
        for character in str(value)
    )
