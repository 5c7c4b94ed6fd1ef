/**
 * keepalived mode: {@code jlvs keepalived -f FILE} reads keepalived's configuration language
 * ({@code config}), keeps the real-server lists true with health checks ({@code check}) and the
 * director highly available with VRRP ({@code vrrp}). Like keepalived it is a process of its own
 * that programs the virtual-server table: keepalived programs the kernel's IPVS, this programs
 * jlvsd through its control socket, so it works over proxy mode and packet mode alike.
 */
package io.jlvs.keepalived;
