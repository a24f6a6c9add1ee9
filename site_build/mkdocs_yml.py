"""mkdocs.yml, read and validated as MkDocs reads it, each mistake explained on its line.

MkDocs reads mkdocs.yml before it loads any of our code, and says what is wrong in its own words
with no line number; so the commands editors run (scripts/serve, scripts/check, the preview's
rebuilds) check it here first. The menu (`nav:`) and the files the theme loads are checked here too.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING

import markdown
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.plugins import get_plugins
from mkdocs.utils import get_theme_names
from mkdocs.utils.yaml import get_yaml_loader

from site_build import content
from site_build.checks import _key, _written_twice, _yaml_mistake, compose

if TYPE_CHECKING:
    from site_build.check import Sources


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
    config = MkDocsConfig(config_file_path=os.path.abspath(path))
    try:
        tree, data = _parse(text, config)
    except yaml.MarkedYAMLError as error:
        if error.problem == "could not find expected ':'" and error.context_mark:
            error.problem_mark = error.context_mark  # the line whose name lost its colon, not the next one
        if quote := _unclosed_quote(text, (error.problem_mark or error.context_mark).line + 1):
            return None, [f"{shown}: line {quote}: this is not valid YAML; a quote is opened here but never closed"]
        return None, [f"{shown}: {_yaml_mistake(error, text, 0).replace('a line is missing', 'this line is missing')}"]
    if twice := _written_twice(tree):  # YAML would keep the second silently (a plugin's settings, say)
        return None, [f"{shown}: line {twice[2]}: {_key(twice[0])}: is written twice, on lines {twice[1]} and {twice[2]}; "
                      "keep one and delete the other"]
    try:
        if isinstance(data, dict) and "INHERIT" in data:
            with path.open("rb") as source:
                config.load_file(source)  # MkDocs' own reading merges the inherited file
        else:
            config.load_dict(data if isinstance(data, dict) else {})
    except ConfigurationError as error:
        return None, [f"{shown}: {str(error).splitlines()[0]}; fix it, or restore {shown} from Git"]
    errors, warnings = config.validate()
    # The site is built strictly, where MkDocs refuses on a warning too (and a misspelt `strict:` is one).
    said = errors + warnings
    if not said:
        return config, []
    lines = []
    for key, message in said:
        line = Settings(shown, tree, config).explain(key, str(message))
        if line not in lines:
            lines.append(line)
    return None, lines


def _unclosed_quote(text: str, before: int) -> int | None:
    """The line before `before` that opens a double quote it does not close: YAML reads on to the
    next quote, many lines later, and complains there."""
    for number, line in enumerate(text.splitlines()[:before], start=1):
        if not line.lstrip().startswith("#") and line.count('"') - line.count('\\"') & 1:
            return number
    return None


def _parse(text: str, config: MkDocsConfig) -> tuple[yaml.Node | None, object]:
    # MkDocs' own loader, read by libyaml (a 900-page menu took 0.5 s a reading in Python).
    loader, tree = compose(text, get_yaml_loader(config=config), get_yaml_loader(yaml.CLoader, config=config))
    try:
        return tree, loader.construct_document(tree) if tree is not None else None
    finally:
        loader.dispose()


def tree_of(path: Path, config: MkDocsConfig) -> yaml.Node | None:
    """mkdocs.yml's YAML nodes, which know their lines."""
    return _parse(path.read_text(encoding="utf-8-sig"), config)[0]


# What a setting of each type looks like, for "Expected type: <class 'bool'> …".
_KINDS = {"bool": "true or false", "int": "a whole number", "float": "a number", "str": "text",
          "list": "a list, one '- ' line per item", "dict": "'name: value' lines"}


def _options(config: MkDocsConfig, parts: dict) -> list[str]:
    plugin = config.plugins.get(parts["plugin"]) if config.plugins else None
    return [option for option, _ in getattr(plugin, "config_scheme", ())]


def _extension_options(config: MkDocsConfig, parts: dict) -> list[str]:
    try:
        return list(markdown.Markdown().build_extension(parts["extension"], {}).getConfigs())
    except Exception:  # an extension that cannot load has no options to suggest
        return []


def _extensions(config: MkDocsConfig, parts: dict) -> list[str]:
    return [entry.name for entry in entry_points(group="markdown.extensions")]


@dataclass(frozen=True)
class _Rule:
    says: re.Pattern  # MkDocs' words
    means: str  # ours, with the pattern's parts, the setting's {key} and a {hint} ("did you mean …?")
    known: Callable[[MkDocsConfig, dict], list[str]] | None = None  # the names the hint chooses from


_RULES = [
    _Rule(re.compile(r"Unrecognised configuration name: (?P<name>.+)"),
          "'{name}' is not a setting MkDocs knows; check its spelling{hint}",
          lambda config, parts: [option for option, _ in MkDocsConfig._schema]),
    _Rule(re.compile(r"Plugin '(?P<plugin>[^']+)' option '(?P<name>[^']+)': Unrecognised configuration name: .*"),
          "plugins → {plugin}: '{name}' is not a setting of this plugin; check its spelling{hint}", _options),
    _Rule(re.compile(r"Plugin '(?P<plugin>[^']+)' option '(?P<name>[^']+)': (?P<what>.*)", re.S),
          "plugins → {plugin}: {name}: {what}; write it as the documentation of the plugin shows"),
    _Rule(re.compile(r'The "(?P<plugin>[^"]+)" plugin is not installed'),
          "plugins: '{plugin}' is not a plugin this site has; check its spelling{hint}",
          lambda config, parts: sorted({name.split("/")[-1] for name in get_plugins()})),
    _Rule(re.compile(r"Plugin '(?P<plugin>[^']+)' was specified multiple times(?P<again>).*", re.S),
          "plugins: '{plugin}' is listed twice; keep one"),
    _Rule(re.compile(r"Failed to load extension '(?P<extension>[^']+)'\.\s.*KeyError: '(?P<name>[^']+)'", re.S),
          "markdown_extensions → {extension}: '{name}' is not a setting of this extension; check its spelling{hint}",
          _extension_options),
    _Rule(re.compile(r"Failed to load extension '(?P<name>[^']+)'\..*", re.S),
          "markdown_extensions: '{name}' is not a Markdown extension this site has; check its spelling{hint}", _extensions),
    _Rule(re.compile(r"Unrecognised theme name: '(?P<name>[^']+)'.*", re.S),
          "theme: '{name}' is not a theme this site has; check its spelling{hint}",
          lambda config, parts: sorted(get_theme_names())),
    _Rule(re.compile(r"The path (?:set in \w+ \()?'(?P<name>[^']+)'\)? (?:isn't an existing|does not exist).*", re.S),
          "{key}: '{name}' is not in the project; check its spelling, or restore it from Git"),
    _Rule(re.compile(r"Expected type: <class '(?P<want>\w+)'> but received: <class '\w+'>"),
          "{key}: this should be {kind}; write it like the lines around it"),
    _Rule(re.compile(r"Expected nav item to be a string or dict, got a \w+: (?P<value>.*)"
                     r"|Expected nav item to be a dict of size 1, got dict with keys \('(?P<entry>[^']*)'.*"
                     r"|Expected nav.*|.*nav item.*", re.S),
          "nav: this menu entry is not written like the others; write it as '- Menu label: page-name.md'"),
]


class Settings:
    """Puts MkDocs' complaint about one setting on the line it is about, in an editor's words."""

    def __init__(self, shown: str, tree: yaml.Node | None, config: MkDocsConfig):
        self.shown, self.tree, self.config = shown, tree, config
        self.root = Path(config.config_file_path).parent

    def explain(self, key: str, message: str) -> str:
        message = message.replace(f"{self.root}{os.sep}", "")  # the project's own paths, as written
        for rule in _RULES:
            if match := rule.says.fullmatch(message.strip()):
                parts = match.groupdict()
                hint = self._hint(parts.get("name") or parts["plugin"], rule.known(self.config, parts)) if rule.known else ""
                node = self._node(key, parts)
                if "plugin" in parts and (entries := self._plugin_entries(parts["plugin"])):
                    parts["plugin"] = entries[0][0].value  # as written: 'search', not 'material/search'
                what = rule.means.format(**parts, key=key, hint=hint, kind=_KINDS.get(parts.get("want"), parts.get("want")))
                break
        else:
            what = f"{key}: {message.strip().splitlines()[0].rstrip('.')}; compare it with the lines around it, or restore {self.shown} from Git"
            node = self._mentioned(key, re.findall(r"'([^']+)'", message))
        line = f"line {node.start_mark.line + 1}: " if node is not None else ""
        return f"{self.shown}: {line}{what}"

    def _node(self, key: str, parts: dict) -> yaml.Node | None:
        if "plugin" in parts:
            entries = self._plugin_entries(parts["plugin"])
            if not entries:
                return _key_node(self.tree, key)
            name, settings = entries[-1] if "again" in parts else entries[0]  # listed twice: the second
            return (_key_node(settings, parts["name"]) if parts.get("name") else None) or name
        if key == parts.get("name"):
            return _key_node(self.tree, key)
        return self._mentioned(key, [parts.get("name"), *parts.values()])

    def _plugin_entries(self, name: str) -> list[tuple[yaml.Node, yaml.Node | None]]:
        """The plugin's name nodes under `plugins:` and their settings, written `- name` or `- name: {...}`."""
        plugins = _value_node(self.tree, "plugins")
        items = plugins.value if isinstance(plugins, (yaml.SequenceNode, yaml.MappingNode)) else []
        found = []
        for item in items:
            if isinstance(item, tuple):
                key, value = item
            elif isinstance(item, yaml.MappingNode) and item.value:
                key, value = item.value[0]
            else:
                key, value = item, None
            if isinstance(key, yaml.ScalarNode) and (key.value == name or name.endswith("/" + key.value)):
                found.append((key, value))
        return found

    def _mentioned(self, key: str, words: list[str]) -> yaml.Node | None:
        """The first node under `key` with the first of `words` that is there, else the key itself."""
        nodes = [node for node in _walk(_value_node(self.tree, key)) if isinstance(node, yaml.ScalarNode)]
        for word in filter(None, words):
            if found := next((node for node in nodes if node.value == word), None):
                return found
        return _key_node(self.tree, key)

    @staticmethod
    def _hint(name: str, known: list[str]) -> str:
        close = difflib.get_close_matches(name, known, n=1)
        return f" (did you mean '{close[0]}'?)" if close else ""


def _key_node(mapping: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(mapping, yaml.MappingNode):
        return next((k for k, _ in mapping.value if getattr(k, "value", None) == key), None)
    return None


def _value_node(mapping: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(mapping, yaml.MappingNode):
        return next((v for k, v in mapping.value if getattr(k, "value", None) == key), None)
    return None


def _walk(node: yaml.Node | None, *, keys: bool = True) -> Iterator[yaml.Node]:
    """The node and every node under it, in the order of the file (with the names of mappings, or not)."""
    if node is None:
        return
    yield node
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item, keys=keys)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if keys:
                yield from _walk(key)
            yield from _walk(value, keys=keys)


# --- Checks of what mkdocs.yml lists (run with the others, from site_build.check) ----------------------


def menu(sources: Sources) -> list[str]:
    """A page listed twice in the menu: two entries, one page, and one of them leads nowhere new. A
    menu label with markup in it: the theme copies labels into every page as they are written."""
    settings = Path(sources.config.config_file_path)
    nav = _value_node(sources.settings_tree, "nav")
    labels = [key for node in _walk(nav) if isinstance(node, yaml.MappingNode)
              for key, _ in node.value if isinstance(key, yaml.ScalarNode)]
    marked = [f"{sources.shown(settings)}: line {key.start_mark.line + 1}: nav: the menu label '{key.value}' has "
              "markup in it (< or >), which every page would carry as code; write the label in plain words"
              for key in labels if re.search(r"[<>]", key.value)]
    if marked:
        return marked
    # The menu's pages: 'page.md' or 'Label: page.md', not its labels, not web addresses.
    pages = [node for node in _walk(nav, keys=False)
             if isinstance(node, yaml.ScalarNode) and not re.match(r"[a-z][a-z0-9+.-]*:|//", node.value, re.I)]
    seen: dict[str, int] = {}
    lines = []
    for node in pages:
        page, line = posixpath.normpath(node.value.strip()), node.start_mark.line + 1
        if page in seen:
            lines.append(f"{sources.shown(settings)}: line {line}: nav: '{node.value}' is in the menu twice "
                         f"(also on line {seen[page]}); keep one of the two lines")
        else:
            seen[page] = line
    return lines


def theme_files(sources: Sources) -> list[str]:
    """The stylesheets, scripts and pictures mkdocs.yml adds to every page come from this site."""
    config = sources.config
    named = [("extra_css", str(path)) for path in config.extra_css]
    named += [("extra_javascript", getattr(script, "path", str(script))) for script in config.extra_javascript]
    named += [(f"theme → {key}", config.theme[key]) for key in ("favicon", "logo") if config.theme.get(key)]
    tree = sources.settings_tree
    lines = []
    for key, url in named:
        if content.address(url, sources.site_url).kind == "elsewhere":
            node = next((n for n in _walk(tree) if isinstance(n, yaml.ScalarNode) and n.value == url), None)
            line = f"line {node.start_mark.line + 1}: " if node else ""
            lines.append(f"{sources.shown(Path(config.config_file_path))}: {line}{key}: {content.elsewhere('the file', url)}")
    return lines
