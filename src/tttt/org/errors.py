"""Why the unit tree refuses a change (codes of its ValidationErrors)."""

from enum import StrEnum


class OrgError(StrEnum):
    PROVINCE_HAS_NO_PARENT = "province_has_no_parent"
    PARENT_MISSING = "parent_missing"
    PARENT_IN_OWN_SUBTREE = "parent_in_own_subtree"
