"""Every audit code the source writes has a readable label of its own: the journal and the
edition's home never show words made from the code ("Milestones generated"). The codes are read
from the source itself, at each `audit.record(…)` and `audit.record_deletion(…)` call: a string,
either string of a conditional, or a code built from a variable (the strings the enclosing
function assigns to it or receives for it as a keyword argument, anywhere in the source)."""

from __future__ import annotations

import ast
from pathlib import Path

import nec
from nec.editions.audit_labels import is_labelled, label

SOURCE = Path(nec.__file__).parent
#: codes built from a model's name: what they can be
BUILT_FROM_MODELS = {
    "programme/services/setup.py": {
        "programme.theme_created",
        "programme.track_created",
        "programme.theme_deleted",
        "programme.track_deleted",
    }
}


def _trees() -> dict[Path, ast.Module]:
    return {
        path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(SOURCE.rglob("*.py"))
    }


def _is_audit_call(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("record", "record_deletion")
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "audit"
        and len(node.args) >= 2
    )


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _strings_for(variable: str, function: ast.FunctionDef, trees) -> set[str]:
    """Strings assigned to `variable` in `function`, or passed for it (by keyword or position)
    in a call of a function of that name anywhere in the source."""
    values = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == variable for t in node.targets
        ):
            values |= _constants(node.value)
    parameters = [argument.arg for argument in function.args.args]
    position = parameters.index(variable) if variable in parameters else None
    for tree in trees.values():
        for call in ast.walk(tree):
            if not (isinstance(call, ast.Call) and _called_name(call) == function.name):
                continue
            given = [k.value for k in call.keywords if k.arg == variable]
            if position is not None and len(call.args) > position:
                given.append(call.args[position])
            for value in given:
                values |= _constants(value)
    return values


def _constants(node: ast.AST) -> set[str]:
    """The strings `node` may be: a string, or either string of a conditional."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _constants(node.body) | _constants(node.orelse)
    return set()


def _values(code: ast.AST, function, trees, where: str) -> set[str]:
    if isinstance(code, ast.Constant) and isinstance(code.value, str):
        return {code.value}
    if isinstance(code, ast.IfExp):
        return _values(code.body, function, trees, where) | _values(
            code.orelse, function, trees, where
        )
    if isinstance(code, ast.Name):
        return _strings_for(code.id, function, trees)
    if isinstance(code, ast.JoinedStr):  # f"app.{action}", f"app.x_{'a' if … else 'b'}"
        if any(
            isinstance(part, ast.FormattedValue) and isinstance(part.value, ast.Attribute)
            for part in code.values
        ):
            return BUILT_FROM_MODELS[where.split(":")[0]]
        built = {""}
        for part in code.values:
            pieces = (
                _values(part.value, function, trees, where)
                if isinstance(part, ast.FormattedValue)
                else {part.value}
            )
            built = {start + piece for start in built for piece in pieces}
        return built
    raise AssertionError(f"{where}: an audit code this test cannot read")


def codes_written() -> dict[str, str]:
    """{audit code: where it is written}."""
    trees = _trees()
    codes = {}
    for path, tree in trees.items():
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in filter(_is_audit_call, ast.walk(function)):
                where = f"{path.relative_to(SOURCE).as_posix()}:{node.lineno}"
                found = _values(node.args[1], function, trees, where)
                assert found, f"{where}: no value found for the audit code"
                codes.update(dict.fromkeys(found, where))
    return codes


def test_the_codes_are_found():
    codes = codes_written()
    assert len(codes) > 150
    assert "programme.session_placed" in codes  # a string
    assert {"programme.offer_created", "programme.offer_changed"} <= set(codes)  # a conditional
    assert "localeditions.documentation_step_done" in codes  # a variable
    assert "localeditions.information_requested" in codes  # f"localeditions.{action}"
    assert "registrations.cancelled" in codes  # f"registrations.{action}", given by a caller


def test_every_audit_code_has_its_own_label():
    missing = {code: where for code, where in codes_written().items() if not is_labelled(code)}
    assert not missing, "audit codes without a label: " + ", ".join(
        f"{code} ({where}: {label(code)!r})" for code, where in sorted(missing.items())
    )
