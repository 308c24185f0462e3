package io.sessionflow.app.faults;

import java.util.List;

import io.sessionflow.app.cluster.Host;

/**
 * Where an instance of the cluster deployment runs: the address it listens on and is reached at, and what its
 * JVM is launched through ({@code ip netns exec <namespace>} for a host of its own; nothing for a loopback
 * address of its own in this network namespace).
 *
 * @param kind which of the two: {@code netns} or {@code loopback}, as the scenario summaries print it
 */
record InstanceHost(String address, List<String> launcher, String kind) {

    InstanceHost {
        launcher = List.copyOf(launcher);
    }

    /** A host of the cluster ({@link io.sessionflow.app.cluster.Hosts}): a network namespace or a loopback address. */
    static InstanceHost of(Host host) {
        return new InstanceHost(host.address(), host.commandPrefix(), host.canCut() ? "netns" : "loopback");
    }
}
