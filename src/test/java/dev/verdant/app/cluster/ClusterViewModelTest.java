package dev.verdant.app.cluster;

import dev.verdant.app.UiExecutor;
import dev.verdant.cluster.ClusterKey;
import dev.verdant.cluster.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cluster settings without a toolkit: bad input becomes a sentence; start, a worker listed with its CPU, stop. */
class ClusterViewModelTest {

    @TempDir
    Path dir;

    @Test
    void startListsAJoinedWorkerAndStopClosesThePort() throws Exception {
        ClusterViewModel vm = new ClusterViewModel(UiExecutor.synchronous(), null, null);
        Path keyFile = dir.resolve("cluster.key");
        vm.keyFileProperty().set(keyFile.toString());
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        vm.portProperty().set("70000");
        vm.start();
        assertFalse(vm.runningProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("The port must be a number"), vm.statusProperty().get());
        vm.portProperty().set(Integer.toString(port));
        vm.start();
        assertFalse(vm.runningProperty().get());
        assertTrue(vm.statusProperty().get().contains("Create key"), vm.statusProperty().get());

        vm.createKey();
        assertTrue(vm.statusProperty().get().startsWith("Created the key"), vm.statusProperty().get());
        vm.start();
        assertTrue(vm.runningProperty().get(), vm.statusProperty().get());
        assertTrue(vm.statusProperty().get().contains("verdant worker --join 127.0.0.1:" + port),
                vm.statusProperty().get());
        assertTrue(vm.executor().isPresent());
        try (Worker w = Worker.join(new Worker.Settings("w1", "127.0.0.1", port, null, "cpu", null, 500),
                ClusterKey.load(keyFile))) {
            vm.refresh();
            assertEquals(1, vm.workers().size());
            ClusterViewModel.WorkerRow row = vm.workers().get(0);
            assertEquals("w1", row.name());
            assertEquals("cpu", row.devices());
            assertEquals("connected", row.state());
            assertTrue(row.cpu().contains("cores"), row.cpu());
        }
        vm.stop();
        assertFalse(vm.runningProperty().get());
        assertTrue(vm.workers().isEmpty());
        assertEquals("Cluster mode is off: nothing listens.", vm.statusProperty().get());
        int closed = port;
        assertThrows(java.io.IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), closed).close(),
                "nothing listens after Stop");
    }
}
