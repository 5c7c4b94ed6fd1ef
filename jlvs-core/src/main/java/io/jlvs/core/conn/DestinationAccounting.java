package io.jlvs.core.conn;

import io.jlvs.core.service.RealServer;

/**
 * The connection counts a real server carries and its OVERLOAD flag, changed only where the
 * kernel changes them: at bind (ip_vs_bind_dest), at unbind (ip_vs_unbind_dest) and when a
 * protocol's state moves a connection in or out of the active set.
 *
 * <p>OVERLOAD hysteresis: set at bind when the total reaches -x (u_threshold); cleared at unbind
 * once the total is below -y (l_threshold), or below 3/4 of -x when -y is 0, or at once when the
 * server has no thresholds.
 */
final class DestinationAccounting {
    private DestinationAccounting() {
    }

    static void bind(RealServer dest, boolean template, boolean inactive) {
        if (template) {
            dest.setPersistConns(dest.persistConns() + 1);
            return;
        }
        if (inactive) {
            dest.setInactConns(dest.inactConns() + 1);
        } else {
            dest.setActiveConns(dest.activeConns() + 1);
        }
        int upper = dest.upperThreshold();
        if (upper != 0 && dest.totalConns() >= upper) {
            dest.setOverloaded(true);
        }
    }

    static void unbind(RealServer dest, boolean template, boolean inactive) {
        if (template) {
            dest.setPersistConns(dest.persistConns() - 1);
            return;
        }
        if (inactive) {
            dest.setInactConns(dest.inactConns() - 1);
        } else {
            dest.setActiveConns(dest.activeConns() - 1);
        }
        int lower = dest.lowerThreshold();
        int upper = dest.upperThreshold();
        int total = dest.totalConns();
        if (lower != 0) {
            if (total < lower) {
                dest.setOverloaded(false);
            }
        } else if (upper != 0) {
            // Integer form of total < 3/4 * upper.
            if ((long) total * 4 < (long) upper * 3) {
                dest.setOverloaded(false);
            }
        } else {
            dest.setOverloaded(false);
        }
    }

    /** The connection entered an active state. */
    static void activate(RealServer dest) {
        dest.setInactConns(dest.inactConns() - 1);
        dest.setActiveConns(dest.activeConns() + 1);
    }

    /** The connection left the active states. */
    static void deactivate(RealServer dest) {
        dest.setActiveConns(dest.activeConns() - 1);
        dest.setInactConns(dest.inactConns() + 1);
    }
}
