package app.clerkdub.fakes;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.clerkdub.sandbox.SessionSigner;
import app.clerkdub.sandbox.Simulation;
import io.smallrye.mutiny.Uni;

/**
 * An upstream's REST client interface answered in memory by the sandbox's {@link Simulation}, with no HTTP: each call
 * is written as the REST client writes its body (JSON), answered as simulated Clerk or Dub answers it, and read back
 * as the REST client reads it: a 2xx into the answer's type, an error answer through the interface's own
 * {@code @ClientExceptionMapper}, so that the clients see exactly the failures the real REST client hands them.
 * <p>
 * A test may hold the calls to a path until it releases them ({@link #hold}), to make an overlap certain, make a path
 * fail as a gateway in front of the upstream would ({@link #failing}), or lose the answer to one call that the
 * upstream did handle ({@link #losingNextAnswer}). Every call is kept, in order ({@link #sent}).
 */
public abstract class InMemoryApi {
    /** A request as sent: its body as the REST client writes it, null when it has none. */
    public record Sent(String method, String path, String body) {
    }

    /** Calls to a path, held until {@link #release()}: {@link #arrived()} completes with the first of them. */
    public static final class Hold {
        private final CompletableFuture<Void> arrived = new CompletableFuture<>();
        private final CompletableFuture<Void> released = new CompletableFuture<>();

        public CompletableFuture<Void> arrived() {
            return arrived;
        }

        /** The held calls go on, on this thread: what the flow does next runs before this returns. */
        public void release() {
            released.complete(null);
        }
    }

    /** One key for every in-memory simulation: no test over them signs a session, and making a key takes a while. */
    private static final SessionSigner SIGNER = new SessionSigner("ins_in_memory");

    /** Quarkus' own mapper reads answers leniently: a field the model does not name is skipped. */
    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Route route;
    private final String authorization;
    private final Class<?> errorBody;
    private final Function<Response, RuntimeException> errors;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private final Map<String, Integer> failing = new ConcurrentHashMap<>();
    private final Map<String, AtomicBoolean> losing = new ConcurrentHashMap<>();

    /** One API of the simulation: {@link Simulation#clerk} or {@link Simulation#dub}. */
    public interface Route {
        Response answer(String method, String path, String authorization, String body);
    }

    /**
     * @param errorBody the upstream's error body, as the exception mapper reads it
     * @param errors the REST client interface's {@code @ClientExceptionMapper}
     */
    protected InMemoryApi(Route route, String authorization, Class<?> errorBody,
            Function<Response, RuntimeException> errors) {
        this.route = route;
        this.authorization = authorization;
        this.errorBody = errorBody;
        this.errors = errors;
    }

    /** A fresh simulated Clerk and Dub, which take these keys. */
    public static Simulation simulation(String clerkSecretKey, String dubApiKey) {
        return new Simulation(clerkSecretKey, dubApiKey, SIGNER);
    }

    /** Every call so far, in the order they were sent. */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** The calls sent with this method to paths that contain {@code pathPart}. */
    public List<Sent> sent(String method, String pathPart) {
        return sent.stream().filter(call -> call.method().equals(method) && call.path().contains(pathPart)).toList();
    }

    /** Calls to paths that contain {@code pathPart} wait, from now until the hold's release. */
    public Hold hold(String pathPart) {
        Hold hold = new Hold();
        holds.put(pathPart, hold);
        hold.released.thenRun(() -> holds.remove(pathPart, hold));
        return hold;
    }

    /** Calls to paths that contain {@code pathPart} are answered {@code status} with no body, until {@link #healed}. */
    public void failing(String pathPart, int status) {
        failing.put(pathPart, status);
    }

    public void healed() {
        failing.clear();
    }

    /** The upstream handles the next call to {@code pathPart}, and its answer never arrives (the connection drops). */
    public void losingNextAnswer(String pathPart) {
        losing.put(pathPart, new AtomicBoolean(true));
    }

    /**
     * This fake as the REST client interface: a proxy that hands each of the interface's methods to this fake's public
     * method of the same name and parameters. A class that implemented the interface itself would, since the interface
     * carries {@code @Path}, be taken for a REST resource by every application the tests start.
     */
    protected <A> A as(Class<A> api) {
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] { api }, (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            try {
                return getClass().getMethod(method.getName(), method.getParameterTypes()).invoke(this, args);
            } catch (InvocationTargetException failed) {
                throw failed.getCause();
            }
        }));
    }

    /** One call, made anew for each subscription, as the REST client makes a request for each. */
    protected <T> Uni<T> call(String method, String path, Object body, Class<T> answer) {
        return Uni.createFrom().deferred(() -> {
            String json = body == null ? null : write(body);
            sent.add(new Sent(method, path, json));
            Hold hold = holds.entrySet().stream().filter(held -> path.contains(held.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (hold != null) {
                hold.arrived.complete(null);
                return Uni.createFrom().completionStage(hold.released)
                        .map(ignored -> exchange(method, path, json, answer));
            }
            return Uni.createFrom().item(() -> exchange(method, path, json, answer));
        });
    }

    private <T> T exchange(String method, String path, String json, Class<T> answer) {
        Integer fault = failing.entrySet().stream().filter(failed -> path.contains(failed.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (fault != null) {
            // A gateway's answer: the status, and no body the upstream's error model could read.
            throw errors.apply(Response.status(fault).build());
        }
        Response response = route.answer(method, path, authorization, json);
        if (losing.entrySet().stream().anyMatch(lost -> path.contains(lost.getKey())
                && lost.getValue().compareAndSet(true, false))) {
            throw new ProcessingException(new IOException("Connection reset by peer"));
        }
        String text = text(response.getEntity());
        if (response.getStatus() >= 400) {
            Object read = text == null ? null : read(text, errorBody);
            throw errors.apply(Response.fromResponse(response).entity(read).build());
        }
        return answer == Void.class || text == null ? null : read(text, answer);
    }

    private static String text(Object entity) {
        return entity == null || entity instanceof String ? (String) entity : write(entity);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException unwritable) {
            throw new IllegalStateException(unwritable);
        }
    }

    protected static <T> T read(String text, Class<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("the simulation answered what " + type.getSimpleName()
                    + " cannot read: " + text, unreadable);
        }
    }
}
