def amount_text(amount, unit):
    """'£1,200' for money, '0.5 whole-time equivalents' otherwise; no
    spurious decimals. Empty when there is no amount."""
    if amount is None:
        return ""
    text = f"{amount:,.2f}"
    number = text.rstrip("0").rstrip(".") if "." in text else text
    return f"£{number}" if unit == "£" else f"{number} {unit}"
