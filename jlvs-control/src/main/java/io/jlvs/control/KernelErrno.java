package io.jlvs.control;

/** The errno values ip_vs_ctl.c and ip_vs_sync.c return for the commands jlvs models. */
enum KernelErrno {
    EEXIST,
    ENOENT,
    ESRCH,
    EINVAL,
    ERANGE,
    ENODEV,
    ENOMEM
}
