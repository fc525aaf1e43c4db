"""List fields share one empty, read-only default instead of a deep copy per instance."""

import pickle

import pytest

from mktorg.model import Department, Role
from mktorg.model.base import EMPTY


def test_list_defaults_are_the_shared_empty_list() -> None:
    role = Role.model_validate({"title": "专员", "department": "d"})
    department = Department.model_validate({"name": "市场部"})
    assert role.duties is EMPTY and role.kpis is EMPTY and department.functions is EMPTY
    assert role.duties == [] and isinstance(role.duties, list) and not role.duties


def test_the_shared_default_cannot_change() -> None:
    role = Role.model_validate({"title": "专员", "department": "d"})
    with pytest.raises(TypeError):
        role.duties.append("负责市场调研")
    with pytest.raises(TypeError):
        role.kpis += []
    assert EMPTY == []


def test_given_lists_are_kept_and_models_pickle() -> None:
    role = Role.model_validate({"title": "专员", "department": "d", "duties": ["负责市场调研"]})
    assert role.duties == ["负责市场调研"] and role.duties is not EMPTY
    assert pickle.loads(pickle.dumps(role)) == role


def test_models_share_their_set_of_given_keys_and_copies_get_their_own() -> None:
    a = Role.model_validate({"title": "专员", "department": "d"})
    b = Role.model_validate({"title": "经理", "department": "e"})
    assert a.model_fields_set is b.model_fields_set == {"title", "department"}
    c = a.model_copy(update={"level": "P5"})
    assert c.model_fields_set == {"title", "department", "level"} and a.model_fields_set == {"title", "department"}
    assert pickle.loads(pickle.dumps(a)).model_fields_set is a.model_fields_set
