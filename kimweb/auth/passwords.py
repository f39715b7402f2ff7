"""Password hashing (argon2id) and the password rules: length and a list of common passwords."""

from functools import lru_cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import gettext as _
from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_LENGTH = 12
# Long enough for any passphrase, short enough that hashing cannot be abused to burn CPU.
MAX_LENGTH = 256

_hasher = PasswordHasher()
# Verified against when the account does not exist, so both cases take the same time.
_DUMMY_HASH = _hasher.hash("kimweb-no-such-account")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    """zxcvbn's list of the 30,000 most used passwords plus German ones of 12+ characters."""
    words = set(FREQUENCY_LISTS["passwords"])
    local = Path(__file__).with_name("common_passwords_de.txt")
    words.update(line.strip().lower() for line in local.read_text("utf-8").splitlines() if line.strip())
    return frozenset(words)


def password_problems(password: str, username: str = "") -> list[str]:
    """What is wrong with a new password, in German; an empty list means it is acceptable."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(_("Das Passwort muss mindestens %(n)d Zeichen lang sein.", n=MIN_LENGTH))
    elif len(password) > MAX_LENGTH:
        problems.append(_("Das Passwort darf höchstens %(n)d Zeichen lang sein.", n=MAX_LENGTH))
    folded = password.lower()
    if folded in _common_passwords() or len(set(folded)) <= 2:
        problems.append(_("Dieses Passwort ist zu verbreitet und leicht zu erraten. Bitte wählen Sie ein anderes."))
    elif username and username.lower() in folded:
        problems.append(_("Das Passwort darf den Benutzernamen nicht enthalten."))
    return problems
