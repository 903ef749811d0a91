/**
 * Cluster mode on embedded Hazelcast: the coordinator ({@link dev.verdant.cluster.ClusterTrialExecutor}, an embedded
 * member that keeps the only store) hands sweep trials to workers ({@link dev.verdant.cluster.Worker}, Hazelcast
 * clients that listen on no port) as leases in a map, and hears their runs' events back on a reliable topic. Every
 * trial, lease and message is signed with a shared key ({@link dev.verdant.cluster.ClusterKey}); only strings cross
 * the wire. Nothing here listens on a port until a cluster command starts it.
 */
package dev.verdant.cluster;
