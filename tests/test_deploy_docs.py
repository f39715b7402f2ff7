"""The documented systemd unit: a crashed gunicorn master's workers are stopped before a restart."""

import re
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent.parent / "docs" / "deploy.md"


def _unit(name: str) -> dict[str, str]:
    text = DEPLOY.read_text(encoding="utf-8")
    body = re.search(rf"cat > /etc/systemd/system/{re.escape(name)} <<'EOT'\n(.*?)\nEOT", text, re.S)
    assert body, name
    settings = {}
    for line in body.group(1).splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            settings[key.strip()] = value.strip()
    return settings


def test_gunicorn_unit_stops_orphaned_workers_before_a_restart():
    unit = _unit("kimweb.service")
    assert unit["KillMode"] in ("control-group", "mixed")
    assert unit["Restart"] in ("on-failure", "always")
    assert "Why `KillMode=control-group`" in DEPLOY.read_text(encoding="utf-8")


def test_backup_unit_runs_the_shipped_script():
    assert _unit("kimweb-backup.service")["ExecStart"] == "/usr/local/sbin/kimweb-backup"
    assert "deploy/kimweb-backup.sh /usr/local/sbin/kimweb-backup" in DEPLOY.read_text(encoding="utf-8")


def test_daily_jobs_run_retention_after_the_backup():
    text = DEPLOY.read_text(encoding="utf-8")
    assert "ExecStart=/usr/local/sbin/kimweb-flask retention run" in text
    assert "ExecStart=/usr/local/sbin/kimweb-flask appointments mark-missed" in text
    assert _unit("kimweb-daily.timer")["OnCalendar"] > _unit("kimweb-backup.timer")["OnCalendar"]
