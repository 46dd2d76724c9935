package app.clerkdub.api.http;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.QuarkusBindException;
import io.quarkus.runtime.StartupEvent;

/**
 * A taken {@code MANAGEMENT_PORT} stops the start with the same three lines as a taken {@code PORT}.
 * Quarkus names a taken main port itself, but reports a taken management port as a long stack trace;
 * it does name any {@link QuarkusBindException} that stops a start. So, while the application starts and
 * before Quarkus opens its servers (they open after the start-up observers), the management port is
 * bound once and let go: taken, the start stops with that exception. Whoever takes the port in the
 * moment between still gets Quarkus' own trace, and no less.
 */
@ApplicationScoped
class ManagementPort {

    void checkFree(@Observes StartupEvent start,
            @ConfigProperty(name = "quarkus.management.enabled") boolean enabled,
            @ConfigProperty(name = "quarkus.management.host", defaultValue = "0.0.0.0") String host,
            @ConfigProperty(name = "quarkus.management.port") int port) throws QuarkusBindException {
        // Production starts only: tests bind whatever port is free (quarkus.management.test-port), and dev mode
        // keeps its servers, this port held, across each reload's start. Port 0 is always free.
        if (!enabled || port == 0 || LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            // As the server itself binds (Vert.x sets it): a port left in TIME_WAIT is free.
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (BindException taken) {
            throw new QuarkusBindException(host, port, taken);
        } catch (IOException other) {
            // Anything but a taken port (a host that does not resolve...) is the server's to report.
        }
    }
}
