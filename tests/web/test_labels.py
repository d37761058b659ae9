"""web/labels.yaml: every value the schema allows has a Chinese word, lookups fall back to the value, and
templates word values through the ``label`` filter."""
from __future__ import annotations

import re

import pytest

from duikou.errors import ConfigError
from duikou.schema import FACT_KINDS, fact_types
from duikou.services.lists import KINDS
from duikou.services.users import ROLES
from duikou.web import labels
from duikou.web.labels import ENUM_GROUPS, label
from duikou.web.templating import templates

HAN = re.compile(r"[\u4e00-\u9fff]")


def test_every_enum_value_of_the_schema_has_a_chinese_word() -> None:
    types = fact_types()
    enums = {(k, p.name) for k, t in types.items() for p in t.properties if p.enum}
    assert enums == set(ENUM_GROUPS), "a new enum property needs its group in labels.ENUM_GROUPS and labels.yaml"
    for (kind, prop), group in ENUM_GROUPS.items():
        for value in types[kind].prop(prop).enum or ():
            assert HAN.search(label(group, value)), (group, value)


def test_kinds_lists_properties_and_roles_are_worded() -> None:
    for kind in FACT_KINDS:
        assert HAN.search(label("kind", kind)), kind
        for p in fact_types()[kind].properties:
            assert HAN.search(label("field", p.name)), (kind, p.name)
    for kind in KINDS:
        assert HAN.search(label("list", kind)), kind
    for role in ROLES:
        assert HAN.search(label("user_role", role)), role


def test_every_group_maps_text_to_chinese_text() -> None:
    for group in labels.groups():
        table = labels.labels(group)
        assert table, group
        assert all(isinstance(k, str) and HAN.search(v) for k, v in table.items()), group


def test_unknown_values_fall_back_and_unknown_groups_are_errors() -> None:
    assert label("program", "east_west") == "东西部协作"
    assert label("program", "something_new") == "something_new"
    assert label("side", None) == ""
    assert label("program", 7) == "7"
    with pytest.raises(ConfigError, match="no label group"):
        label("no_such_group", "x")
    with pytest.raises(ConfigError, match="no label group"):
        labels.labels("no_such_group")
    labels.labels("program")["east_west"] = "changed"  # a copy: the table itself is unchanged
    assert label("program", "east_west") == "东西部协作"


def test_the_template_filter_and_global() -> None:
    import duikou.web.deps  # noqa: F401 - installs the filter on the one environment

    t = templates.env.from_string('{{ v | label("event_type") }}|{{ labels_of("side")["helper"] }}|{{ x | label("side") }}')
    assert t.render(v="visit", x="<b>") == "考察调研|帮扶方|&lt;b&gt;"  # what falls through is still escaped
