package io.jlvs.control;

/** The errno values ip_vs_ctl.c and ip_vs_sync.c (and Alibaba's local-address calls) return for the commands jlvs models. */
enum KernelErrno {
    EAFNOSUPPORT,
    EEXIST,
    ENOENT,
    ESRCH,
    EINVAL,
    ERANGE,
    ENODEV,
    ENOMEM
}
