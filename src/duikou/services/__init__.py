"""The one API that the CLI (and later a web app and batch jobs) call.

Every entry point takes the ledger as an SQLAlchemy engine or a database URL. A build tells its progress
and problems to an :class:`Events` sink (none given: :class:`QuietEvents`, the problems stay in the summary)::

    from duikou import services

    summary = services.build(["reports/"], db="sqlite:///ledger.db")
    profile = services.show("sqlite:///ledger.db", name_or_code)  # a region's name or code, a party's name

The modules: :mod:`~duikou.services.build` (build, prune, undo a retraction), :mod:`~duikou.services.views`
(profiles and lists as plain data), :mod:`~duikou.services.review` (judgements, retraction by hand),
:mod:`~duikou.services.export`, :mod:`~duikou.services.pipeline` (reading and extracting without a ledger).
"""
from __future__ import annotations

from duikou.runreport import Events, QuietEvents
from duikou.services.build import BuildSummary, build
from duikou.services.export import export
from duikou.services.review import judge, retract
from duikou.services.views import Profile, pairings, show

__all__ = ["build", "BuildSummary", "show", "Profile", "pairings", "export", "judge", "retract", "Events",
           "QuietEvents"]
