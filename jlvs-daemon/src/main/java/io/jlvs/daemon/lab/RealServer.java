package io.jlvs.daemon.lab;

/**
 * A real server of a lab: its namespace, the name its HTTP server answers with, and RIP.
 *
 * @param role its namespace's role
 * @param name what its HTTP server answers with (the seed's web1/web2 pages)
 * @param address its RIP
 * @param weight its weight in the service (the split is judged against it)
 */
public record RealServer(String role, String name, String address, int weight) {
}
