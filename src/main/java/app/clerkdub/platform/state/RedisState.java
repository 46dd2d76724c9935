package app.clerkdub.platform.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import app.clerkdub.platform.state.SharedState.Budget;
import app.clerkdub.platform.state.SharedState.UpstreamBudgets;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.redis.client.Response;

/**
 * The state a fleet shares, in Redis: each decision one Lua script, so it is atomic and one round trip. Every key
 * expires and starts with the prefix; a user's keys share the hash tag {@code {u:<id>}} and the upstreams' budgets
 * the tag {@code {upstreams}}, so that each script's keys sit in one slot of a Redis Cluster.
 * <p>
 * A budget is a counter that expires when its period ends (set with its first unit). A run is a key holding
 * {@code run:<owner>} until its lease passes; its end leaves {@code done:<outcome>} for a few seconds, so that the
 * runs that waited for it on other instances can answer as its joiners here do.
 */
public final class RedisState implements SharedState {
    /** All or none: refuses with the longest wait of the budgets short of units, else takes from every one. */
    private static final String TAKE = """
            local wait = 0
            for i, key in ipairs(KEYS) do
              local used = tonumber(redis.call('GET', key) or '0')
              if used + tonumber(ARGV[3 * i - 2]) > tonumber(ARGV[3 * i - 1]) then
                local left = redis.call('PTTL', key)
                if left < 1 then left = tonumber(ARGV[3 * i]) end
                if left > wait then wait = left end
              end
            end
            if wait > 0 then return wait end
            for i, key in ipairs(KEYS) do
              redis.call('INCRBY', key, ARGV[3 * i - 2])
              if redis.call('PTTL', key) < 0 then redis.call('PEXPIRE', key, ARGV[3 * i]) end
            end
            return 0
            """;
    private static final String SPEND = """
            redis.call('INCR', KEYS[1])
            if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return 0
            """;
    private static final String EXHAUSTED = """
            if tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(ARGV[1]) then return 0 end
            local left = redis.call('PTTL', KEYS[1])
            if left < 1 then return 0 end
            return left
            """;
    /** KEYS: tracked, flight, runs. ARGV: owner, lease, answers tracked, runs' limit (0: none), runs' period. */
    private static final String BEGIN = """
            if ARGV[3] == '1' then
              local recorded = redis.call('GET', KEYS[1])
              if recorded then return {'tracked', recorded} end
            end
            local flight = redis.call('GET', KEYS[2])
            if flight and string.sub(flight, 1, 4) == 'run:' then return {'taken', ''} end
            local limit = tonumber(ARGV[4])
            if limit > 0 then
              if tonumber(redis.call('GET', KEYS[3]) or '0') >= limit then
                local left = redis.call('PTTL', KEYS[3])
                if left < 1 then left = tonumber(ARGV[5]) end
                return {'limited', tostring(left)}
              end
              redis.call('INCR', KEYS[3])
              if redis.call('PTTL', KEYS[3]) < 0 then redis.call('PEXPIRE', KEYS[3], ARGV[5]) end
            end
            redis.call('SET', KEYS[2], 'run:' .. ARGV[1], 'PX', ARGV[2])
            return {'claimed', ARGV[1]}
            """;
    /** KEYS: tracked, flight. ARGV: owner, recorded ('' none), tracked for, outcome ('' none), outcome kept for. */
    private static final String END = """
            if ARGV[2] ~= '' and tonumber(ARGV[3]) > 0 then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
            if redis.call('GET', KEYS[2]) == 'run:' .. ARGV[1] then
              if ARGV[4] ~= '' then redis.call('SET', KEYS[2], 'done:' .. ARGV[4], 'PX', ARGV[5])
              else redis.call('DEL', KEYS[2]) end
            end
            return 0
            """;

    private final RedisAPI redis;
    private final String prefix;

    /** @param redis Quarkus' Redis client, through the Vert.x API that the Quarkus Redis guide offers beside its own */
    public RedisState(RedisAPI redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    /** Opens the client's first connection, so that the first decision does not wait for it. */
    Uni<Void> connect() {
        return redis.ping(List.of()).replaceWithVoid();
    }

    @Override
    public Uni<Optional<Duration>> take(List<Want> wants) {
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>();
        for (Want want : wants) {
            keys.add(budgetKey(want.budget(), want.key()));
            args.add(Integer.toString(want.units()));
            args.add(Integer.toString(want.budget().limit()));
            args.add(millis(want.budget().period()));
        }
        return eval(TAKE, keys, args).map(RedisState::waitOf);
    }

    @Override
    public Uni<Void> spend(Budget budget, String key) {
        return eval(SPEND, List.of(budgetKey(budget, key)), List.of(millis(budget.period()))).replaceWithVoid();
    }

    @Override
    public Uni<Optional<Duration>> exhausted(Budget budget, String key) {
        return eval(EXHAUSTED, List.of(budgetKey(budget, key)), List.of(Integer.toString(budget.limit())))
                .map(RedisState::waitOf);
    }

    @Override
    public Uni<Begin> begin(Start start) {
        Optional<Budget> runs = start.runs();
        List<String> keys = List.of(userKey(start.userId(), "tracked"), userKey(start.userId(), "flight"),
                userKey(start.userId(), runs.map(Budget::name).orElse("runs")));
        List<String> args = List.of(start.owner(), millis(start.lease()), start.answersTracked() ? "1" : "0",
                Integer.toString(runs.map(Budget::limit).orElse(0)), millis(runs.map(Budget::period).orElse(start.lease())));
        return eval(BEGIN, keys, args).map(reply -> switch (reply.get(0).toString()) {
            case "tracked" -> new Tracked(reply.get(1).toString());
            case "taken" -> new Taken();
            case "limited" -> new Limited(Duration.ofMillis(Long.parseLong(reply.get(1).toString())));
            default -> new Claimed(start.owner());
        });
    }

    @Override
    public Uni<Void> end(End end) {
        List<String> keys = List.of(userKey(end.userId(), "tracked"), userKey(end.userId(), "flight"));
        List<String> args = List.of(end.owner(), end.recorded().orElse(""),
                !end.trackedFor().isZero() && !end.trackedFor().isNegative() ? millis(end.trackedFor()) : "0",
                end.outcome().orElse(""), millis(end.outcomeFor()));
        return eval(END, keys, args).replaceWithVoid();
    }

    @Override
    public Uni<Flight> flight(String userId) {
        return redis.get(userKey(userId, "flight")).map(reply -> {
            String value = reply == null ? null : reply.toString();
            if (value == null) {
                return new Idle();
            }
            return value.startsWith("run:") ? new Running() : new Done(value.substring("done:".length()));
        });
    }

    @Override
    public Uni<Void> markErased(String userId, Duration keptFor) {
        return redis.set(List.of(userKey(userId, "erased"), "1", "PX", millis(keptFor))).replaceWithVoid();
    }

    @Override
    public Uni<Boolean> isErased(String userId) {
        return redis.exists(List.of(userKey(userId, "erased"))).map(reply -> reply.toLong() > 0);
    }

    private Uni<Response> eval(String script, List<String> keys, List<String> args) {
        List<String> command = new ArrayList<>(2 + keys.size() + args.size());
        command.add(script);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        command.addAll(args);
        return redis.eval(command);
    }

    private static Optional<Duration> waitOf(Response reply) {
        long millis = reply.toLong();
        return millis > 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
    }

    private String budgetKey(Budget budget, String key) {
        return budget.name().equals(UpstreamBudgets.BUDGET) ? prefix + "{upstreams}:" + key
                : prefix + "{" + budget.name() + ":" + key + "}";
    }

    private String userKey(String userId, String what) {
        return prefix + "{u:" + userId + "}:" + what;
    }

    private static String millis(Duration duration) {
        return Long.toString(Math.max(1, duration.toMillis()));
    }
}
