"""The cost facts of a partnership kept in this process for the partnership page (issue 19).

Working out a partnership's cost facts (meetings/review_facts.py) costs the page a third of
its CPU at national scale: the costing SQL of its attendance lines, the pay bands of the
workspace and the people at its meetings who sit in many partnerships. They change only
when a record they are read from does, so the page keeps them, by partnership and day,
with a fingerprint of every such record, asked of the database on each view:

- the kept network figures' fingerprint of the workspace (network/kept.py): partnerships,
  outcomes, organisations (their nation), people (pay band, organisation, name),
  memberships, and every meeting of the workspace, with its attendance (an attendance
  line saved or deleted marks its meeting changed: network/signals.py). The page asks
  it anyway for its network facts, once (`fingerprints_held`);
- the workspace's pay bands, pay scale settings and nations, and the partnership's
  decisions (`meetings.review_facts.sources`).

Facts kept under a fingerprint the database no longer gives are never used: the page
never shows cost facts older than its records. Reviews (services.py) work them out
afresh, as before."""

import hashlib
import threading
from collections import OrderedDict, defaultdict

from joinedup.meetings import review_facts as cost_facts
from joinedup.network import kept as kept_network

# Cost facts already worked out, by (partnership id, day, fingerprint): at most this many
# partnerships' (the least recently used go first). Each is a few kB.
_KEPT = OrderedDict()
KEPT_PARTNERSHIPS = 256
# Held while _KEPT is read or changed: a threaded server's requests share it.
_LOCK = threading.Lock()
# Kept for a partnership without meetings, whose cost facts are None.
_NONE = object()


def fingerprint(workspace, partnership_ids):
    """Changes whenever a record the partnerships' cost facts are read from changes."""
    parts = [kept_network.fingerprint(workspace), workspace.nations,
             cost_facts.sources(workspace, partnership_ids)]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def cost_facts_for(partnerships, as_of):
    """`meetings.review_facts.facts_for`, from the facts kept for the partnerships that
    have not changed since, worked out (and kept) for the others."""
    by_workspace = defaultdict(list)
    for partnership in partnerships:
        by_workspace[partnership.workspace_id].append(partnership)
    found = {}
    for group in by_workspace.values():
        seen = fingerprint(group[0].workspace, [p.id for p in group])
        keys = {p.id: (p.id, as_of, seen) for p in group}
        with _LOCK:
            facts = {p.id: _KEPT.get(keys[p.id]) for p in group}
        missing = [p for p in group if facts[p.id] is None]
        # Worked out outside the lock: other requests read what is kept meanwhile.
        worked_out = cost_facts.facts_for(missing, as_of) if missing else {}
        with _LOCK:
            for p in missing:
                facts[p.id] = _KEPT[keys[p.id]] = worked_out.get(p.id, _NONE)
            for p in group:
                if keys[p.id] in _KEPT:
                    _KEPT.move_to_end(keys[p.id])
            while len(_KEPT) > KEPT_PARTNERSHIPS:
                _KEPT.popitem(last=False)
        found.update({pid: f for pid, f in facts.items() if f is not _NONE})
    return found
