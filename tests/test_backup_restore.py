"""The backup commands in docs/deploy.md give back every row, on SQLite and on PostgreSQL."""

import sqlite3
import subprocess
from collections.abc import Callable

import pytest
from django.db import connection

from checklist.models import Answer, Checklist
from tests.factory import answer_fields

TABLES = ["checklist_checklist", "checklist_answer", "checklist_question", "checklist_guideversion"]
Rows = Callable[[str], list[tuple[object, ...]]]


def sqlite_backup(tmp_path) -> Rows:
    backup = tmp_path / "backup.sqlite3"
    with sqlite3.connect(backup) as target:
        connection.ensure_connection()
        connection.connection.backup(target)  # what sqlite3's ".backup" command does
    restored = sqlite3.connect(
        backup, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
    )
    return lambda table: restored.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()  # noqa: S608


def postgresql_dump_and_restore(tmp_path) -> Rows:
    import psycopg

    db = connection.settings_dict
    host, port = db["HOST"] or "127.0.0.1", str(db["PORT"] or 5432)
    args = ["-h", host, "-p", port, "-U", db["USER"]]
    dump = tmp_path / "askfirst.dump"
    subprocess.run(["pg_dump", *args, "--format=custom", "-f", dump, db["NAME"]], check=True)
    fresh = db["NAME"] + "_restore"
    subprocess.run(["dropdb", *args, "--if-exists", fresh], check=True)
    subprocess.run(["createdb", *args, fresh], check=True)
    subprocess.run(["pg_restore", *args, "--no-owner", "-d", fresh, dump], check=True)
    restored = psycopg.connect(host=host, port=port, user=db["USER"], dbname=fresh, autocommit=True)

    def rows(table: str) -> list[tuple[object, ...]]:
        return restored.execute(f"SELECT t::text FROM {table} t ORDER BY id").fetchall()  # noqa: S608

    return rows


def live_rows(table: str) -> list[tuple[object, ...]]:
    row = "t::text" if connection.vendor == "postgresql" else "*"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {row} FROM {table} t ORDER BY id")  # noqa: S608
        return list(cursor.fetchall())


@pytest.fixture
def restore(tmp_path):
    if connection.vendor == "sqlite":
        yield sqlite_backup
        return
    yield postgresql_dump_and_restore
    db = connection.settings_dict
    subprocess.run(
        [
            "dropdb",
            "-h",
            db["HOST"] or "127.0.0.1",
            "-p",
            str(db["PORT"] or 5432),
            "-U",
            db["USER"],
            "--if-exists",
            "--force",
            db["NAME"] + "_restore",
        ],
        check=True,
    )


def test_a_backup_restores_every_row(transactional_db, small_guide, client, restore, tmp_path):
    response = client.post("/start/test-guide/", {"child_name": "Sam", "clinic_name": "Clinic A"})
    token = response["Location"].split("/")[2]
    answer = Answer.objects.order_by("pk").first()
    assert answer is not None
    client.post(
        f"/c/{token}/a/{answer.pk}/", answer_fields(answer, response="Kept"), HTTP_HX_REQUEST="true"
    )
    assert Checklist.objects.count() == 1

    restored_rows = restore(tmp_path)
    for table in TABLES:
        assert restored_rows(table) == live_rows(table), table
    assert any("Kept" in str(row) for row in restored_rows("checklist_answer"))
