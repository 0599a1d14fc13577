#!/bin/sh
# The neutral name chosen at install (scripts/install-pi.sh --name notes): the command alias and the units.
#
#   scripts/neutral-name.sh alias PREFIX NAME
#       writes PREFIX/venv/bin/NAME, voicelog's command under NAME (VOICELOG_DISPLAY_NAME=NAME): its
#       help, prompts and reports say NAME, and so do ps and systemctl status
#   scripts/neutral-name.sh unit TEMPLATE PREFIX USER NAME STATE [INBOX]
#       prints the systemd unit TEMPLATE (scripts/voicelog-*.service|timer) filled in: its Description
#       from voicelog.display_name.service_description (the one place that words it), its state folder
#       STATE, the command NAME, and VOICELOG_DISPLAY_NAME=NAME for the service
#
# install-pi.sh calls it; a test calls it too. NAME must be lower-case letters, digits and hyphens.
set -eu

die() {
    printf 'neutral-name.sh: %s\n' "$*" >&2
    exit 2
}

check_name() {
    case "$1" in
        "" | *[!a-z0-9-]* | [!a-z]*) die "the name '$1' must be lower-case letters, digits and hyphens, starting with a letter" ;;
    esac
}

[ $# -ge 1 ] || die "say alias or unit (see the top of this file)"
what=$1
shift
case "$what" in
    alias)
        [ $# -eq 2 ] || die "alias needs PREFIX NAME"
        prefix=$1
        name=$2
        check_name "$name"
        [ "$name" != voicelog ] || exit 0
        [ -x "$prefix/venv/bin/voicelog" ] || die "$prefix/venv/bin/voicelog is not installed"
        target="$prefix/venv/bin/$name"
        # Written to a temporary name and renamed, so a half-written command is never run. Its first lines
        # are pip's own way round a prefix with spaces (a #! line cannot hold one): sh runs the venv's
        # Python on this same file, which Python reads as a string, then code; so ps and systemctl status
        # show ".../bin/NAME", not voicelog.
        cat > "$target.tmp" <<ALIAS
#!/bin/sh
'''exec' "$prefix/venv/bin/python" "\$0" "\$@"
' '''
# $name: voicelog under the name chosen at install (scripts/install-pi.sh --name $name).
import os
import sys

os.environ.setdefault("VOICELOG_DISPLAY_NAME", "$name")
from voicelog.cli import main

sys.exit(main())
ALIAS
        chmod 0755 "$target.tmp"
        mv -f "$target.tmp" "$target"
        ;;
    unit)
        [ $# -ge 5 ] || die "unit needs TEMPLATE PREFIX USER NAME STATE [INBOX]"
        template=$1
        prefix=$2
        user=$3
        name=$4
        state=$5
        inbox=${6:-}
        check_name "$name"
        kind=listen
        case "$template" in
            *-import.*) kind=import ;;
        esac
        description=$("$prefix/venv/bin/python" -c \
            'import sys; from voicelog.display_name import service_description as d; print(d(sys.argv[1], sys.argv[2], folder=sys.argv[3]))' \
            "$kind" "$name" "$inbox")
        case "$template" in
            *.timer) description="$description, every ten minutes" ;;
        esac
        # Descriptions hold no "|" (their words are fixed; the folder has only safe characters).
        # The command is quoted: systemd splits an unquoted path at a space.
        sed -e "s|^ExecStart=@PREFIX@/venv/bin/voicelog |ExecStart=\"@PREFIX@/venv/bin/$name\" |" \
            -e "s|@PREFIX@|$prefix|g" -e "s|@USER@|$user|g" -e "s|@INBOX@|$inbox|g" \
            -e "s|^Description=.*|Description=$description|" \
            -e "s|/var/lib/voicelog|$state|g" -e "s|^StateDirectory=voicelog\$|StateDirectory=${state#/var/lib/}|" \
            -e "s|^Environment=VOICELOG_HOME=\\(.*\\)\$|Environment=VOICELOG_HOME=\\1\\nEnvironment=VOICELOG_DISPLAY_NAME=$name|" \
            "$template"
        ;;
    *)
        die "unknown action $what (alias or unit)"
        ;;
esac
