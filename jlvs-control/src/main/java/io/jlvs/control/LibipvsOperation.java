package io.jlvs.control;

/**
 * The libipvs call ipvsadm makes for a command. ipvs_strerror keys its messages on the call
 * (ipvs_func) as well as on the errno, so the same ESRCH reads "No such service" for -E and
 * "Service not defined" for -a.
 */
enum LibipvsOperation {
    ADD_SERVICE,
    UPDATE_SERVICE,
    DEL_SERVICE,
    ZERO_SERVICE,
    FLUSH,
    ADD_DEST,
    UPDATE_DEST,
    DEL_DEST,
    SET_TIMEOUT,
    START_DAEMON,
    STOP_DAEMON,
    GET_SERVICE,
    ADD_LADDR,
    DEL_LADDR
}
