package io.jlvs.control;

import io.jlvs.control.api.IpvsError;

/**
 * libipvs's ipvs_strerror as a function: the first row matching (operation, errno) wins, rows
 * without an operation match any, and what no row matches falls back to strerror(errno).
 */
final class LibipvsMessages {
    private LibipvsMessages() {
    }

    static IpvsError of(LibipvsOperation operation, KernelErrno errno) {
        return switch (errno) {
            case EEXIST -> switch (operation) {
                case ADD_SERVICE -> IpvsError.SERVICE_EXISTS;
                case ADD_DEST -> IpvsError.DESTINATION_EXISTS;
                case ADD_LADDR -> IpvsError.LOCAL_ADDRESS_EXISTS;
                case START_DAEMON -> IpvsError.DAEMON_RUNNING;
                // strerror(EEXIST) is "File exists"; no modelled command returns it elsewhere.
                default -> throw new IllegalStateException("EEXIST from " + operation);
            };
            case ENOENT -> switch (operation) {
                case ADD_SERVICE, UPDATE_SERVICE -> IpvsError.SCHEDULER_NOT_FOUND;
                case UPDATE_DEST, DEL_DEST -> IpvsError.NO_SUCH_DESTINATION;
                case DEL_LADDR -> IpvsError.NO_SUCH_LOCAL_ADDRESS;
                default -> throw new IllegalStateException("ENOENT from " + operation);
            };
            case ESRCH -> switch (operation) {
                case ADD_DEST, UPDATE_DEST, DEL_DEST, ADD_LADDR, DEL_LADDR -> IpvsError.SERVICE_NOT_DEFINED;
                case STOP_DAEMON -> IpvsError.DAEMON_NOT_RUNNING;
                // ipvs_update_service, ipvs_del_service, ipvs_zero_service, the get calls, and
                // the catch-all row { 0, ESRCH, "No such service" }.
                default -> IpvsError.NO_SUCH_SERVICE;
            };
            case EINVAL -> IpvsError.INVALID_ARGUMENT;
            case EAFNOSUPPORT -> IpvsError.ADDRESS_FAMILY_NOT_SUPPORTED;
            case ERANGE -> IpvsError.OUT_OF_RANGE;
            case ENODEV -> IpvsError.NO_SUCH_DEVICE;
            case ENOMEM -> IpvsError.MEMORY_ALLOCATION;
        };
    }
}
