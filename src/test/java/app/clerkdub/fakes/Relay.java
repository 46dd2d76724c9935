package app.clerkdub.fakes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on a port of its own: the one address the service has for an upstream, passing the bytes of each
 * connection, TLS handshake included, to whichever server is behind it now. So one running service can meet a
 * server that presents the trusted certificate, then one that presents an untrusted certificate, at the same URL.
 * Putting another server behind it closes every connection open, so the next call makes a new handshake.
 */
final class Relay {
    private final ServerSocket socket;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile int target;

    Relay(int target) {
        this.target = target;
        try {
            socket = new ServerSocket(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** From now on, connections go to the server on this port; the ones open end. */
    void target(int port) {
        target = port;
        open.forEach(Relay::close);
        open.clear();
    }

    private void accept() {
        while (true) {
            Socket caller;
            try {
                caller = socket.accept();
            } catch (IOException e) {
                continue;
            }
            try {
                Socket server = new Socket("localhost", target);
                open.add(caller);
                open.add(server);
                daemon(() -> pipe(caller, server));
                daemon(() -> pipe(server, caller));
            } catch (IOException e) {
                // No server behind: the caller's connection ends, as it would at a dead port.
                close(caller);
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // One side closed: the connection is over.
        } finally {
            close(from);
            close(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closed already.
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "fakes-relay");
        thread.setDaemon(true);
        thread.start();
    }
}
