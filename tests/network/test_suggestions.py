"""Suggestions: who would widen a partnership's mix, the most relevant first."""

import pytest

from joinedup.network.suggestions import sectors_to_seek, suggestions_for

from .webs import DAY, small_web


def test_a_voluntary_group_already_serving_older_people_comes_first():
    found = suggestions_for(small_web(), 2, DAY)
    assert [s.name for s in found] == ["Carers", "Peer group"]
    carers, peers = found
    # Blau of 4 sectors (0.75) less that of 3 (2/3).
    assert carers.diversity_gain == pytest.approx(0.75 - 2 / 3)
    assert peers.diversity_gain == pytest.approx(carers.diversity_gain)
    assert carers.same_people_in == ("Frailty",)
    assert carers.reason == (
        "Adds the voluntary and community sector, which no member is in: a voice from the "
        "community or of the people served; already works with older people in Frailty."
    )
    assert peers.same_people_in == ()


def test_members_and_sectors_that_add_nothing_are_not_suggested():
    web = small_web()
    found = suggestions_for(web, 1, DAY)
    names = [s.name for s in found]
    assert "Hospital" not in names and "Council" not in names
    # Equal gains; the police already work with older people in Discharge.
    assert names == ["Police", "Peer group"]
    assert suggestions_for(web, 3, DAY) == []  # one member of any sector is no mix


def test_absent_community_sectors_are_sought_outside_the_register():
    web = small_web()
    assert sectors_to_seek(web, 2, DAY) == []
    del web.organisations[5]
    assert sectors_to_seek(web, 2, DAY) == [("user_led", "User-led")]
    assert sectors_to_seek(web, 1, DAY) == [("user_led", "User-led")]
