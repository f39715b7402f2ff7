#!/usr/bin/env bash
# Nightly kimweb backup for both databases (docs/deploy.md, "9. Backups"); installed as
# /usr/local/sbin/kimweb-backup and run by kimweb-backup.service as the kimweb user.
#
# A bad backup never replaces a good one: the dump is written to a temporary name beside the
# destination, checked (pg_restore --list reads it and it holds the accounts table), and only
# then renamed. Any failure ends the script with a message and a non-zero status (systemd marks
# the service failed), and yesterday's copies are not pruned.
#
# Settings (environment, e.g. /etc/kimweb/kimweb.env): KIMWEB_DATABASE_URL (postgresql:// or
# postgres://; unset or sqlite:/// for SQLite), KIMWEB_BACKUP_DIR (/var/backups/kimweb),
# KIMWEB_BACKUP_KEEP_DAYS (30), KIMWEB_FLASK (/opt/kimweb/venv/bin/flask).
set -euo pipefail

dest=${KIMWEB_BACKUP_DIR:-/var/backups/kimweb}
keep_days=${KIMWEB_BACKUP_KEEP_DAYS:-30}
flask=${KIMWEB_FLASK:-/opt/kimweb/venv/bin/flask}
url=${KIMWEB_DATABASE_URL:-}
stamp=$(date +%F)

fail() {
    echo "kimweb-backup: $*" >&2
    exit 1
}

mkdir -p -- "$dest"
case "$url" in
    postgresql://* | postgres://* | postgresql+psycopg://*)
        # libpq reads postgresql:// and postgres://, not SQLAlchemy's postgresql+psycopg://.
        libpq_url="postgresql://${url#*://}"
        final="$dest/kimweb-$stamp.dump"
        tmp=$(mktemp -- "$dest/.kimweb-$stamp.dump.tmp.XXXXXX")
        trap 'rm -f -- "$tmp"' EXIT
        pg_dump --format=custom --file="$tmp" --dbname="$libpq_url" ||
            fail "pg_dump ist fehlgeschlagen; die vorhandene Sicherung $final bleibt unverändert."
        [ -s "$tmp" ] || fail "pg_dump hat eine leere Datei geschrieben; die vorhandene Sicherung bleibt unverändert."
        listing=$(pg_restore --list -- "$tmp") ||
            fail "pg_restore kann die neue Sicherung nicht lesen; die vorhandene Sicherung bleibt unverändert."
        [ -n "$listing" ] || fail "Die neue Sicherung ist leer; die vorhandene Sicherung bleibt unverändert."
        grep -q 'TABLE DATA public user_account ' <<<"$listing" ||
            fail "Der neuen Sicherung fehlen die Benutzerkonten (falsche Datenbank?); die vorhandene Sicherung bleibt unverändert."
        sync -- "$tmp"
        mv -f -- "$tmp" "$final"
        trap - EXIT
        # The documents after the database: every file the dump names is already stored.
        "$flask" --app kimweb documents backup "$final.documents" ||
            fail "Die Sicherung der Dokumente ist fehlgeschlagen (die Datenbank ist gesichert: $final)."
        ;;
    "" | sqlite:*)
        # Writes to a temporary name, checks, renames; then the documents to ….sqlite3.documents/.
        "$flask" --app kimweb backup "$dest/kimweb-$stamp.sqlite3" ||
            fail "Die Sicherung ist fehlgeschlagen; die vorhandene Sicherung bleibt unverändert."
        ;;
    *)
        fail "KIMWEB_DATABASE_URL ist weder postgresql://, postgres:// noch sqlite:///; nichts gesichert."
        ;;
esac

# Prune only after a good backup tonight (the documents are folders).
find "$dest" -mindepth 1 -maxdepth 1 -name 'kimweb-*' -mtime +"$keep_days" -exec rm -rf -- {} +
