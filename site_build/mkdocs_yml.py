"""mkdocs.yml, read and validated as MkDocs reads it, each mistake explained on its line.

MkDocs reads mkdocs.yml before it loads any of our code, and says what is wrong in its own words
with no line number; so the commands editors run (scripts/serve, scripts/check, the preview's
rebuilds) check it here first. The menu (`nav:`) and the files the theme loads are checked here too.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.plugins import get_plugins
from mkdocs.utils.yaml import get_yaml_loader

from site_build.checks import _yaml_mistake


def check(path: Path) -> tuple[MkDocsConfig | None, list[str]]:
    """The validated settings, or None and one line per problem."""
    shown = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None, [f"{shown}: there is no such file here; run the command in the project's folder, or restore {shown} from Git"]
    except UnicodeDecodeError:
        return None, [f"{shown}: is not saved as UTF-8 text; save it again as UTF-8"]
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(r"^ *\t", line):
            return None, [f"{shown}: line {number}: starts with a tab; indent with spaces only"]
    config = MkDocsConfig(config_file_path=str(path))
    try:
        tree, data = _parse(text, config)
    except yaml.MarkedYAMLError as error:
        return None, [f"{shown}: {_yaml_mistake(error, text, 0)}"]
    try:
        if isinstance(data, dict) and "INHERIT" in data:
            with path.open("rb") as source:
                config.load_file(source)  # MkDocs' own reading merges the inherited file
        else:
            config.load_dict(data if isinstance(data, dict) else {})
    except ConfigurationError as error:
        return None, [f"{shown}: {str(error).splitlines()[0]}; fix it, or restore {shown} from Git"]
    errors, warnings = config.validate()
    said = errors + (warnings if config.strict else [])  # strict: MkDocs refuses on a warning too
    if not said:
        return config, []
    lines = []
    for key, message in said:
        line = Settings(shown, tree, config).explain(key, str(message))
        if line not in lines:
            lines.append(line)
    return None, lines


def _parse(text: str, config: MkDocsConfig) -> tuple[yaml.Node | None, object]:
    loader = get_yaml_loader(config=config)(text)
    try:
        tree = loader.get_single_node()
        return tree, loader.construct_document(tree) if tree is not None else None
    finally:
        loader.dispose()


def tree_of(path: Path, config: MkDocsConfig) -> yaml.Node | None:
    """mkdocs.yml's YAML nodes, which know their lines."""
    return _parse(path.read_text(encoding="utf-8-sig"), config)[0]


# MkDocs' words for the mistakes editors make most, and ours.
_EXPLAINED: list[tuple[re.Pattern, str]] = [
    (re.compile(r"Unrecognised configuration name: (?P<name>.+)"),
     "'{name}' is not a setting MkDocs knows; check its spelling{hint}"),
    (re.compile(r"Plugin '(?P<plugin>[^']+)' option '(?P<name>[^']+)': Unrecognised configuration name: .*"),
     "plugins → {plugin}: '{name}' is not a setting of this plugin; check its spelling{hint}"),
    (re.compile(r"Plugin '(?P<plugin>[^']+)' option '(?P<name>[^']+)': (?P<what>.*)", re.S),
     "plugins → {plugin}: {name}: {what}; write it as the plugin's documentation shows"),
    (re.compile(r'The "(?P<plugin>[^"]+)" plugin is not installed'),
     "plugins: '{plugin}' is not a plugin this site has; check its spelling{hint}"),
    (re.compile(r"Plugin '(?P<plugin>[^']+)' was specified multiple times.*"),
     "plugins: '{plugin}' is listed twice; keep one"),
    (re.compile(r"Expected nav.*|.*nav item.*", re.S),
     "nav: this menu entry is not written like the others; write it as '- Menu label: page-name.md'"),
]


class Settings:
    """Puts MkDocs' complaint about one setting on the line it is about, in an editor's words."""

    def __init__(self, shown: str, tree: yaml.Node | None, config: MkDocsConfig):
        self.shown, self.tree, self.config = shown, tree, config

    def explain(self, key: str, message: str) -> str:
        for pattern, template in _EXPLAINED:
            if match := pattern.fullmatch(message.strip()):
                parts = match.groupdict()
                node = self._node(key, parts)
                what = template.format(**parts, hint=self._hint(key, parts))
                break
        else:
            node = self._mentioned(key, message)
            what = f"{key}: {message.strip().splitlines()[0].rstrip('.')}; compare it with the lines around it, or restore {self.shown} from Git"
        line = f"line {node.start_mark.line + 1}: " if node is not None else ""
        return f"{self.shown}: {line}{what}"

    def _node(self, key: str, parts: dict) -> yaml.Node | None:
        if "plugin" in parts:
            entry = self._plugin_entry(parts["plugin"])
            if entry is not None and parts.get("name"):
                return _key_node(entry[1], parts["name"]) or entry[0]
            return entry[0] if entry else _key_node(self.tree, key)
        if key == parts.get("name"):
            return _key_node(self.tree, key)
        return self._mentioned(key, " ".join(parts.values()))

    def _plugin_entry(self, name: str) -> tuple[yaml.Node, yaml.Node | None] | None:
        """The plugin's name node under `plugins:` and its settings, written `- name` or `- name: {...}`."""
        plugins = _value_node(self.tree, "plugins")
        items = plugins.value if isinstance(plugins, (yaml.SequenceNode, yaml.MappingNode)) else []
        for item in items:
            if isinstance(item, tuple):
                key, value = item
            elif isinstance(item, yaml.MappingNode) and item.value:
                key, value = item.value[0]
            else:
                key, value = item, None
            if isinstance(key, yaml.ScalarNode) and (key.value == name or name.endswith("/" + key.value)):
                return key, value
        return None

    def _mentioned(self, key: str, message: str) -> yaml.Node | None:
        """The first node under `key` whose text the message quotes, else the key itself."""
        words = set(re.findall(r"'([^']*)'|\"([^\"]*)\"", message)) | {(w, "") for w in re.findall(r": (\S+)$", message.strip())}
        quoted = {w for pair in words for w in pair if w}
        for node in _walk(_value_node(self.tree, key)):
            if isinstance(node, yaml.ScalarNode) and node.value in quoted:
                return node
        return _key_node(self.tree, key)

    def _hint(self, key: str, parts: dict) -> str:
        name = parts.get("name") or parts.get("plugin")
        if "plugin" in parts and "name" in parts:
            plugin = self.config.plugins.get(parts["plugin"]) if self.config.plugins else None
            known = [option for option, _ in getattr(plugin, "config_scheme", ())]
        elif "plugin" in parts:
            known = sorted({n.split("/")[-1] for n in get_plugins()})
        else:
            known = [option for option, _ in MkDocsConfig._schema]
        close = difflib.get_close_matches(str(name), known, n=1)
        return f" (did you mean '{close[0]}'?)" if close else ""


def _key_node(mapping: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(mapping, yaml.MappingNode):
        return next((k for k, _ in mapping.value if getattr(k, "value", None) == key), None)
    return None


def _value_node(mapping: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(mapping, yaml.MappingNode):
        return next((v for k, v in mapping.value if getattr(k, "value", None) == key), None)
    return None


def _walk(node: yaml.Node | None) -> Iterator[yaml.Node]:
    if node is None:
        return
    yield node
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _walk(key)
            yield from _walk(value)
