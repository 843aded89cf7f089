"""The object map generated tests share (recorder/writers/object_map.py), without Qt."""

from __future__ import annotations

from pathlib import Path

from recorder.writers.object_map import ObjectMap, object_map

PRICE = "main/central/pages/catalog/splitter/detail/body/price"
CART_MESSAGE = "main/central/pages/cart/message"
DIALOG_MESSAGE = "main/account_dialog/message"


def test_a_name_says_where_the_widget_is_and_stays_once_given(tmp_path: Path) -> None:
    objects = ObjectMap()
    assert objects.name_for(PRICE) == "detail_price"
    assert objects.name_for(CART_MESSAGE) == "cart_message"
    assert objects.name_for(DIALOG_MESSAGE) == "account_dialog_message"
    assert objects.name_for(PRICE) == "detail_price"  # asked again: the same name
    (tmp_path / "objects.py").write_text(objects.source())
    again = ObjectMap.beside(tmp_path / "test_next.py")  # the next test written there
    assert again.paths == objects.paths
    # A path whose short name is taken gets more of its steps; the first keeps its name.
    assert again.name_for("main/other/pages/cart/message") == "pages_cart_message"
    assert again.name_for(CART_MESSAGE) == "cart_message"
    assert object_map(tmp_path / "objects.py").detail_price == PRICE


def test_a_hostile_path_becomes_a_plain_name_and_a_string(tmp_path: Path) -> None:
    """Paths come from a recording, which is untrusted: nothing of one is run."""
    objects = ObjectMap()
    evil = 'main/x"\nimport os  # /1; os.system("touch /tmp/pwned")'
    name = objects.name_for(evil)
    assert name.isidentifier() and not name[0].isdigit()
    assert objects.name_for("main/class") == "w_class"  # "class" is a keyword
    module = tmp_path / "objects.py"
    module.write_text(objects.source())
    namespace: dict[str, object] = {}
    exec(compile(module.read_text(), str(module), "exec"), namespace)
    assert namespace[name] == evil and "os" not in namespace
    # A developer's own code in the module is not run when it is read.
    module.write_text(module.read_text() + '\nraise SystemExit("ran")\n')
    assert object_map(module).w_class == "main/class"
