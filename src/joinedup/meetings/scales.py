"""A workspace's pay scale in the database: seeded on first use from the
national default (pay_scales.py), then edited by the workspace; and the
lookup from people's pay band codes to an hourly cost."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from joinedup.organisations.models import Organisation
from joinedup.workspaces.access import for_workspace
from joinedup.workspaces.models import Nation, nation_codes

from .models import PayBand, PayScale, band_key
from .pay_scales import (
    ENGLAND,
    NORTHERN_IRELAND,
    SCALE_AFC,
    SCALE_AFC_NI,
    SCALE_AFC_SCOTLAND,
    SCALE_AFC_WALES,
    SCALE_NJC,
    SCOTLAND,
    WALES,
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
            "Scotland. %(scale)s: NHS Scotland circular PCS(AFC)2026/1, Annex B (from 1 April 2026), "
            "bands 1 to 9, 36-hour week. Employer National Insurance 15%% above "
            "£5,000 a year (HMRC); NHS Pension Scheme (Scotland) employer rate 22.5%% (SPPA). "
            "The SJC local government scale is not included: enter it."
        ) % {"scale": SCALE_AFC_SCOTLAND}
    if nation == WALES:
        return _(
            "Wales. %(scale)s: NHS Wales pay letter AfC(W) 02/2026 (from 1 April 2026), bands 1 to 9. "
            "%(njc)s: NJC pay spine from 1 April 2025, spinal points 2 to 13 only. Employer National "
            "Insurance 15%% above £5,000 a year (HMRC); NHS Pension employer rate 23.7%% plus 0.08%% levy; "
            "LGPS average primary rate 19.8%%."
        ) % {"scale": SCALE_AFC_WALES, "njc": SCALE_NJC}
    if nation == NORTHERN_IRELAND:
        return _(
            "Northern Ireland. %(scale)s: Department of Health circular HSC (AfC) 06/2025 (from 1 April "
            "2025), bands 1 to 9, the latest published. Employer National Insurance 15%% above £5,000 a "
            "year (HMRC); HSC Pension Scheme employer rate 23.2%%. Local government pay is not "
            "included: enter it."
        ) % {"scale": SCALE_AFC_NI}
    return _(
        "%(nation)s. No pay figures for %(nation)s are included in joinedup yet, and England's are "
        "not used in their place: enter your bands."
    ) % {"nation": Nation(nation).label}


def pay_nation(workspace):
    """The nation whose pay is used for people whose organisation does not say
    where it employs them: the workspace's first nation."""
    nations = workspace.nation_list
    return nations[0] if nations else ENGLAND


def employer_nation(workspace, organisation_nation):
    """The nation a person's pay is costed in: their organisation's nation, or
    the workspace's first nation when it gives none."""
    return organisation_nation or pay_nation(workspace)


def nations_costed(workspace):
    """Every nation someone in the workspace is costed in: its own nations and
    any its organisations name."""
    # order_by(): the organisations' default ordering by name would make DISTINCT one row per organisation.
    named = (for_workspace(Organisation, workspace).exclude(nation="").order_by()
             .values_list("nation", flat=True).distinct())
    return nation_codes(",".join([*workspace.nation_list, *named])) or [ENGLAND]


def missing_figures_for(workspace, nations=None):
    """What the workspace must enter itself, for each nation its people are costed in
    (`nations`, when the caller has read them: `Rates.costed_nations`)."""
    found, seen = [], set()
    for nation in nations or nations_costed(workspace):
        for figure in missing_figures_for_nation(nation):
            if (str(figure.scale), str(figure.what)) not in seen:
                seen.add((str(figure.scale), str(figure.what)))
                found.append(figure)
    return found


def display_code(default_code):
    """"AFC-8A" → "AfC 8a", "NJC-SCP-12" → "NJC SCP 12": as people's bands are written."""
    if default_code.startswith("AFC-"):
        return f"AfC {default_code[4:].lower()}"
    return default_code.replace("-", " ")


def _band_from_default(workspace, plain, nation):
    return PayBand(
        workspace=workspace, nation=nation, code=display_code(plain.code), name=plain.name, scale=plain.scale,
        source=plain.source, annual_salary=plain.midpoint,
        employer_ni_rate=plain.on_costs.employer_ni_rate * 100,
        employer_ni_threshold=plain.on_costs.employer_ni_threshold,
        pension_rate=plain.on_costs.pension_rate * 100,
        annual_working_hours=plain.annual_working_hours,
    )


def pay_scale_for(workspace, nations=None):
    """The workspace's pay scale, with the shipped bands of each nation its
    people are costed in (`nations_costed`) copied in the first time that nation
    is needed: England's AfC and NJC, NHS Scotland's AfC, NHS Wales' AfC and the
    NJC spine, HSC Agenda for Change. A nation with nothing shipped gets no bands,
    so that nobody is silently costed on another nation's pay. The default band
    is the first nation's AfC 8a. `nations`: `nations_costed`, when the caller
    has read them."""
    scale = for_workspace(PayScale, workspace).select_related("default_band").first()
    if scale is None:
        try:
            with transaction.atomic():
                scale = PayScale.objects.create(
                    workspace=workspace, seeded_from=seeded_from_text(pay_nation(workspace)), seeded_at=timezone.now()
                )
        except IntegrityError:
            # Another request seeded it at the same moment.
            return for_workspace(PayScale, workspace).select_related("default_band").get()
    seeded = set(nation_codes(scale.seeded_nations))
    for nation in nations or nations_costed(workspace):
        if nation not in seeded:
            _seed_nation(workspace, scale, nation)
    return scale


def _seed_nation(workspace, scale, nation):
    with transaction.atomic():
        locked = PayScale.objects.select_for_update().get(pk=scale.pk)
        if nation in nation_codes(locked.seeded_nations):
            return
        have = set(for_workspace(PayBand, workspace).filter(nation=nation).values_list("code_key", flat=True))
        bands = [_band_from_default(workspace, plain, nation) for plain in pay_bands_for_nation(nation)]
        bands = [band for band in bands if band_key(band.code) not in have]
        for band in bands:
            band.save()
        scale.seeded_nations = locked.seeded_nations = ",".join(nation_codes(f"{locked.seeded_nations},{nation}"))
        fields = ["seeded_nations"]
        if locked.default_band_id is None and nation == pay_nation(workspace):
            scale.default_band = locked.default_band = next((b for b in bands if b.code == DEFAULT_BAND_CODE), None)
            fields.append("default_band")
        if nation != pay_nation(workspace):
            scale.seeded_from = locked.seeded_from = f"{locked.seeded_from} {seeded_from_text(nation)}".strip()
            fields.append("seeded_from")
        locked.save(update_fields=fields)


@dataclass(frozen=True)
class Rates:
    """Hourly costs in pence for every live band of a workspace, by nation and
    code key, and the default for people without a (known) band.

    ``nation`` is the workspace's first nation, used for people whose
    organisation names none. The default is ``default_pence`` in that nation;
    in another nation it is the hourly cost the workspace set, or its own band
    with the default band's code (AfC 8a of NHS Wales, say), or none."""

    by_key: dict
    default_pence: int | None
    default_rate: Decimal | None
    default_label: str
    scales: tuple = ()
    nation: str = ENGLAND
    defaults_by_nation: dict = field(default_factory=dict)
    scales_by_nation: dict = field(default_factory=dict)
    hourly_default_pence: int | None = None  # the workspace's default hourly cost, if set
    # nations_costed(workspace) as read with these rates: a ledger page asks for them
    # five times (seeding, the scales, the note, the other nations' scales, what is missing).
    costed_nations: tuple = ()

    def pence_for(self, code, nation=None):
        return self.by_key.get((nation or self.nation, band_key(code))) if code else None

    def default_pence_in(self, nation=None):
        nation = nation or self.nation
        if nation == self.nation:
            return self.default_pence
        return self.defaults_by_nation.get(nation, self.hourly_default_pence)


def rates_for(workspace):
    costed = nations_costed(workspace)
    scale = pay_scale_for(workspace, costed)
    bands = for_workspace(PayBand, workspace).live()
    rows = list(bands.values_list("nation", "code_key", "hourly_pence", "scale"))
    by_key = {(nation, key): pence for nation, key, pence, _scale in rows}
    rate = scale.default_rate
    if scale.default_hourly_cost is not None:
        label = f"£{rate}/h (the workspace default)"
    elif scale.default_band is not None:
        label = f"£{rate}/h ({scale.default_band.code}, the workspace default band)"
    else:
        label = ""
    defaults = {}
    for nation in {nation for nation, *_rest in rows}:
        if scale.default_hourly_cost is not None:
            defaults[nation] = int(scale.default_hourly_cost * 100)
        elif scale.default_band is not None:
            defaults[nation] = by_key.get((nation, scale.default_band.code_key))
    by_nation = {}
    for nation, _key, _pence, name in rows:
        if name:
            by_nation.setdefault(nation, set()).add(name)
    scales = tuple(sorted({name for nation in costed for name in by_nation.get(nation, ())}))
    return Rates(by_key, int(rate * 100) if rate is not None else None, rate, label, scales,
                 pay_nation(workspace), defaults, {n: tuple(sorted(v)) for n, v in by_nation.items()},
                 int(scale.default_hourly_cost * 100) if scale.default_hourly_cost is not None else None,
                 tuple(costed))


def other_nations_scales(workspace, rates):
    """Scales among the workspace's bands of a nation nobody in it is costed in (a
    workspace set up in England and later moved to Scotland keeps England's bands
    until someone removes them): each is said, never silently used."""
    costed = set(rates.costed_nations or nations_costed(workspace))
    return sorted({scale for nation, scales in rates.scales_by_nation.items() if nation not in costed
                   for scale in scales})


def scale_used_note(workspace, rates):
    """One sentence for a ledger or a meeting: which pay scales costed it, for which nations."""
    nation = ", ".join(str(Nation(code).label) for code in rates.costed_nations or nations_costed(workspace))
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
