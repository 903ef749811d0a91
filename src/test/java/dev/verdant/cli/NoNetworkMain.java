package dev.verdant.cli;

import java.net.InetAddress;
import java.net.SocketPermission;
import java.security.Permission;

/**
 * Runs {@code verdant} with every network connection or name lookup beyond this machine refused and reported on
 * stderr as {@code NETWORK: host}: the child process of {@link OfflineRunTest}. A security manager is the one hook
 * that sees every socket a JVM opens, whoever opens it (DJL's telemetry included).
 */
public final class NoNetworkMain {

    private NoNetworkMain() {
    }

    @SuppressWarnings("removal")
    public static void main(String[] args) throws Exception {
        System.setSecurityManager(new SecurityManager() {
            @Override
            public void checkPermission(Permission perm) {
                if (perm instanceof SocketPermission sp && !local(sp.getName())) {
                    System.err.println("NETWORK: " + sp.getName() + " (" + sp.getActions() + ")");
                    throw new SecurityException("no network in this test: " + sp.getName());
                }
            }

            @Override
            public void checkPermission(Permission perm, Object context) {
                checkPermission(perm);
            }
        });
        dev.verdant.Main.main(args);
    }

    /** Plain string work only: anything heavier here (a regex, a lookup) would itself ask for permissions. */
    private static boolean local(String hostAndPort) {
        String host = hostAndPort;
        int colon = host.lastIndexOf(':');
        if (colon >= 0 && !host.endsWith("]")) {
            host = host.substring(0, colon);
        }
        return host.isEmpty() || host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
                || host.equals("0.0.0.0") || host.equals(LOCAL_NAME);
    }

    private static final String LOCAL_NAME = localName();

    private static String localName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
