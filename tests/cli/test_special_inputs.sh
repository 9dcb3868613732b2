#!/usr/bin/env bash
# test_special_inputs.sh: every subcommand that reads a design refuses
# inputs that are not regular files (a FIFO without a writer, a character
# device, a directory, a socket; also behind a symbolic link) with exit 2
# and a message naming what the path is, at once instead of blocking in
# open(2); standard input and regular files (also through a symbolic link)
# are still read.
set -u
: "${ECRC:?ECRC must name the ecrc binary}"
: "${ECRC_SOURCE_DIR:?ECRC_SOURCE_DIR must name the source tree}"
design="$ECRC_SOURCE_DIR/fixtures/designs/beijing-idc-ecmp.xml"
tmp=$(mktemp -d)
sock_pid=
trap '[ -n "$sock_pid" ] && kill "$sock_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

mkfifo "$tmp/fifo"
mkdir "$tmp/dir"
ln -s "$tmp/fifo" "$tmp/link-to-fifo"
ln -s "$design" "$tmp/link-to-design"
declare -A kind=([fifo]="a FIFO" [link-to-fifo]="a FIFO" [dir]="a directory" [/dev/null]="a character device")
inputs=(fifo link-to-fifo dir /dev/null)
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import socket,sys,time; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(1); time.sleep(120)' \
		"$tmp/sock" &
	sock_pid=$!
	for _ in $(seq 50); do [ -S "$tmp/sock" ] && break; sleep 0.1; done
	[ -S "$tmp/sock" ] && inputs+=(sock) && kind[sock]="a socket"
fi

for cmd in lint emit verify; do
	for in in "${inputs[@]}"; do
		path=$in
		case $in in /*) ;; *) path="$tmp/$in" ;; esac
		# timeout: a blocking open would hang here; 124 says so
		timeout 10 "$ECRC" $cmd "$path" >"$tmp/out" 2>"$tmp/err" </dev/null
		rc=$?
		if [ $rc != 2 ]; then
			fail "ecrc $cmd $in: exit $rc, expected 2"
			head -3 "$tmp/err" >&2
			continue
		fi
		cat "$tmp/out" "$tmp/err" | grep -q "is ${kind[$in]}.*not a regular file" ||
			fail "ecrc $cmd $in: the message does not say it is ${kind[$in]}: $(head -2 "$tmp/err")"
	done
done

# regular files, directly, through a link, and on standard input
for in in "$design" "$tmp/link-to-design"; do
	"$ECRC" lint "$in" >/dev/null 2>"$tmp/err" || fail "ecrc lint $in: exit $?: $(head -2 "$tmp/err")"
done
"$ECRC" lint - <"$design" >/dev/null 2>"$tmp/err" || fail "ecrc lint - (a file): exit $?"
cat "$design" | "$ECRC" lint - >/dev/null 2>"$tmp/err" || fail "ecrc lint - (a pipe): exit $?"

if [ $failures -gt 0 ]; then
	echo "$failures check(s) failed" >&2
	exit 1
fi
echo "ok: ${#inputs[@]} kinds of special file refused by lint, emit and verify"
