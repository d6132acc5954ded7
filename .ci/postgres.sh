# Sourced by .ci/run: make a PostgreSQL answer on 127.0.0.1 and export CCHC_TEST_POSTGRES_URL.
# Uses the server on 127.0.0.1:5432 when one answers; otherwise installs PostgreSQL with apt
# and starts a throwaway cluster (trust auth, removed when the run ends).

pg_answers() {
  command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p "$1"
}

use_local_5432() {
  pg_answers 5432 && psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1 || return 1
  export CCHC_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:5432/postgres"
  echo "using the PostgreSQL on 127.0.0.1:5432"
}

ensure_postgres() {
  use_local_5432 && return
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then
    echo "installing PostgreSQL"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    use_local_5432 && return
  fi
  local bin port dir
  bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
  port=55432
  dir=$(mktemp -d /tmp/cchc-pg.XXXXXX)
  chown postgres "$dir"
  su postgres -c "$bin/initdb -D $dir/data -A trust -U postgres >/dev/null"
  su postgres -c "$bin/pg_ctl -D $dir/data -o '-p $port -k $dir -c listen_addresses=127.0.0.1' -l $dir/log -w start >/dev/null"
  trap "su postgres -c '$bin/pg_ctl -D $dir/data -m fast stop' >/dev/null 2>&1; rm -rf $dir" EXIT
  export CCHC_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "started a throwaway PostgreSQL on 127.0.0.1:$port"
}
