"""How sectors are grouped when a partnership's mix is judged."""

# Sectors grouped as a partnership's mix is usually judged: every NHS sector
# is "the NHS", every council department "the council".
SECTOR_GROUPS = {
    "nhs_acute": "NHS", "nhs_community": "NHS", "nhs_mental_health": "NHS",
    "nhs_primary_care": "NHS", "hsc_trust": "health and social care trust",
    "council_adult_social_care": "council", "council_childrens_services": "council",
    "council_housing": "council", "council_education": "council",
    "council_public_health": "council", "council_other": "council",
    "police": "police", "fire": "fire and rescue", "voluntary_community": "voluntary and community",
    "user_led": "user-led", "private_provider": "private providers", "academic": "academic",
    "other": "other",
}
