#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server for the tests' PostgreSQL cases:
#   scripts/with-postgres.sh mvn -B verify
# Installs nothing: uses Debian's binaries under /usr/lib/postgresql/*/bin (package `postgresql`).
# initdb's a temporary data directory (as the `postgres` user when run as root: PostgreSQL refuses
# to run as root), starts it on a free port on 127.0.0.1 only, exports
#   AIDLINE_TEST_PG=jdbc:postgresql://127.0.0.1:PORT/postgres  AIDLINE_TEST_PG_USER  AIDLINE_TEST_PG_REQUIRED=true
# runs the command, and stops and removes the server on any exit. The command's exit code is kept.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

bin=""
for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then bin="$d"; break; fi
done
if [ -z "$bin" ]; then
  echo "with-postgres: no PostgreSQL binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)" >&2
  exit 3
fi

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $(( 20000 + RANDOM % 20000 ))
}

run_as=()
pg_user="$(id -un)"
if [ "$(id -u)" -eq 0 ]; then
  pg_user=postgres
  id postgres >/dev/null 2>&1 || { echo "with-postgres: running as root needs a 'postgres' user (Debian's postgresql package creates it)" >&2; exit 3; }
  run_as=(runuser -u postgres --)
fi

work="$(mktemp -d /tmp/aidline-pg.XXXXXX)"
chmod 755 "$work"
data="$work/data"
mkdir "$data"
[ "$(id -u)" -eq 0 ] && chown -R postgres: "$work"
port="$(free_port)"

cleanup() {
  "${run_as[@]}" "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"${run_as[@]}" "$bin/initdb" -D "$data" -U "$pg_user" -A trust -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; exit 3; }
# A throw-away server for tests, which create and drop a database per test: without fsync, CREATE
# and DROP DATABASE take milliseconds instead of a second or more on a busy disk. Commits still go
# through the server as in production; only a crash of the machine could lose them, and the data
# directory is deleted afterwards anyway.
"${run_as[@]}" "$bin/pg_ctl" -D "$data" -l "$work/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $work -c max_connections=200 -c shared_buffers=64MB -c fsync=off -c full_page_writes=off" start >/dev/null \
  || { cat "$work/server.log" >&2; exit 3; }

export AIDLINE_TEST_PG="jdbc:postgresql://127.0.0.1:$port/postgres"
export AIDLINE_TEST_PG_USER="$pg_user"
export AIDLINE_TEST_PG_REQUIRED=true
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data $data)" >&2

set +e
"$@"
status=$?
set -e
exit $status
