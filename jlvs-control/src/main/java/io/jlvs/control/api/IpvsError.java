package io.jlvs.control.api;

/**
 * The ways the table refuses a command, with the text ipvsadm prints for each: libipvs's
 * ipvs_strerror table where it has an entry for the operation and errno, else strerror(errno).
 * The CLI prints the message and exits 255, as ipvsadm does.
 */
public enum IpvsError {
    /** ESRCH from ipvs_add_dest, ipvs_update_dest and ipvs_del_dest. */
    SERVICE_NOT_DEFINED("Service not defined"),
    /** EEXIST from ipvs_add_service. */
    SERVICE_EXISTS("Service already exists"),
    /** ESRCH from the other service operations and the get calls. */
    NO_SUCH_SERVICE("No such service"),
    /** ENOENT from ipvs_update_dest and ipvs_del_dest. */
    NO_SUCH_DESTINATION("No such destination"),
    /** EEXIST from ipvs_add_dest. */
    DESTINATION_EXISTS("Destination already exists"),
    /** ENOENT from ipvs_add_service and ipvs_update_service. */
    SCHEDULER_NOT_FOUND("Scheduler or persistence engine not found"),
    /** EINVAL, for any operation (libipvs's text, two spaces and all). */
    INVALID_ARGUMENT("Invalid operation.  Possibly wrong module version, address not unicast, ..."),
    /** EEXIST from ipvs_start_daemon. */
    DAEMON_RUNNING("Daemon has already run"),
    /** ESRCH from ipvs_stop_daemon. */
    DAEMON_NOT_RUNNING("No daemon is running"),
    /** ENOMEM. */
    MEMORY_ALLOCATION("Memory allocation problem"),
    /** ERANGE (a negative weight, a lower threshold above the upper): strerror's text. */
    OUT_OF_RANGE("Numerical result out of range"),
    /** EEXIST from ipvs_add_laddr. */
    LOCAL_ADDRESS_EXISTS("Local address already exists"),
    /** ENOENT from ipvs_del_laddr (libipvs's capital L). */
    NO_SUCH_LOCAL_ADDRESS("No such Local address"),
    /** EAFNOSUPPORT, for any operation: a local address of another family than its service. */
    ADDRESS_FAMILY_NOT_SUPPORTED("Operation not supported with specified address family"),
    /** ENODEV (--start-daemon on an interface that does not exist): strerror's text. */
    NO_SUCH_DEVICE("No such device");

    private final String message;

    IpvsError(String message) {
        this.message = message;
    }

    /** The text ipvsadm prints. */
    public String message() {
        return message;
    }
}
