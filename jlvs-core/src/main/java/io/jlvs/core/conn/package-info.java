/** The connection table, persistence templates and connection scheduling (ip_vs_conn.c, ip_vs_schedule). */
package io.jlvs.core.conn;
