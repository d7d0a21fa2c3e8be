#!/usr/bin/env bash
# Runs the scale-out tests (Category=ScaleOut) against real servers: installs the Debian packages
# rabbitmq-server, redis-server and postgresql when missing, starts each on 127.0.0.1 at its standard
# port (RabbitMQ 5672, Redis 6379, PostgreSQL 5432) with its data in a temporary folder, runs the tests,
# and stops the servers and deletes the folder at the end, also after a failure. The tests start two web
# hosts and two analysis workers as separate processes against these servers.
# Usage: scripts/scaleout-test.sh [--no-build] [extra dotnet test arguments]
#        scripts/scaleout-test.sh --serve   (starts the servers and keeps them up until interrupted, for
#                                            running the tests from an IDE or by hand)
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
serve=0
if [[ "${1:-}" == "--no-build" ]]; then
    build=0
    shift
elif [[ "${1:-}" == "--serve" ]]; then
    serve=1
    shift
fi

install_missing() {
    local missing=()
    command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
    command -v redis-server >/dev/null || missing+=(redis-server)
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
    if [[ ${#missing[@]} -gt 0 ]]; then
        echo "Installing ${missing[*]}"
        local sudo=""
        [[ $(id -u) -ne 0 ]] && sudo="sudo"
        $sudo apt-get update -qq
        # The packages' own services stay stopped: policy-rc.d or the missing init system prevents them, and
        # this script starts its own servers in a temporary folder.
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_for_port() {
    local name="$1" port="$2" log="$3"
    for _ in $(seq 1 120); do
        port_in_use "$port" && return 0
        sleep 0.5
    done
    echo "$name did not listen on 127.0.0.1:$port within 60 s; its log:" >&2
    tail -n 40 "$log" >&2 || true
    return 1
}

install_missing
for port in 5672 6379 5432; do
    if port_in_use "$port"; then
        echo "Port 127.0.0.1:$port is already in use; stop that server first, because the tests need their own." >&2
        exit 1
    fi
done

work=$(mktemp -d /tmp/bladderln-scaleout.XXXXXX)
chmod 755 "$work"
rabbit_pid=""
epmd_pid=""
stop_servers() {
    set +e
    [[ -f "$work/redis.pid" ]] && kill "$(cat "$work/redis.pid")" 2>/dev/null
    [[ -n "$rabbit_pid" ]] && kill "$rabbit_pid" 2>/dev/null && wait "$rabbit_pid" 2>/dev/null
    [[ -n "$epmd_pid" ]] && kill "$epmd_pid" 2>/dev/null
    [[ -d "$work/pg" ]] && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1
    rm -rf "$work"
}
trap stop_servers EXIT
# Bash skips the EXIT trap when a signal ends it, so the signals end it through exit.
trap 'exit 130' INT
trap 'exit 143' TERM

# PostgreSQL, as the postgres user, which initdb requires.
pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
mkdir "$work/pg" && chown postgres:postgres "$work/pg"
runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=5432 -c unix_socket_directories=$work/pg -c max_connections=200 -c fsync=off" \
    start >/dev/null

# Redis, without persistence.
mkdir "$work/redis"
redis-server --bind 127.0.0.1 --port 6379 --dir "$work/redis" --save "" --appendonly no \
    --daemonize yes --pidfile "$work/redis.pid" --logfile "$work/redis/server.log"

# RabbitMQ, as the rabbitmq user, with its node data, logs and Erlang cookie in the temporary folder.
mkdir "$work/rabbit" && chown rabbitmq:rabbitmq "$work/rabbit"

# The Erlang port mapper is started here, in the foreground, so that it listens on loopback only and its
# process id is known for the stop; RabbitMQ uses it instead of starting a daemon of its own.
epmd=$(command -v epmd || ls /usr/lib/erlang/erts-*/bin/epmd | head -n 1)
runuser -u rabbitmq -- "$epmd" -address 127.0.0.1 >/dev/null 2>&1 &
epmd_pid=$!
runuser -u rabbitmq -- env HOME="$work/rabbit" \
    RABBITMQ_NODENAME="bladderln-scaleout@localhost" \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=5672 RABBITMQ_DIST_PORT=25672 \
    ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    RABBITMQ_MNESIA_BASE="$work/rabbit/mnesia" RABBITMQ_LOG_BASE="$work/rabbit/log" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$work/rabbit/enabled_plugins" \
    /usr/lib/rabbitmq/bin/rabbitmq-server >"$work/rabbit/console.log" 2>&1 &
rabbit_pid=$!

wait_for_port PostgreSQL 5432 "$work/pg/server.log"
wait_for_port Redis 6379 "$work/redis/server.log"
wait_for_port RabbitMQ 5672 "$work/rabbit/console.log"
echo "Servers are up: RabbitMQ, Redis and PostgreSQL on 127.0.0.1 (data in $work)"

export BLADDERLN_SCALEOUT_POSTGRES="Host=127.0.0.1;Port=5432;Username=postgres"
if [[ $serve -eq 1 ]]; then
    echo "Serving until interrupted; in another shell: export BLADDERLN_SCALEOUT_POSTGRES='$BLADDERLN_SCALEOUT_POSTGRES'"
    sleep infinity &
    wait $! || true
    exit 0
fi

if [[ $build -eq 1 ]]; then
    dotnet build tests/BladderLnAi.ScaleOut.Tests -c Release
fi

dotnet test tests/BladderLnAi.ScaleOut.Tests -c Release --no-build --filter Category=ScaleOut "$@"
