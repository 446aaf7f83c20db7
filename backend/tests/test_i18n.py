"""Server-side i18n: emails and API messages in the user's language (profile, else
Accept-Language), complete catalogs, the `flask translate` commands, the English fallback
without compiled catalogs, and deterministic language detection of posts."""

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from devstack.testing import email_html, email_text, link_in
from inkwell import i18n
from inkwell.services.language import detect_language

ES = {"Accept-Language": "es"}


# --- emails ------------------------------------------------------------------------------------


def test_a_spanish_user_receives_the_reset_email_in_spanish(client, mailbox, make_user):
    maria = make_user("maria", locale="es")
    # The request itself says English: the recipient's own setting decides.
    response = client.post(
        "/api/auth/reset-request", json={"email": maria.email}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 202
    message = mailbox.wait_for(maria.email)[0]
    assert message["Subject"] == "[Inkwell] Restablece tu contraseña"
    text = email_text(message)
    assert "Hola, maria:" in text
    assert "Para restablecer tu contraseña, abre el siguiente enlace:" in text
    assert "El enlace caduca en 15 minutos." in text
    assert "Atentamente, el equipo de Inkwell" in text
    assert "Para restablecer tu contraseña" in email_html(message)
    assert link_in(message, "/reset/")


def test_an_english_user_receives_it_in_english(client, mailbox, make_user):
    john = make_user("john", locale="en")
    client.post("/api/auth/reset-request", json={"email": john.email}, headers=ES)
    message = mailbox.wait_for(john.email)[0]
    assert message["Subject"] == "[Inkwell] Reset your password"
    assert "To reset your password open the following link:" in email_text(message)


def test_registration_in_spanish_sends_a_spanish_confirmation(client, mailbox):
    response = client.post(
        "/api/users",
        json={"username": "lucia", "email": "lucia@example.com", "password": "una-clave-larga"},
        headers=ES,
    )
    assert response.status_code == 201
    message = mailbox.wait_for("lucia@example.com")[0]
    assert message["Subject"] == "[Inkwell] Confirma tu cuenta"
    assert "¡Bienvenido a Inkwell!" in email_text(message)


# --- API messages ------------------------------------------------------------------------------


def register(client, body, headers=None):
    return client.post("/api/users", json=body, headers=headers or {})


def test_validation_messages_follow_accept_language(client):
    body = {"username": "ab", "email": "not-an-email", "is_admin": True}
    english = register(client, body)
    spanish = register(client, body, ES)
    assert english.status_code == spanish.status_code == 422
    assert english.json["message"] == "Invalid input."
    assert english.json["errors"] == {
        "username": ["Length must be between 3 and 64."],
        "email": ["Not a valid email address."],
        "password": ["Missing data for required field."],
        "is_admin": ["Unknown field."],
    }
    assert spanish.json["error"] == "Unprocessable Entity"  # the HTTP reason stays English
    assert spanish.json["message"] == "Datos no válidos."
    assert spanish.json["errors"] == {
        "username": ["La longitud debe estar entre 3 y 64."],
        "email": ["No es una dirección de correo electrónico válida."],
        "password": ["Falta un dato obligatorio."],
        "is_admin": ["Campo desconocido."],
    }


@pytest.mark.parametrize(
    ("request_args", "english", "spanish"),
    [
        (("GET", "/api/posts/999999", None), "Post not found.", "Publicación no encontrada."),
        (("GET", "/api/nope", None), "No such API endpoint.", "No existe ese punto de la API."),
        (("GET", "/api/feed", None), "Missing or malformed token.", "Falta el token o está"),
        (
            ("GET", "/api/search?q=x&per_page=500", None),
            "Must be greater than or equal to 1 and less than or equal to 100.",
            "Debe ser mayor o igual que 1 y menor o igual que 100.",
        ),
        (
            ("POST", "/api/markdown", "x"),
            "The request body must be JSON (Content-Type: application/json).",
            "El cuerpo de la petición debe ser JSON",
        ),
    ],
)
def test_our_own_messages_follow_accept_language(client, request_args, english, spanish):
    method, url, data = request_args
    for headers, expected in (({}, english), (ES, spanish)):
        response = client.open(url, method=method, data=data, headers=headers)
        body = response.json
        texts = [body["message"], *(m for ms in body.get("errors", {}).values() for m in ms)]
        assert any(t.startswith(expected) for t in texts), (headers, body)


def test_the_profile_language_beats_accept_language(client, make_user, auth_headers):
    headers = auth_headers(make_user("sofia", locale="es"))
    # (The profile is known where the route authenticates the caller.)
    response = client.patch(
        "/api/posts/999999", json={"body": "x"}, headers={**headers, "Accept-Language": "en"}
    )
    assert response.status_code == 404
    assert response.json["message"] == "Publicación no encontrada."
    too_long = client.patch("/api/me", json={"name": "x" * 65}, headers=headers)
    assert too_long.json["errors"] == {"name": ["Supera la longitud máxima de 64."]}


def test_unknown_languages_fall_back_to_english(client):
    response = client.get("/api/posts/999999", headers={"Accept-Language": "de, fr;q=0.8"})
    assert response.json["message"] == "Post not found."


def test_the_app_runs_in_english_without_compiled_catalogs(tmp_path):
    # A fresh process: flask-babel caches loaded catalogs for the life of the process.
    script = (
        "import sys; from inkwell import create_app; from inkwell.config import TestingConfig;"
        "from inkwell.extensions import db;"
        "app = create_app(TestingConfig, BABEL_TRANSLATION_DIRECTORIES=sys.argv[1]);"
        "ctx = app.app_context(); ctx.push(); db.create_all();"
        "r = app.test_client().get('/api/posts/999999', headers={'Accept-Language': 'es'});"
        "print(r.status_code, r.json['message'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "no-catalogs")],
        cwd=i18n.BACKEND_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "404 Post not found."


# --- catalogs and commands ------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")


def load(po_path):
    with open(po_path, "rb") as handle:
        return read_po(handle)


def test_the_spanish_catalog_is_complete(tmp_path):
    pot = tmp_path / "messages.pot"
    i18n.extract(pot)
    source = {m.id for m in load(pot) if m.id}
    assert len(source) > 80
    catalog = {m.id: m for m in load(i18n.TRANSLATIONS_DIR / "es/LC_MESSAGES/messages.po") if m.id}
    assert sorted(source - set(catalog)) == [], "run `flask translate update`, then translate"
    for msgid in source:
        message = catalog[msgid]
        assert message.string and not message.fuzzy, msgid
        assert sorted(PLACEHOLDER.findall(message.string)) == sorted(PLACEHOLDER.findall(msgid))


def test_every_validation_template_is_translated():
    catalog = {m.id: m.string for m in load(i18n.TRANSLATIONS_DIR / "es/LC_MESSAGES/messages.po")}
    for template in i18n.VALIDATION_TEMPLATES + i18n.OWN_MESSAGES:
        assert catalog.get(template), template


def test_translate_commands(app, tmp_path, monkeypatch):
    directory = tmp_path / "translations"
    shutil.copytree(i18n.TRANSLATIONS_DIR, directory, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", directory)
    runner = app.test_cli_runner()

    result = runner.invoke(args=["translate", "init", "fr"])
    assert result.exit_code == 0, result.output
    assert (directory / "fr/LC_MESSAGES/messages.po").is_file()

    before = {m.id: m.string for m in load(directory / "es/LC_MESSAGES/messages.po") if m.id}
    result = runner.invoke(args=["translate", "update"])
    assert result.exit_code == 0, result.output
    after = {m.id: m.string for m in load(directory / "es/LC_MESSAGES/messages.po") if m.id}
    assert after == before  # nothing lost, nothing new: the catalog was current

    result = runner.invoke(args=["translate", "compile"])
    assert result.exit_code == 0, result.output
    assert "compiled 2 catalog(s)" in result.output
    assert (directory / "es/LC_MESSAGES/messages.mo").stat().st_size > 1000


def test_compiled_catalogs_are_not_committed():
    tracked = subprocess.run(
        ["git", "ls-files", "*.mo"], cwd=i18n.BACKEND_DIR, capture_output=True, text=True
    )
    assert tracked.returncode == 0 and tracked.stdout == ""
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "inkwell/translations/es/LC_MESSAGES/messages.mo"],
        cwd=i18n.BACKEND_DIR,
    )
    assert ignored.returncode == 0


# --- language detection ------------------------------------------------------------------------

SAMPLES = {
    "She runs along the river every morning before work.": "en",
    "Corro por la orilla del río todas las mañanas antes del trabajo.": "es",
    "Je cours le long de la rivière tous les matins avant le travail.": "fr",
    "ok": "",
    "12345 !!! 678": "",
}
# Short and mixed texts are where an unseeded langdetect answers differently between runs.
BORDERLINE = ["Hola, see you mañana at the fiesta", "ciao bella, what's up", "Das ist gut, no?"]


def test_detection_gives_the_expected_languages():
    for text, language in SAMPLES.items():
        assert detect_language(text) == language, text


def test_detection_is_deterministic_across_calls_and_processes():
    script = (
        "import json, sys; from inkwell.services.language import detect_language as d; "
        "print(json.dumps([d(t) for t in json.loads(sys.argv[1])]))"
    )
    texts = json.dumps(BORDERLINE * 3)
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", script, texts],
            cwd=i18n.BACKEND_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1
    in_process = [detect_language(t) for t in BORDERLINE * 3]
    assert json.loads(outputs.pop()) == in_process


def test_warm_up_loads_every_profile_before_the_first_post():
    """serve.py calls warm_up() before accepting connections: afterwards a detection reads no
    profile files (the first post would otherwise pay ~0.5 s for loading 55 of them)."""
    script = (
        "import builtins, json\n"
        "from inkwell.services.language import warm_up, detect_language\n"
        "warm_up()\n"
        "opened = []\n"
        "real_open = builtins.open\n"
        "builtins.open = lambda *a, **k: opened.append(a[0]) or real_open(*a, **k)\n"
        "language = detect_language('She runs along the river every morning.')\n"
        "print(json.dumps([language, len(opened)]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=i18n.BACKEND_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == ["en", 0]
