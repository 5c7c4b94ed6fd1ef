/** Traffic counters and the IPVS rate estimator (ip_vs_est.c). */
package io.jlvs.core.stats;
