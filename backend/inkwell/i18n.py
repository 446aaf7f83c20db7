"""Server-side translations: message catalogs, `flask translate`, localised API messages.

Catalogs live in inkwell/translations/<lang>/LC_MESSAGES/messages.po (committed); the
compiled .mo files are build products (`flask translate compile`, run by `make` and by the
test session). Without them the app still runs, in English.

API error messages are translated where the error body is built (api/errors.py), from the
English text: our own messages are catalog entries (extracted from json_error(...) calls,
domain errors raised by services,
_l(...) and the N_(...) lists below), and marshmallow's parameterised ones
("Longer than maximum length 64.") are matched against their templates, so validators keep
their stock wording and still answer in Spanish.
"""

import os
import re
import tempfile
from pathlib import Path

import click
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask.cli import AppGroup
from flask_babel import get_locale, gettext

PACKAGE_DIR = Path(__file__).resolve().parent
BACKEND_DIR = PACKAGE_DIR.parent
TRANSLATIONS_DIR = PACKAGE_DIR / "translations"
BABEL_CFG = BACKEND_DIR / "babel.cfg"
# _l: lazy strings; N_: a marker only; json_error's second argument is its message, and a
# domain error's first (services/errors.py).
DOMAIN_ERRORS = (
    "InvalidInput", "InvalidLink", "NotAuthenticated", "Forbidden", "NotFound", "Conflict",
    "Unavailable", "ProviderFailed", "ProviderTimedOut", "TooLarge", "UnsupportedMediaType",
)  # fmt: skip
KEYWORDS = ("_l", "N_", "json_error:2", *DOMAIN_ERRORS)


def N_(message):  # noqa: N802 (the conventional gettext marker name)
    """Mark a string for extraction without translating it here."""
    return message


# Messages built outside json_error(...) calls (field errors, token errors, defaults).
OWN_MESSAGES = [
    N_("Missing or malformed token."),
    N_("Token has expired."),
    N_("Token has been revoked."),
    N_("Unknown user."),
    N_("Invalid token."),
    N_("Fresh token required."),
    N_("Invalid token: {reason}."),
    N_("The link is invalid or has expired."),
    N_("Username already in use."),
    N_("Email already registered."),
    N_("Already in use."),
    N_("That is you."),
    N_("You cannot follow yourself."),
    N_("Not a tag: letters, digits and _ only, at most 64, with at least one letter."),
    N_("Give a username or a user id."),
    N_("Wrong password."),
    N_("No such API endpoint."),
    N_("An export is already in progress."),
    N_(
        "Usernames must start with a letter and contain only letters, numbers, dots or underscores."
    ),
    N_("Not a language code."),
    N_("The request body could not be read."),
    N_("Authentication required."),
    N_("You do not have permission to do that."),
    N_("Not found."),
    N_("Method not allowed."),
    N_("Already exists."),
    N_("The request body is too large (1 MiB at most)."),
    N_("Invalid input."),
    N_("Too many requests; try again later."),
    N_("An unexpected error happened; it has been logged."),
    N_("The service is unavailable; try again shortly."),
    N_("The database is unavailable; try again shortly."),
    # Pictures (services/media.py, services/images.py, api/uploads.py, schemas/media.py)
    N_("Only JPEG, PNG, WebP and GIF images are accepted."),
    N_("The image could not be read (truncated or damaged)."),
    N_("The image is too large (at most {megapixels} megapixels)."),
    N_("The file is too large ({size} MiB at most)."),
    N_("Your storage for pictures is full ({quota} MB)."),
    N_("At most {count} pictures per post."),
    N_("The same picture is attached twice."),
    N_("A posted picture needs its alt text."),
    N_("Picture {id} is not one of your uploads."),
    N_("Picture {id} needs alt text (a description for people who cannot see it)."),
    N_("Send the file in a multipart/form-data body."),
    N_("Not a file: send it as a multipart/form-data part."),
]

# marshmallow's and webargs' stock messages; {name} are the values they fill in.
VALIDATION_TEMPLATES = [
    N_("Missing data for required field."),
    N_("Field may not be null."),
    N_("Invalid value."),
    N_("Unknown field."),
    N_("Invalid input type."),
    N_("Invalid type."),
    N_("Not a valid string."),
    N_("Not a valid utf-8 string."),
    N_("Not a valid integer."),
    N_("Not a valid number."),
    N_("Number too large."),
    N_("Not a valid boolean."),
    N_("Not a valid email address."),
    N_("Not a valid list."),
    N_("Not a valid mapping type."),
    N_("Not a valid datetime."),
    N_("Invalid JSON body."),
    N_("String does not match expected pattern."),
    N_("Shorter than minimum length {min}."),
    N_("Longer than maximum length {max}."),
    N_("Length must be between {min} and {max}."),
    N_("Length must be {equal}."),
    N_("Must be greater than or equal to {min} and less than or equal to {max}."),
    N_("Must be greater than or equal to {min}."),
    N_("Must be less than or equal to {max}."),
    N_("Must be greater than {min}."),
    N_("Must be less than {max}."),
    N_("Must be one of: {choices}."),
]


def _pattern(template):
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)
    )
    return re.compile(f"^{regex}$", re.DOTALL)


_TEMPLATES = [(_pattern(t), t) for t in VALIDATION_TEMPLATES + OWN_MESSAGES if "{" in t]


def translate_message(message):
    """The English `message` in the request's language (unchanged when nothing matches)."""
    if message is None:
        return None
    message = str(message)
    try:
        locale = str(get_locale() or "en")
    except Exception:  # the locale needs the user's row: the failure may be the database's
        return message
    if locale == "en":
        return message
    translated = gettext(message)
    if translated != message:
        return translated
    for pattern, template in _TEMPLATES:
        match = pattern.match(message)
        if match:
            localized = gettext(template)
            if localized != template:
                return localized.format(**match.groupdict())
    return message


# --- catalogs ---------------------------------------------------------------------------------


def _pybabel(*args):
    """Run a pybabel command in-process (the same code as the `pybabel` script)."""
    # Imported here: error responses import this module and need none of the tooling.
    from babel.messages.frontend import CommandLineInterface

    CommandLineInterface().run(["pybabel", "-q", *args])


def extract(pot_path):
    keywords = [arg for keyword in KEYWORDS for arg in ("-k", keyword)]
    _pybabel(
        "extract",
        "-F",
        str(BABEL_CFG),
        *keywords,
        "--no-location",
        "--sort-output",
        "-o",
        str(pot_path),
        str(BACKEND_DIR),
    )


def catalogs(directory=None):
    return sorted(Path(directory or TRANSLATIONS_DIR).glob("*/LC_MESSAGES/messages.po"))


def compile_catalogs(directory=None):
    """Write each catalog's .mo next to its .po (atomically: test workers may race)."""
    written = []
    for po_path in catalogs(directory):
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=po_path.parent.parent.name)
        mo_path = po_path.with_suffix(".mo")
        fd, tmp = tempfile.mkstemp(dir=mo_path.parent, suffix=".mo.tmp")
        with os.fdopen(fd, "wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        os.replace(tmp, mo_path)
        written.append(mo_path)
    return written


translate_cli = AppGroup("translate", help="Server-side message catalogs (emails, API).")


@translate_cli.command("init")
@click.argument("lang")
def init_command(lang):
    """Start a catalog for a new language."""
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "messages.pot"
        extract(pot)
        _pybabel("init", "-i", str(pot), "-d", str(TRANSLATIONS_DIR), "-l", lang)
    click.echo(f"created {TRANSLATIONS_DIR / lang / 'LC_MESSAGES' / 'messages.po'}")


@translate_cli.command("update")
def update_command():
    """Bring every catalog up to date with the source (new strings appear untranslated)."""
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "messages.pot"
        extract(pot)
        _pybabel("update", "-i", str(pot), "-d", str(TRANSLATIONS_DIR), "--no-wrap")
    click.echo(f"updated {len(catalogs())} catalog(s)")


@translate_cli.command("compile")
def compile_command():
    """Compile the catalogs (.po -> .mo); the app needs this to speak anything but English."""
    written = compile_catalogs()
    click.echo(f"compiled {len(written)} catalog(s)")
