"""DuckDB model SQL -> Trino SQL, with sqlglot (a maintained transpiler): the one place where the two dialects'
differences are handled. Each model keeps one source, its DuckDB .sql file; this turns it into Trino's dialect
when the models run on Trino (warehouse/trino/run-trino-models.ts), never into a second copy in the repository.

Protocol: one JSON request per line on stdin, one JSON answer per line on stdout.
  request  {"sql": "...", "schema": {"db": {"table": {"column": "type"}}}, "schemas": {"raw": "p_raw", ...}}
  answer   {"sql": "...", "params": [2, 1, ...]} or {"error": "..."}
The readers' queries (warehouse/trino/trino-figures.ts) bind parameters as DuckDB's $1, $2 …: they come out as
Trino's ?, and `params` lists which $n each ? is, in the order of the text (Trino binds by position).
The schema (the columns of the tables the model reads) lets sqlglot expand DuckDB's `* exclude (...)`,
`* rename (...)` and stars under QUALIFY, which Trino does not have; `schemas` renames the model's schemas (one
set of schemas per lake in Trino).

What sqlglot does not know, or does differently from what the models mean, is rewritten here (the list is the
README's "DuckDB-only"):
  - timezone(zone, ts) (DuckDB: the local time ts in zone, as an instant) -> with_timezone(ts, zone);
  - isodow(d) -> day_of_week(d);
  - ltrim(x, chars), rtrim(x, chars), trim(x, chars) (Trino 368 has no characters argument) -> regexp_replace of
    a run of them at that end;
  - generate_series(a, b[, step]) when b is before a (DuckDB: no values; Trino's sequence counts down, or fails
    with a step) -> an empty array; median(x) -> quantile_cont(x, 0.5), below;
  - date + n, date - n (days) -> date_add('day', n, date); date + time -> that timestamp;
  - generate_series(a, b, interval) as a table -> unnest(sequence(a, b, interval));
  - agg(x) filter (where c) over (...) -> agg(case when c then x end) over (...);
  - to_days(n), to_months(n), to_seconds(n) -> n * interval '1' day (month, second);
  - group by all -> group by the positions of the selected expressions that are not aggregates;
  - quantile_cont(x, p) and quantile_cont(x, [p, q]) (exact; Trino has approx_percentile only) -> the same
    formula over the sorted values: with n values, h = (n - 1) p, x[floor h + 1] + (h - floor h) (x[floor h + 2] -
    x[floor h + 1]), as DuckDB computes it (and warehouse/trino/engine-figures.ts from ranks).
"""
import json
import re
import sys

import sqlglot
from sqlglot import exp
from sqlglot.optimizer.annotate_types import annotate_types
from sqlglot.optimizer.qualify import qualify


def interval_times(n: exp.Expression, unit: str) -> exp.Expression:
    return exp.Paren(this=exp.Mul(this=exp.Paren(this=n.copy()), expression=exp.Interval(this=exp.Literal.string("1"), unit=exp.Var(this=unit))))


def regex_class(chars: str) -> str:
    """The characters as a regular-expression class (Java's, which Trino uses)."""
    return "[" + "".join("\\" + c if c in "\\[]^-&" else c for c in chars) + "]+"


def trim_chars(node: exp.Trim) -> exp.Expression:
    """trim with characters (ltrim/rtrim/trim(x, chars)) -> regexp_replace of a run of them at that end or both."""
    chars = node.args.get("expression")
    if not isinstance(chars, exp.Literal) or not chars.is_string:
        raise ValueError(f"trim with characters that are not a constant: {node.sql('duckdb')}")
    cls = regex_class(chars.this)
    position = (node.args.get("position") or "BOTH").upper()
    pattern = {"LEADING": f"^{cls}", "TRAILING": f"{cls}$"}.get(position, f"^{cls}|{cls}$")
    return exp.RegexpReplace(this=node.this.copy(), expression=exp.Literal.string(pattern), replacement=exp.Literal.string(""))


def empty_when_backwards(node: exp.Expression) -> exp.Expression:
    """generate_series(a, b[, step]) -> if b is past a (against the step), an empty array of the same type."""
    if not isinstance(node, exp.GenerateSeries):
        return node
    start, end, step = node.args["start"], node.args["end"], node.args.get("step")
    forward = exp.LTE(this=start.copy(), expression=end.copy())
    if step is None or step.find(exp.Interval):
        ok = forward  # no step (1) or an interval: the models count forward
    else:
        ok = exp.or_(
            exp.and_(forward, exp.GT(this=step.copy(), expression=exp.Literal.number(0))),
            exp.and_(exp.GTE(this=start.copy(), expression=end.copy()), exp.LT(this=step.copy(), expression=exp.Literal.number(0))),
        )
    one = exp.GenerateSeries(start=start.copy(), end=start.copy(), step=step.copy() if step else exp.Literal.number(1))
    empty = exp.Anonymous(this="slice", expressions=[one, exp.Literal.number(1), exp.Literal.number(0)])
    return exp.If(this=ok, true=node, false=empty)


def rewrite(node: exp.Expression) -> exp.Expression:
    # generate_series(a, b, step) in FROM (DuckDB: a table whose column is generate_series) -> an unnest of the
    # sequence under that name, so references to generate_series resolve as in DuckDB.
    if isinstance(node, exp.Table) and isinstance(node.this, exp.GenerateSeries):
        return exp.Unnest(
            expressions=[node.this.copy()],
            alias=exp.TableAlias(this=exp.to_identifier("generate_series"), columns=[exp.to_identifier("generate_series")]),
        )
    # agg(x) FILTER (WHERE c) OVER (...) (Trino: no FILTER on window functions) -> agg(CASE WHEN c THEN x END) OVER.
    if isinstance(node, exp.Window) and isinstance(node.this, exp.Filter):
        agg = node.this.this.copy()
        cond = node.this.expression.this.copy()
        arg = agg.this
        value = exp.Literal.number(1) if isinstance(arg, exp.Star) or arg is None else arg
        agg.set("this", exp.Case(ifs=[exp.If(this=cond, true=value)]))
        window = node.copy()
        window.set("this", agg)
        return window
    # any_value(x) (sqlglot: arbitrary(x) IGNORE NULLS, which Trino 368 takes only before OVER) -> arbitrary(x),
    # which skips nulls already.
    if isinstance(node, exp.IgnoreNulls) and isinstance(node.this, exp.AnyValue):
        return node.this.copy()
    # to_days(n), to_months(n), to_seconds(n) (DuckDB's interval constructors) -> n * interval '1' day (month, second).
    if isinstance(node, exp.ToDays):
        return interval_times(node.this, "DAY")
    if isinstance(node, exp.Anonymous) and node.name.lower() in ("to_months", "to_seconds") and len(node.expressions) == 1:
        return interval_times(node.expressions[0], "MONTH" if node.name.lower() == "to_months" else "SECOND")
    # group by all (DuckDB: every selected expression that is not an aggregate) -> group by their positions.
    if isinstance(node, exp.Select) and isinstance(node.args.get("group"), exp.Group) and node.args["group"].args.get("all"):
        positions = [
            exp.Literal.number(i + 1)
            for i, e in enumerate(node.expressions)
            if not e.find(exp.AggFunc) and not e.find(exp.Window)
        ]
        node = node.copy()
        node.set("group", exp.Group(expressions=positions))
        return node
    if isinstance(node, exp.Trim) and node.args.get("expression") is not None:
        return trim_chars(node)
    # median(x) is quantile_cont(x, 0.5) in DuckDB: one form for exact_quantile below.
    if isinstance(node, exp.Median):
        return exp.PercentileCont(this=node.this.copy(), expression=exp.Literal.number(0.5))
    if isinstance(node, exp.Anonymous):
        name = node.name.lower()
        if name == "timezone" and len(node.expressions) == 2:
            zone, ts = node.expressions
            return exp.Anonymous(this="with_timezone", expressions=[ts, zone])
        if name == "isodow" and len(node.expressions) == 1:
            return exp.Anonymous(this="day_of_week", expressions=node.expressions)
    return node


def date_arithmetic(node: exp.Expression) -> exp.Expression:
    """date + n and date - n (days, DuckDB) -> date_add('day', n, date): Trino adds only intervals to dates."""
    if isinstance(node, (exp.Add, exp.Sub)):
        left, right = node.this, node.expression
        days = right.type and right.type.is_type(*exp.DataType.INTEGER_TYPES) and not right.find(exp.Interval)
        if left.type and left.type.this == exp.DataType.Type.DATE and days:
            n = right if isinstance(node, exp.Add) else exp.Neg(this=right)
            return exp.Anonymous(this="date_add", expressions=[exp.Literal.string("day"), n, left])
        if isinstance(node, exp.Add) and left.type and left.type.this == exp.DataType.Type.DATE and right.type and right.type.this == exp.DataType.Type.TIME:
            # date + time (DuckDB: that local timestamp) -> the same timestamp from its text.
            text = exp.func("concat", exp.cast(left, "varchar"), exp.Literal.string(" "), exp.cast(right, "varchar"))
            return exp.cast(text, "timestamp")
    return node


def exact_quantile(node: exp.Expression) -> exp.Expression:
    """quantile_cont(x, p | [p, ...]) -> the exact quantile from array_sort(array_agg(x)), DuckDB's formula."""
    if not isinstance(node, exp.PercentileCont) or node.args.get("expression") is None:
        return node
    x = node.this.sql(dialect="trino")
    q = node.args["expression"]
    values = f"array_sort(array_agg(cast({x} as double)) filter (where {x} is not null))"
    h = "(cardinality(xs) - 1) * p"
    lo = f"element_at(xs, cast(floor({h}) as bigint) + 1)"
    hi = f"element_at(xs, least(cast(floor({h}) as bigint) + 2, cardinality(xs)))"
    one = f"if(cardinality(xs) = 0, null, {lo} + ({h} - floor({h})) * ({hi} - {lo}))"
    if isinstance(q, exp.Array):
        ps = ", ".join(f"cast({e.sql(dialect='trino')} as double)" for e in q.expressions)
        body = f"transform(array[{ps}], p -> {one})"
    else:
        body = f"transform(array[cast({q.sql(dialect='trino')} as double)], p -> {one})[1]"
    return sqlglot.parse_one(f"transform(array[{values}], xs -> {body})[1]", read="trino")


def bind_positions(tree: exp.Expression) -> tuple[str, list[int]]:
    """The Trino text with each $n as ?, and the n of each ? in the order of the text."""
    for ph in list(tree.find_all(exp.Placeholder)):
        if ph.this is not None and str(ph.this).isdigit():
            ph.replace(exp.Literal.string(f"__aftersight_parameter_{ph.this}__"))
    text = tree.sql(dialect="trino")
    order = [int(n) for n in re.findall(r"'__aftersight_parameter_(\d+)__'", text)]
    return re.sub(r"'__aftersight_parameter_\d+__'", "?", text), order


def transpile(sql: str, schema: dict, schemas: dict) -> exp.Expression:
    tree = sqlglot.parse_one(sql, read="duckdb")
    tree = tree.transform(rewrite)
    # Expand stars (with EXCLUDE / RENAME) from the known columns; keep identifiers as written.
    tree = qualify(
        tree,
        schema=schema,
        dialect="duckdb",
        validate_qualify_columns=False,
        quote_identifiers=False,
        identify=False,
        expand_stars=True,
        qualify_columns=True,
    )
    # Before the types are annotated: a list of quantiles typed as one number would lose its subscripts' offset.
    tree = tree.transform(exact_quantile)
    tree = annotate_types(tree, schema=schema, dialect="duckdb")
    tree = tree.transform(date_arithmetic)
    tree = tree.transform(empty_when_backwards)
    for table in tree.find_all(exp.Table):
        db = table.args.get("db")
        if db is not None and db.name in schemas:
            table.set("db", exp.to_identifier(schemas[db.name]))
    return tree


def main() -> None:
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        try:
            tree = transpile(req["sql"], req.get("schema", {}), req.get("schemas", {}))
            if tree.find(exp.Placeholder):
                text, order = bind_positions(tree)
                out = {"sql": text, "params": order}
            else:
                out = {"sql": tree.sql(dialect="trino", pretty=True), "params": []}
        except Exception as e:  # noqa: BLE001 - the caller reports the model and the message
            out = {"error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
