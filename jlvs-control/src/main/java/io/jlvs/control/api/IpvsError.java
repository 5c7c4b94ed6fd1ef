package io.jlvs.control.api;

/**
 * The ways the table refuses a command, with the text libipvs's ipvs_strerror prints for each.
 * The CLI prints the message and exits 255, as ipvsadm does.
 */
public enum IpvsError {
    SERVICE_NOT_DEFINED("Service not defined"),
    SERVICE_EXISTS("Service already exists"),
    NO_SUCH_SERVICE("No such service"),
    NO_SUCH_DESTINATION("No such destination"),
    DESTINATION_EXISTS("Destination already exists"),
    SCHEDULER_NOT_FOUND("Scheduler or persistence engine not found"),
    INVALID_ARGUMENT("Invalid argument"),
    DAEMON_RUNNING("Daemon is already running"),
    DAEMON_NOT_RUNNING("No daemon is running"),
    MEMORY_ALLOCATION("Memory allocation problem");

    private final String message;

    IpvsError(String message) {
        this.message = message;
    }

    /** The libipvs text. */
    public String message() {
        return message;
    }
}
