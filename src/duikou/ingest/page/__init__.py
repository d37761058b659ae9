"""Shapes of real news pages around the article text.

A crawler stores a page as one line: ``<date time, 来源…>，正文：原标题：<headline><lead…>``
with the site's credits and footer glued to the end. A lead often opens with a
dateline (``某某网北京7月2日电 (记者 甲)``, ``某某日报讯``, ``某某网消息（新闻联播）：``)
or a byline (``某某客户端 | 记者 乙``). This package finds those parts so that the
layout (:mod:`duikou.ingest.clean`) can keep them out of the article body: they
are metadata (publication date, outlet, authors), never content.

- :mod:`.header`: the crawler's header (its date) and the headline glued to the lead
- :mod:`.lead`: the lead's dateline or byline
- :mod:`.tail`: credits and footers glued to the end of a one-line page
- :mod:`.outlets`: outlet names in datelines, bylines and credits
- :mod:`.patterns`: the patterns, compiled from ``data/page_metadata.yaml`` and ``data/boilerplate.yaml``
- :mod:`.regex`: regex building blocks that keep the scans fast
- :mod:`.spans`: parts of a line cut with one copy (a page may be one line of many megabytes)

Everything works on (start offset, text) pairs so that pieces keep pointing at
the normalised input.
"""
