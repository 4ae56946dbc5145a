"""A workspace's pay scale in the database: seeded on first use from the
national default (pay_scales.py), then edited by the workspace; and the
lookup from people's pay band codes to an hourly cost."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from joinedup.workspaces.access import for_workspace
from joinedup.workspaces.models import Nation

from .models import PayBand, PayScale, band_key
from .pay_scales import (
    ENGLAND,
    SCALE_AFC,
    SCALE_AFC_SCOTLAND,
    SCALE_NJC,
    SCOTLAND,
    missing_figures_for_nation,
    pay_bands_for_nation,
)

# People whose band is not known are costed as a senior manager (AfC 8a),
# since partnership meetings are mostly attended at that level; the pay scale
# page and every ledger say so, and an editor can change it.
DEFAULT_BAND_CODE = "AfC 8a"
SEEDED_FROM = (
    f"{SCALE_AFC}: NHS Employers, Pay scales for 2026/27 (from 1 April 2026). "
    f"{SCALE_NJC}: NJC pay spine from 1 April 2025, spinal points 2 to 13 only. "
    "Employer National Insurance 15% above £5,000 a year (HMRC, from 6 April 2025); NHS "
    "Pension employer rate 23.7% plus 0.08% levy; LGPS average primary rate 19.8%."
)


def seeded_from_text(nation):
    """What a workspace's pay scale in ``nation`` is seeded from, in words, with
    what is not there; saved on the scale and shown on its page and ledgers."""
    if nation == ENGLAND:
        return SEEDED_FROM
    if nation == SCOTLAND:
        return _(
            "Scotland. %(scale)s: NHS Scotland Agenda for Change pay scales 2025-26 and 2026-27 "
            "(from 1 April 2026), bands 2 to 9, 36-hour week. Employer National Insurance 15%% above "
            "£5,000 a year (HMRC); NHS Pension Scheme (Scotland) employer rate 22.5%% (SPPA). "
            "The SJC local government scale is not included: enter it."
        ) % {"scale": SCALE_AFC_SCOTLAND}
    return _(
        "%(nation)s. No pay figures for %(nation)s are included in joinedup yet, and England's are "
        "not used in their place: enter your bands."
    ) % {"nation": Nation(nation).label}


def pay_nation(workspace):
    """The nation whose pay scale a workspace is costed with: its first nation
    (people have no employer nation of their own in joinedup)."""
    nations = workspace.nation_list
    return nations[0] if nations else ENGLAND


def missing_figures_for(workspace):
    """What the workspace must enter itself, for the nation its pay is costed in."""
    return missing_figures_for_nation(pay_nation(workspace))


def display_code(default_code):
    """"AFC-8A" → "AfC 8a", "NJC-SCP-12" → "NJC SCP 12": as people's bands are written."""
    if default_code.startswith("AFC-"):
        return f"AfC {default_code[4:].lower()}"
    return default_code.replace("-", " ")


def _band_from_default(workspace, plain):
    return PayBand(
        workspace=workspace, code=display_code(plain.code), name=plain.name, scale=plain.scale,
        source=plain.source, annual_salary=plain.midpoint,
        employer_ni_rate=plain.on_costs.employer_ni_rate * 100,
        employer_ni_threshold=plain.on_costs.employer_ni_threshold,
        pension_rate=plain.on_costs.pension_rate * 100,
        annual_working_hours=plain.annual_working_hours,
    )


def pay_scale_for(workspace):
    """The workspace's pay scale, seeded the first time it is needed from the
    shipped figures of the nation it is costed in (`pay_nation`): England's AfC
    and NJC, NHS Scotland's AfC, or, for a nation with no shipped figures, no
    bands at all, so that nobody is silently costed on another nation's pay."""
    scale = for_workspace(PayScale, workspace).select_related("default_band").first()
    if scale is not None:
        return scale
    try:
        with transaction.atomic():
            nation = pay_nation(workspace)
            scale = PayScale.objects.create(
                workspace=workspace, seeded_from=seeded_from_text(nation), seeded_at=timezone.now()
            )
            bands = [_band_from_default(workspace, plain) for plain in pay_bands_for_nation(nation)]
            for band in bands:
                band.save()
            scale.default_band = next((b for b in bands if b.code == DEFAULT_BAND_CODE), None)
            if scale.default_band is not None:
                scale.save(update_fields=["default_band"])
    except IntegrityError:
        # Another request seeded it at the same moment.
        return for_workspace(PayScale, workspace).select_related("default_band").get()
    return scale


@dataclass(frozen=True)
class Rates:
    """Hourly costs in pence for every live band of a workspace, by code key,
    and the default for people without a (known) band."""

    by_key: dict
    default_pence: int | None
    default_rate: Decimal | None
    default_label: str
    scales: tuple = ()

    def pence_for(self, code):
        return self.by_key.get(band_key(code)) if code else None


def rates_for(workspace):
    scale = pay_scale_for(workspace)
    bands = list(for_workspace(PayBand, workspace).live().values_list("code_key", "hourly_pence", "scale"))
    by_key = {key: pence for key, pence, _scale in bands}
    rate = scale.default_rate
    if scale.default_hourly_cost is not None:
        label = f"£{rate}/h (the workspace default)"
    elif scale.default_band is not None:
        label = f"£{rate}/h ({scale.default_band.code}, the workspace default band)"
    else:
        label = ""
    scales = tuple(sorted({scale for _key, _pence, scale in bands if scale}))
    return Rates(by_key, int(rate * 100) if rate is not None else None, rate, label, scales)


# The scales joinedup ships, by the nation they are for.
SHIPPED_SCALES = {ENGLAND: (SCALE_AFC, SCALE_NJC), SCOTLAND: (SCALE_AFC_SCOTLAND,)}


def other_nations_scales(workspace, rates):
    """Shipped scales among the workspace's bands that belong to a nation it does not
    work in (a workspace set up in England and later moved to Scotland keeps England's
    bands until someone changes them): each is said, never silently used."""
    nations = set(workspace.nation_list)
    return [scale for nation, scales in SHIPPED_SCALES.items() if nation not in nations
            for scale in scales if scale in rates.scales]


def scale_used_note(workspace, rates):
    """One sentence for a ledger or a meeting: which pay scale costed it, for which nation."""
    nation = Nation(pay_nation(workspace)).label
    foreign = other_nations_scales(workspace, rates)
    if foreign:
        return _("Costed with the workspace's pay scale: %(scales)s. It still has %(foreign)s, which are "
                 "not the pay of %(nation)s: change those bands on the Pay scale page.") % {
            "scales": ", ".join(rates.scales), "foreign": ", ".join(foreign), "nation": nation}
    if rates.scales:
        return _("Costed with the workspace's pay scale for %(nation)s: %(scales)s.") % {
            "nation": nation, "scales": ", ".join(rates.scales)}
    return _("The workspace's pay scale for %(nation)s has no bands yet: enter them on the Pay scale page.") % {
        "nation": nation}
