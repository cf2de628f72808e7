"""YAML loading that refuses duplicate keys instead of silently keeping the last."""

from __future__ import annotations

import yaml


class DuplicateKeyError(yaml.MarkedYAMLError):
    """A mapping names the same key twice."""


class StrictLoader(yaml.SafeLoader):
    """SafeLoader that raises on duplicate mapping keys."""

    def construct_mapping(self, node, deep=False):
        """Build a mapping, refusing a key seen before in it."""
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, (str, int, bool, float)) and key in seen:
                raise DuplicateKeyError(
                    "while reading a mapping", node.start_mark,
                    f"duplicate key {key!r}", key_node.start_mark)
            if isinstance(key, (str, int, bool, float)):
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load(text: str):
    """Parse YAML text strictly (duplicate keys are errors)."""
    return yaml.load(text, Loader=StrictLoader)  # noqa: S506 - StrictLoader is a SafeLoader
